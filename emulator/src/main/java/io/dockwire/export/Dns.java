package io.dockwire.export;

import io.dockwire.apps.AppEnv;
import io.dockwire.apps.DnsServer;
import io.dockwire.docker.Container;
import io.dockwire.scenario.DockerNode;
import io.dockwire.scenario.ScenarioWorld;
import io.dockwire.scenario.ScenarioPrograms;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names on the real machine, as the emulated world has them: the world's DNS servers (the LAN
 * gateway 192.168.1.1 and 8.8.8.8) and Docker's embedded DNS (127.0.0.11 in each container on a
 * user-defined network) become the script's dns.py with the emulated servers' records, TTLs and
 * answers; each namespace gets the /etc/resolv.conf, /etc/hosts and a plain nsswitch.conf its
 * emulated programs read, through {@code ip netns exec}'s bind mounts of
 * {@code /etc/netns/${P}NS/} (written by the script's {@code netns_file}, removed by its teardown).
 * So the real tools ask only the script's own servers, never the machine's resolver.
 */
final class Dns {
    /** Where the internet resolver's records are (one "name address" a line). */
    private static final String INTERNET_RECORDS = "\"$OUT/dns-internet.records\"";
    /** glibc reads hosts and DNS only (no systemd-resolved, mDNS or NIS of the machine). */
    static final String NSSWITCH = "hosts: files dns\nnetworks: files\n";
    private static final String END = "DWEND";

    private final ScenarioWorld host;
    /** "ns/file" to what the script last wrote there. */
    private final Map<String, String> files = new HashMap<>();
    /** Container netns to its embedded DNS's records as last written. */
    private final Map<String, String> embedded = new LinkedHashMap<>();

    Dns(ScenarioWorld host) {
        this.host = host;
    }

    /** The world's DNS servers (ScenarioPrograms.WORLD_DNS), started once the world is built. */
    static String world() {
        StringBuilder sb = new StringBuilder();
        sb.append("cat >").append(INTERNET_RECORDS).append(" <<'").append(END).append("'\n")
                .append(records(DnsServer.WELL_KNOWN)).append(END).append('\n');
        ScenarioPrograms.WORLD_DNS.forEach((ns, address) -> sb.append("spawn dns-").append(ns).append(' ')
                .append(ns).append(" python3 \"$OUT/dns.py\" ").append(address).append(' ')
                .append(DnsServer.INTERNET_TTL).append(" internet ").append(INTERNET_RECORDS).append('\n')
                .append("wait_listen ").append(ns).append(" 53 udp\n"));
        return sb.toString();
    }

    /**
     * Script lines giving namespace {@code ns} (null = the Docker host) the resolver files of a
     * program run in {@code c} (null: the host or a machine of the world); empty when unchanged.
     */
    String files(String ns, Container c) {
        return files(ns, host.host(), c);
    }

    /** {@link #files(String, Container)} for a program on Docker host {@code node} ({@code c} is one of its). */
    String files(String ns, DockerNode node, Container c) {
        String where = ns == null ? Scope.HOST : ns;
        Scope.ns(where); // validates
        AppEnv env = ScenarioPrograms.environment(node, c);
        StringBuilder sb = new StringBuilder();
        file(sb, where, "resolv.conf", env.resolvConf());
        file(sb, where, "hosts", env.hosts());
        file(sb, where, "nsswitch.conf", NSSWITCH);
        return sb.toString();
    }

    private void file(StringBuilder sb, String ns, String name, String text) {
        if (text.equals(files.put(ns + "/" + name, text))) {
            return;
        }
        sb.append("netns_file ").append(ns).append(' ').append(name).append(" <<'").append(END).append("'\n")
                .append(text.endsWith("\n") || text.isEmpty() ? text : text + "\n").append(END).append('\n');
    }

    /**
     * Keeps the embedded DNS servers in step with the containers (after each docker line, as
     * ScenarioPrograms.afterDocker does in the emulator): a server for each running container on
     * a user-defined network, its records rewritten when its networks change (dns.py reads them
     * for every query), stopped when the container stops.
     */
    String embedded() {
        StringBuilder sb = new StringBuilder();
        Map<String, String> now = new LinkedHashMap<>();
        Map<String, DockerNode> nodeOf = new HashMap<>();
        for (DockerNode node : host.nodes()) {
            for (Container c : node.engine().containers()) {
                Map<String, String> r = ScenarioPrograms.embeddedRecords(node, c);
                if (r != null) {
                    String ns = Scope.key(node.key(c.netns()));
                    now.put(ns, records(r));
                    nodeOf.put(ns, node);
                }
            }
        }
        for (String ns : List.copyOf(embedded.keySet())) {
            if (!now.containsKey(ns)) {
                embedded.remove(ns);
                sb.append("stop_proc ").append(Processes.handle("dns-" + ns)).append('\n');
            }
        }
        now.forEach((ns, text) -> {
            DockerNode node = nodeOf.get(ns);
            List<String> upstreams = node.names().hostNameservers();
            String old = embedded.put(ns, text);
            if (text.equals(old)) {
                return;
            }
            Scope.ns(ns); // validates
            String file = "\"$OUT/dns-" + ns + ".records\"";
            sb.append("cat >").append(file).append(" <<'").append(END).append("'\n").append(text).append(END).append('\n');
            if (old == null) {
                // The emulated server forwards what it does not know to the host's first nameserver, from
                // the host's namespace (moby dials host-config nameservers there).
                sb.append("spawn ").append(Processes.handle("dns-" + ns)).append(' ').append(ns)
                        .append(" python3 \"$OUT/dns.py\" ").append(DnsServer.EMBEDDED_ADDRESS).append(' ')
                        .append(DnsServer.EMBEDDED_TTL).append(" embedded ").append(file)
                        .append(upstreams.isEmpty() ? "" : " " + Scope.quote(upstreams.get(0))
                                + (node.engine().profile().daemon().dnsFromHost()
                                ? " /run/netns/" + Scope.ns(Scope.key(node.namespace())) : ""))
                        .append('\n')
                        .append("wait_listen ").append(ns).append(" 53 udp\n");
            }
        });
        return sb.toString();
    }

    private static String records(Map<String, String> r) {
        StringBuilder sb = new StringBuilder();
        r.forEach((name, ip) -> sb.append(name).append(' ').append(ip).append('\n'));
        return sb.toString();
    }
}
