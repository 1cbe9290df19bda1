package io.dockwire.docker;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link KernelProgrammer} that only records: the commands as one shell line each
 * ({@code ip netns exec NS ...} when run in a namespace), for tests and {@code export --linux}.
 */
public final class RecordingKernel implements KernelProgrammer {
    private final List<String> lines = new ArrayList<>();

    @Override
    public void exec(String namespace, List<String> argv) {
        lines.add((namespace == null ? "" : "ip netns exec " + namespace + " ") + String.join(" ", argv));
    }

    @Override
    public void spawn(String handle, String namespace, List<String> argv) {
        lines.add("# spawn " + handle + (namespace == null ? "" : " in " + namespace) + ": " + String.join(" ", argv));
    }

    @Override
    public void kill(String handle) {
        lines.add("# kill " + handle);
    }

    /** A fresh Linux host's value for ip_local_port_range; nothing else is known. */
    @Override
    public String readSysctl(String key) {
        return key.equals("net.ipv4.ip_local_port_range") ? "32768\t60999" : null;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Returns the recorded lines and forgets them. */
    public List<String> drain() {
        List<String> out = List.copyOf(lines);
        lines.clear();
        return out;
    }
}
