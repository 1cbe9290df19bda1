package io.dockwire.export;

import io.dockwire.docker.Container;
import io.dockwire.scenario.DockerHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario's traffic line as the real tool run in the right namespace. Names are resolved at
 * export time, as the emulated world resolves them (Docker's embedded DNS, the internet's
 * names): the real machine's resolver must never be asked, so a line naming a host the emulated
 * world cannot resolve is left out, and so are DNS lookups themselves (no DNS server is built).
 */
final class Traffic {
    private static final Set<String> TOOLS = Set.of("ping", "curl", "wget", "nc", "netcat", "telnet",
            "traceroute", "arping", "nslookup", "dig", "host");
    private static final Set<String> DNS_TOOLS = Set.of("nslookup", "dig", "host");
    /** What the internet namespace answers for (DockerHost's world). */
    private static final Map<String, String> INTERNET_NAMES = Map.of(
            "google.com", "142.250.206.206", "www.google.com", "142.250.206.206", "dns.google", "8.8.8.8");
    private static final Pattern URL = Pattern.compile("^([a-z]+://)([^/:\\[\\]]+)(.*)$");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]*)(\\.[A-Za-z0-9_-]+)*\\.?");
    /** Real tools give up where an emulated one would; none may hang the script. */
    static final int TIMEOUT_SECONDS = 30;

    private Traffic() {
    }

    static boolean isTool(String cmd) {
        return TOOLS.contains(cmd);
    }

    static String line(String ns, List<String> argv, DockerHost host, Container container) {
        if (DNS_TOOLS.contains(argv.get(0))) {
            return "# not replayed: a DNS lookup (the exported world has no DNS server)";
        }
        List<String> out = new ArrayList<>();
        out.add("timeout");
        out.add(Integer.toString(TIMEOUT_SECONDS));
        if (busybox(container) && io.dockwire.apps.AppEnv.BUSYBOX_TOOLS.contains(argv.get(0))) {
            // The same flavour as the emulated container's (busybox ping counts from seq 0, iputils from 1).
            out.add("busybox");
        }
        out.add(argv.get(0));
        for (String w : argv.subList(1, argv.size())) {
            String r = resolveWord(w, host, container);
            if (r == null) {
                return "# not replayed: '" + w + "' does not resolve in the emulated world"
                        + " (the real machine's resolver must not be asked)";
            }
            out.add(r);
        }
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

    /** The word with its host name replaced by an address; null when it names an unknown host. */
    private static String resolveWord(String w, DockerHost host, Container container) {
        if (w.startsWith("-")) {
            return w;
        }
        Matcher m = URL.matcher(w);
        if (m.matches()) {
            String ip = resolve(m.group(2), host, container);
            return ip == null ? null : m.group(1) + ip + m.group(3);
        }
        if (!HOSTNAME.matcher(w).matches() || !w.matches(".*[A-Za-z].*")) {
            return w;
        }
        return resolve(w, host, container);
    }

    private static String resolve(String name, DockerHost host, Container container) {
        if (name.matches("[0-9.]+") || name.equals("localhost")) {
            return name;
        }
        String ip = container == null ? null : host.names().resolve(container, name);
        if (ip == null && container != null) {
            ip = fromHosts(host.names().hosts(container), name);
        }
        return ip != null ? ip : INTERNET_NAMES.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The address /etc/hosts gives {@code name} (--link entries on the default bridge), or null. */
    static String fromHosts(String hosts, String name) {
        for (String line : hosts.split("\n")) {
            String[] f = line.strip().split("\\s+");
            for (int i = 1; i < f.length; i++) {
                if (f[i].equalsIgnoreCase(name) && f[0].matches("[0-9.]+")) {
                    return f[0];
                }
            }
        }
        return null;
    }
}
