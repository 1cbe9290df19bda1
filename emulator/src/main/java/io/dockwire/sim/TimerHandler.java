package io.dockwire.sim;

/**
 * Receives timers. {@code kind} and {@code arg} are whatever the owner passed to
 * {@link Simulator#schedule}, so one handler object serves all of its timers without
 * allocating a callback per timer.
 */
@FunctionalInterface
public interface TimerHandler {
    void onTimer(long now, int kind, long arg);
}
