package io.dockwire.docker;

import java.util.List;

/**
 * The seam between the Docker engine model and the emulated host: the engine programs the kernel
 * the way libnetwork does, as the argv of real commands ({@code ip}, {@code iptables},
 * {@code sysctl}), so the same lists can be executed by the emulated kernel or printed as a bash
 * script that a real Linux host runs.
 *
 * <p>Long-running processes (a container's main process, {@code docker-proxy}) are not kernel
 * state; they are announced with {@link #spawn} / {@link #kill} under a handle the engine picks.
 */
public interface KernelProgrammer {
    /**
     * Runs one command.
     *
     * @param namespace null for the host; otherwise the named network namespace (what
     *                  {@code ip netns exec NAME} would enter). {@code ip -n NAME ...} commands are
     *                  issued with a null namespace, exactly as typed on the host.
     */
    void exec(String namespace, List<String> argv);

    /**
     * Announces that network namespace {@code netns} is about to be created as container
     * {@code container}'s sandbox: lets an emulator label captures {@code c1:eth0} instead of
     * the sandbox id. Real hosts ignore it.
     */
    default void sandbox(String netns, String container) {
    }

    /**
     * Starts a long-running process in a namespace (null = host); {@code handle} names it for
     * {@link #kill}. Throws {@link SpawnException} when the process fails at once (nothing to kill then).
     */
    default void spawn(String handle, String namespace, List<String> argv) {
    }

    /**
     * The value of a host sysctl as {@code sysctl -n KEY} prints it (dockerd reads
     * /proc/sys/net/ipv4/ip_local_port_range when it starts), null when it cannot be read.
     */
    default String readSysctl(String key) {
        return null;
    }

    /** Ends the process started under {@code handle}. */
    default void kill(String handle) {
    }
}
