package io.dockwire.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Name data the data plane serves: the embedded DNS records (127.0.0.11) of user-defined
 * networks, and each container's /etc/hosts, /etc/resolv.conf and legacy --link environment.
 */
public final class Names {
    /** The embedded DNS server address inside every container on a user-defined network. */
    public static final String EMBEDDED_DNS = "127.0.0.11";

    private final DockerEngine engine;
    private final String hostResolvConf;

    /** @param hostResolvConf the host's /etc/resolv.conf, which the default bridge copies */
    public Names(DockerEngine engine, String hostResolvConf) {
        this.engine = engine;
        this.hostResolvConf = hostResolvConf;
    }

    /**
     * A user-defined network's A records (lower-case name to IPv4): each running container's
     * name, network aliases, --link aliases and short id. Empty for the default bridge, host and
     * none: they have no embedded DNS.
     */
    public Map<String, String> records(Network net) {
        Map<String, String> r = new TreeMap<>();
        if (!net.isUserDefined()) {
            return r;
        }
        List<Endpoint> eps = new ArrayList<>();
        if (net.isOverlay()) {
            // The network's endpoint_table: every node's containers (gossip), not only this one's.
            for (ClusterNetwork.Peer p : net.cluster.peers()) {
                if (p.container() != null) {
                    eps.add(p.container());
                }
            }
        } else {
            eps.addAll(net.endpoints.values());
        }
        for (Endpoint ep : eps) {
            if (ep.container == null || ep.displayName != null) {
                continue; // a sandbox's gateway endpoint has no name
            }
            String ip = ep.ip();
            r.putIfAbsent(ep.container.name.toLowerCase(Locale.ROOT), ip);
            for (String a : ep.aliases) {
                r.putIfAbsent(a.toLowerCase(Locale.ROOT), ip);
            }
            r.putIfAbsent(ep.container.shortId(), ip);
        }
        return r;
    }

    /**
     * What the embedded DNS answers to {@code name} asked from inside {@code from}: searched over
     * the container's user-defined networks in connection order, including its --link aliases;
     * null when unknown (then the resolver forwards to the host's servers) or when the container
     * is on no user-defined network (no embedded DNS at all).
     */
    public String resolve(Container from, String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.endsWith(".")) {
            key = key.substring(0, key.length() - 1);
        }
        for (Endpoint ep : from.endpoints.values()) {
            if (!ep.network.isUserDefined()) {
                continue;
            }
            for (String[] link : links(from)) {
                Container target = engine.findContainer(link[0]);
                if (link[1].toLowerCase(Locale.ROOT).equals(key) && target != null) {
                    Endpoint t = target.endpoints.get(ep.network.name);
                    if (t != null) {
                        return t.ip();
                    }
                }
            }
            String ip = records(ep.network).get(key);
            if (ip != null) {
                return ip;
            }
        }
        return null;
    }

    /** Whether the container's resolver is the embedded DNS (it is on a user-defined network). */
    public boolean usesEmbeddedDns(Container c) {
        for (String net : c.netConfig.keySet()) {
            Network n = engine.findNetwork(net);
            if (n != null && n.isUserDefined()) {
                return true;
            }
        }
        return false;
    }

    /** /etc/hosts as Docker writes it: defaults, --link entries, then the container's own addresses. */
    public String hosts(Container c) {
        StringBuilder sb = new StringBuilder();
        sb.append("127.0.0.1\tlocalhost\n");
        sb.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        sb.append("fe00::0\tip6-localnet\n");
        sb.append("ff00::0\tip6-mcastprefix\n");
        sb.append("ff02::1\tip6-allnodes\n");
        sb.append("ff02::2\tip6-allrouters\n");
        Endpoint bridgeEp = c.endpoints.get("bridge");
        if (bridgeEp != null) {
            // moby buildSandboxOptions: "alias hostname [name]" for each link on the default bridge.
            for (String[] link : links(c)) {
                Container t = engine.findContainer(link[0]);
                Endpoint te = t == null ? null : t.endpoints.get("bridge");
                if (te != null) {
                    String names = link[1] + " " + t.shortId() + (link[1].equals(t.name) ? "" : " " + t.name);
                    sb.append(te.ip()).append('\t').append(names).append('\n');
                }
            }
        }
        if (!c.networkMode().equals("host")) {
            // The sandbox adds "IP hostname" for each endpoint as it joins, in connection order.
            for (Endpoint ep : c.endpoints.values()) {
                if (ep.ip() != null) {
                    sb.append(ep.ip()).append('\t').append(c.shortId()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /**
     * /etc/resolv.conf as moby's resolvconf package generates it (header, nameservers, search,
     * options, then the summary comments): the embedded DNS with ndots:0 on user-defined networks
     * (the host's servers become "ExtServers", reached from the host namespace), the host's
     * servers ("legacy") on the default bridge. Before moby 25 (20.10) the same lines without the
     * header and the comments (libnetwork's resolvconf.FilterResolvDNS / build).
     */
    public String resolvConf(Container c) {
        StringBuilder sb = new StringBuilder();
        boolean notes = engine.profile().daemon().resolvConfNotes();
        if (notes) {
            sb.append("# Generated by Docker Engine.\n");
            sb.append("# This file can be edited; Docker Engine will not make further changes once it\n");
            sb.append("# has been modified.\n\n");
        }
        List<String> search = hostDirective("search");
        List<String> options = hostDirective("options");
        if (usesEmbeddedDns(c)) {
            sb.append("nameserver ").append(EMBEDDED_DNS).append('\n');
            appendDirective(sb, "search", search);
            List<String> opts = new ArrayList<>(options);
            opts.removeIf(o -> o.startsWith("ndots:"));
            opts.add("ndots:0");
            appendDirective(sb, "options", opts);
            if (!notes) {
                return sb.toString();
            }
            sb.append("\n# Based on host file: '/etc/resolv.conf' (internal resolver)\n");
            List<String> ext = new ArrayList<>();
            hostNameservers().forEach(ns -> ext.add("host(" + ns + ")"));
            if (!ext.isEmpty()) {
                sb.append("# ExtServers: [").append(String.join(" ", ext)).append("]\n");
            }
            sb.append("# Overrides: []\n");
            sb.append("# Option ndots from: internal\n");
        } else {
            hostNameservers().forEach(ns -> sb.append("nameserver ").append(ns).append('\n'));
            appendDirective(sb, "search", search);
            appendDirective(sb, "options", options);
            if (!notes) {
                return sb.toString();
            }
            sb.append("\n# Based on host file: '/etc/resolv.conf' (legacy)\n");
            sb.append("# Overrides: []\n");
        }
        return sb.toString();
    }

    private static void appendDirective(StringBuilder sb, String name, List<String> values) {
        if (!values.isEmpty()) {
            sb.append(name).append(' ').append(String.join(" ", values)).append('\n');
        }
    }

    /** The words after a directive of the host's resolv.conf (the last occurrence wins, as in libc). */
    private List<String> hostDirective(String name) {
        List<String> out = List.of();
        for (String line : hostResolvConf.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 2 && w[0].equals(name)) {
                out = List.of(w).subList(1, w.length);
            }
        }
        return out;
    }

    /** The host's upstream DNS servers (nameserver lines of its resolv.conf). */
    public List<String> hostNameservers() {
        List<String> out = new ArrayList<>();
        for (String line : hostResolvConf.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 2 && w[0].equals("nameserver")) {
                out.add(w[1]);
            }
        }
        return out;
    }

    /**
     * The legacy-link environment of a container (moby's links.Link.ToEnv): per link
     * ALIAS_PORT, ALIAS_PORT_n_PROTO(_ADDR/_PORT/_PROTO), ALIAS_NAME=/parent/alias and
     * ALIAS_ENV_K=V from the child's -e variables; then the container's own -e variables.
     */
    public List<String> environment(Container c) {
        List<String> env = new ArrayList<>();
        for (String[] link : links(c)) {
            Container t = engine.findContainer(link[0]);
            if (t == null || t.endpoints.isEmpty()) {
                continue;
            }
            String ip = t.endpoints.values().iterator().next().ip();
            if (ip == null) {
                continue;
            }
            String alias = link[1].toUpperCase(Locale.ROOT).replace('-', '_');
            List<int[]> ports = new ArrayList<>();
            List<String> protos = new ArrayList<>();
            for (String e : t.image.exposed()) {
                String[] pp = e.split("/");
                ports.add(new int[] {Integer.parseInt(pp[0])});
                protos.add(pp[1]);
            }
            if (!ports.isEmpty()) {
                env.add(alias + "_PORT=" + protos.get(0) + "://" + ip + ":" + ports.get(0)[0]);
            }
            for (int i = 0; i < ports.size(); i++) {
                String p = Integer.toString(ports.get(i)[0]);
                String proto = protos.get(i);
                String prefix = alias + "_PORT_" + p + "_" + proto.toUpperCase(Locale.ROOT);
                env.add(prefix + "=" + proto + "://" + ip + ":" + p);
                env.add(prefix + "_ADDR=" + ip);
                env.add(prefix + "_PORT=" + p);
                env.add(prefix + "_PROTO=" + proto);
            }
            env.add(alias + "_NAME=/" + c.name + "/" + link[1]);
            for (String kv : t.spec.env()) {
                int eq = kv.indexOf('=');
                if (eq > 0 && !kv.startsWith("HOME=") && !kv.startsWith("PATH=")) {
                    env.add(alias + "_ENV_" + kv.substring(0, eq) + "=" + kv.substring(eq + 1));
                }
            }
        }
        env.addAll(c.spec.env());
        return env;
    }

    /** {target, alias} of each --link. */
    private static List<String[]> links(Container c) {
        List<String[]> out = new ArrayList<>();
        for (String link : c.spec.links()) {
            String[] parts = link.split(":", 2);
            out.add(new String[] {parts[0], parts.length > 1 ? parts[1] : parts[0]});
        }
        return out;
    }
}
