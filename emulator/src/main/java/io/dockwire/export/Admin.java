package io.dockwire.export;

import java.util.List;

/**
 * An administration line typed in the scenario (ip, iptables, sysctl, bridge ...), replayed in
 * its namespace. Unlike the engine's commands, a failure does not stop the script: scenarios
 * show failing commands on purpose, and the transcript prints the exit status as the emulator does.
 */
final class Admin {
    private Admin() {
    }

    static String line(String ns, List<String> argv) {
        return line(Scope.Machine.FIRST, ns, argv);
    }

    /** The line typed on machine {@code m} in its namespace {@code ns} (null: its root). */
    static String line(Scope.Machine m, String ns, List<String> argv) {
        String cmd = argv.get(0);
        String line;
        if (cmd.equals("brctl")) {
            if (argv.size() >= 2 && argv.get(1).equals("show")) {
                line = Scope.line(m, ns, List.of("bridge", "link", "show"));
            } else {
                return "# not replayed (brctl is not installed on modern hosts; use ip link / bridge): " + Scope.words(argv);
            }
        } else if (cmd.equals("nstat")) {
            // nstat keeps its history in a file shared by every namespace: give each its own.
            line = "ip netns exec " + Scope.ns(m.name(ns)) + " env \"NSTAT_HISTORY=$OUT/nstat."
                    + m.name(ns) + "\" " + Scope.words(argv);
        } else {
            line = LinuxExport.kernelLine(m, ns, argv);
        }
        if (line.startsWith("#")) {
            return line;
        }
        return line + " || echo \"exit status $?\"";
    }
}
