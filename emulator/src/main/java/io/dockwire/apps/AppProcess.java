package io.dockwire.apps;

import io.dockwire.ip.NetNamespace;
import io.dockwire.kernel.Kernel;
import io.dockwire.sim.Simulator;
import io.dockwire.tcp.TcpStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One application running in simulated time inside a namespace. It reacts to packets and its
 * own timers; output accumulates as the real tool prints it. A client ends by itself in bounded
 * simulated time (the tool's own timeouts); a server runs until {@link #stop()}. The caller
 * drives the simulator ({@code runUntil}, {@code runUntilQuiet}) and polls {@link #done()}.
 *
 * <p>Files a tool writes ({@code curl -o FILE}, {@code wget} saving {@code index.html}) are kept
 * in {@link #files()}; nothing touches the real disk.
 */
public abstract class AppProcess {
    protected final Kernel.Services host;
    protected final AppEnv env;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final Map<String, String> files = new LinkedHashMap<>();
    private final List<Runnable> timerActions = new ArrayList<>();
    private final List<Long> timerHandles = new ArrayList<>();
    private int timerHandler = -1;
    private boolean done;
    private int exitCode = -1;

    protected AppProcess(Kernel.Services host, AppEnv env) {
        this.host = host;
        this.env = env;
    }

    /** Begins running at the current simulated time (sends, listens, arms timers). */
    protected abstract void start();

    public final boolean done() {
        return done;
    }

    /** The exit status, -1 while running. */
    public final int exitCode() {
        return exitCode;
    }

    public final String stdout() {
        return out.toString();
    }

    public final String stderr() {
        return err.toString();
    }

    /** Files written by the tool, name to content, in writing order. */
    public final Map<String, String> files() {
        return files;
    }

    /** Ends a server (or a client early, like SIGTERM: exit 143); no-op once done. */
    public void stop() {
        exit(143);
    }

    // ---- for subclasses -----------------------------------------------------------------------

    protected final NetNamespace ns() {
        return host.ns();
    }

    protected final TcpStack tcp() {
        return host.tcp().stack();
    }

    protected final Simulator sim() {
        return host.ns().sim();
    }

    protected final long now() {
        return sim().now();
    }

    protected final void print(String s) {
        out.append(s);
    }

    protected final void printErr(String s) {
        err.append(s);
    }

    protected final void writeFile(String name, String content) {
        files.put(name, content);
    }

    /** Runs {@code action} after {@code delayNs} unless the process has ended; returns a handle. */
    protected final long after(long delayNs, Runnable action) {
        if (timerHandler < 0) {
            timerHandler = sim().registerTimerHandler((t, kind, arg) -> {
                if (done) {
                    return;
                }
                Runnable r = timerActions.get((int) arg);
                timerActions.set((int) arg, null);
                if (r != null) {
                    r.run();
                }
            });
        }
        timerActions.add(action);
        long h = sim().schedule(now() + delayNs, timerHandler, 0, timerActions.size() - 1);
        timerHandles.add(h);
        return h;
    }

    protected final void cancel(long handle) {
        sim().cancel(handle);
    }

    /** Ends the process: releases sockets ({@link #release}) and cancels every pending timer. */
    protected final void exit(int code) {
        if (done) {
            return;
        }
        done = true;
        exitCode = code;
        for (long h : timerHandles) {
            sim().cancel(h);
        }
        timerHandles.clear();
        timerActions.clear();
        release();
    }

    /** Closes what the process holds (sockets, listeners, ICMP registrations). */
    protected void release() {
    }
}
