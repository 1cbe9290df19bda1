package io.dockwire.docker.cli;

import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.Swarm;
import io.dockwire.docker.SwarmMember;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code docker node inspect [--pretty]}: the node object as the API returns it (swarm.Node) and
 * docker/cli's pretty template (cli/command/node/formatter.go), checked against a real 20.10.24
 * swarm. The node describes its engine as the emulated host: 2 CPUs, the host's memory, the
 * profile's log drivers and the daemon's network drivers.
 */
final class NodeViews {
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final List<String> NETWORK_DRIVERS = List.of("bridge", "host", "ipvlan", "macvlan", "null", "overlay");

    private NodeViews() {
    }

    /** The API's swarm.Node. */
    static Map<String, Object> inspect(Swarm swarm, SwarmMember n) {
        DockerEngine e = n.engine();
        Map<String, Object> o = Json.obj();
        o.put("ID", n.id());
        o.put("Version", fields("Index", n.version()));
        o.put("CreatedAt", HumanTime.rfc3339(n.joinedMillis()));
        o.put("UpdatedAt", HumanTime.rfc3339(n.updatedMillis()));
        o.put("Spec", fields("Labels", Json.obj(), "Role", n.manager() ? "manager" : "worker", "Availability", "active"));
        List<Object> plugins = new ArrayList<>();
        for (String log : logDrivers(e)) {
            plugins.add(fields("Type", "Log", "Name", log));
        }
        for (String net : NETWORK_DRIVERS) {
            plugins.add(fields("Type", "Network", "Name", net));
        }
        plugins.add(fields("Type", "Volume", "Name", "local"));
        Map<String, Object> desc = Json.obj();
        desc.put("Hostname", n.hostname());
        desc.put("Platform", fields("Architecture", SystemCommands.HOST.architecture(), "OS", "linux"));
        desc.put("Resources", fields("NanoCPUs", SystemCommands.HOST.cpus() * 1_000_000_000L, "MemoryBytes",
                SystemCommands.HOST.memTotal()));
        desc.put("Engine", fields("EngineVersion", n.engineVersion(), "Plugins", plugins));
        desc.put("TLSInfo", fields("TrustRoot", swarm.cluster().trustRoot(), "CertIssuerSubject",
                swarm.cluster().issuerSubject(), "CertIssuerPublicKey", swarm.cluster().issuerPublicKey()));
        o.put("Description", desc);
        o.put("Status", fields("State", n.status().equals("Down") ? "down" : "ready", "Addr", n.address()));
        if (n.manager()) {
            Map<String, Object> ms = Json.obj();
            if (n.leader()) {
                ms.put("Leader", true);
            }
            ms.put("Reachability", n.status().equals("Down") ? "unreachable" : "reachable");
            ms.put("Addr", n.address() + ":" + SwarmMember.PORT);
            o.put("ManagerStatus", ms);
        }
        return o;
    }

    /** The pretty template's text for one node. */
    static String pretty(Swarm swarm, SwarmMember n) {
        StringBuilder sb = new StringBuilder();
        sb.append("ID:\t\t\t").append(n.id()).append('\n');
        sb.append("Hostname:              \t").append(n.hostname()).append('\n');
        sb.append("Joined at:             \t").append(goTime(n.joinedMillis())).append('\n');
        sb.append("Status:\n State:\t\t\t").append(n.status()).append('\n');
        sb.append(" Availability:         \tActive\n");
        sb.append(" Address:\t\t").append(n.address()).append('\n');
        if (n.manager()) {
            sb.append("Manager Status:\n Address:\t\t").append(n.address()).append(':').append(SwarmMember.PORT).append('\n');
            sb.append(" Raft Status:\t\t").append(n.status().equals("Down") ? "Unreachable" : "Reachable").append('\n');
            sb.append(" Leader:\t\t").append(n.leader() ? "Yes" : "No").append('\n');
        }
        sb.append("Platform:\n Operating System:\tlinux\n Architecture:\t\t").append(SystemCommands.HOST.architecture())
                .append('\n');
        sb.append("Resources:\n CPUs:\t\t\t").append(SystemCommands.HOST.cpus()).append('\n');
        sb.append(" Memory:\t\t").append(SystemCommands.bytesSize(SystemCommands.HOST.memTotal())).append('\n');
        sb.append("Plugins:\n");
        // {{range $k, $v := .EnginePlugins}}: a map, so by type name; one tab after names of 7 or more.
        plugin(sb, "Log", String.join(", ", logDrivers(n.engine())));
        plugin(sb, "Network", String.join(", ", NETWORK_DRIVERS));
        plugin(sb, "Volume", "local");
        sb.append("Engine Version:\t\t").append(n.engineVersion()).append('\n');
        sb.append("TLS Info:\n TrustRoot:\n").append(swarm.cluster().trustRoot()).append('\n');
        sb.append(" Issuer Subject:\t").append(swarm.cluster().issuerSubject()).append('\n');
        sb.append(" Issuer Public Key:\t").append(swarm.cluster().issuerPublicKey()).append('\n');
        return sb.toString();
    }

    private static void plugin(StringBuilder sb, String type, String names) {
        sb.append(' ').append(type).append(':').append(type.length() >= 7 ? "\t" : "\t\t").append(names).append('\n');
    }

    private static List<String> logDrivers(DockerEngine e) {
        return List.of(SystemReleases.of(e.profile()).logDrivers().split(" "));
    }

    /** Go's time.Time String() in UTC as the CLI prints it here: fraction trimmed, "+0000 utc". */
    static String goTime(long millis) {
        Instant t = Instant.ofEpochMilli(millis);
        String frac = "";
        if (t.getNano() != 0) {
            frac = String.format("%09d", t.getNano()).replaceFirst("0+$", "");
            frac = "." + frac;
        }
        return GO_TIME.format(t) + frac + " +0000 utc";
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = Json.obj();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
