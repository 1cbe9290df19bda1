package io.dockwire.apps;

import io.dockwire.ip.NetNamespace;
import io.dockwire.kernel.Kernel;
import io.dockwire.sim.Simulator;
import io.dockwire.tcp.TcpStack;
import java.util.LinkedHashMap;
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
    /** Pending timers by our own id: the action and the simulator's handle (insertion-ordered). */
    private final Map<Long, Runnable> timerActions = new LinkedHashMap<>();
    private final Map<Long, Long> timerHandles = new LinkedHashMap<>();
    private long nextTimerId;
    private int timerHandler = -1;
    private boolean done;
    private int exitCode = -1;

    protected AppProcess(Kernel.Services host, AppEnv env) {
        this.host = host;
        this.env = env;
    }

    /** The namespace {@code ns} (null = root) an application starts in; IllegalArgumentException if there is none. */
    static Kernel.Services services(Kernel kernel, String ns) {
        Kernel.Services s = kernel.find(ns);
        if (s == null) {
            throw new IllegalArgumentException("no such namespace, namespace=" + ns);
        }
        return s;
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

    /** Runs {@code action} after {@code delayNs} unless the process has ended; returns a handle for {@link #cancel}. */
    protected final long after(long delayNs, Runnable action) {
        if (timerHandler < 0) {
            timerHandler = sim().registerTimerHandler((t, kind, arg) -> {
                timerHandles.remove(arg);
                Runnable r = timerActions.remove(arg);
                if (r != null && !done) {
                    r.run();
                }
            });
        }
        long id = nextTimerId++;
        timerActions.put(id, action);
        timerHandles.put(id, sim().schedule(now() + delayNs, timerHandler, 0, id));
        return id;
    }

    protected final void cancel(long handle) {
        Long h = timerHandles.remove(handle);
        timerActions.remove(handle);
        if (h != null) {
            sim().cancel(h);
        }
    }

    /** Ends the process: releases sockets ({@link #release}) and cancels every pending timer. */
    protected final void exit(int code) {
        if (done) {
            return;
        }
        done = true;
        exitCode = code;
        for (long h : timerHandles.values()) {
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
