package io.dockwire.export;

import io.dockwire.docker.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A scenario's traffic line as the real tool run in the right namespace, with the words as
 * typed: names are resolved by the real tool, through the namespace's own resolv.conf and hosts
 * ({@link Dns}), so it asks only the script's DNS servers, never the real machine's resolver.
 * DNS lookup tools themselves (nslookup, dig, host) are not replayed yet.
 */
final class Traffic {
    private static final Set<String> TOOLS = Set.of("ping", "curl", "wget", "nc", "netcat", "telnet",
            "traceroute", "arping", "nslookup", "dig", "host");
    private static final Set<String> DNS_TOOLS = Set.of("nslookup", "dig", "host");
    /** Real tools give up where an emulated one would; none may hang the script. */
    static final int TIMEOUT_SECONDS = 30;

    private Traffic() {
    }

    static boolean isTool(String cmd) {
        return TOOLS.contains(cmd);
    }

    static String line(String ns, List<String> argv, Container container) {
        if (DNS_TOOLS.contains(argv.get(0))) {
            return "# not replayed: a DNS lookup tool (busybox nslookup asks with other sockets than the emulated one)";
        }
        List<String> out = new ArrayList<>();
        out.add("timeout");
        out.add(Integer.toString(TIMEOUT_SECONDS));
        if (busybox(container) && io.dockwire.apps.AppEnv.BUSYBOX_TOOLS.contains(argv.get(0))) {
            // The same flavour as the emulated container's (busybox ping counts from seq 0, iputils from 1).
            out.add("busybox");
        }
        out.addAll(argv);
        return Scope.line(ns, out) + " || echo \"exit status $?\"";
    }

    /** Whether the container's tools are BusyBox's (as the emulator decides it: busybox and alpine images). */
    static boolean busybox(Container c) {
        if (c == null || c.networkMode().equals("host")) {
            return false;
        }
        String repo = c.image().repository();
        return repo.endsWith("busybox") || repo.endsWith("alpine");
    }
}
