package io.dockwire.sim;

/**
 * Receives a frame when it reaches the far end of a link (or is injected). The callee takes
 * over one reference to {@code slot}. {@code arg} is the value given when the frame was sent.
 */
@FunctionalInterface
public interface ArrivalHandler {
    void onArrival(long now, int slot, int arg);
}
