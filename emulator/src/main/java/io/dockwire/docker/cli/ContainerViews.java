package io.dockwire.docker.cli;

import io.dockwire.docker.Container;
import io.dockwire.docker.PortMapping;
import io.dockwire.docker.PortSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** `docker ps` and `docker port`; `docker inspect` of containers is {@link ContainerInspect}. */
final class ContainerViews {
    private ContainerViews() {
    }

    /** The ps table, newest container first. */
    /** What ps lists, in its order: newest first (same millisecond: reverse creation order). */
    private static List<Container> listed(List<Container> all, boolean showAll) {
        List<Container> list = new ArrayList<>();
        for (Container c : all) {
            if (showAll || c.running()) {
                list.add(c);
            }
        }
        java.util.Collections.reverse(list);
        list.sort(Comparator.comparingLong(Container::createdMillis).reversed());
        return list;
    }

    /** ps --format: the template over each container's fields; "table ..." adds a header and aligns the tabs. */
    static String psFormatted(List<Container> all, long now, boolean showAll, boolean noTrunc, String format) {
        Map<String, Object> header = Json.obj();
        for (String[] h : new String[][] {{"ID", "CONTAINER ID"}, {"Image", "IMAGE"}, {"Command", "COMMAND"},
                {"CreatedAt", "CREATED AT"}, {"RunningFor", "CREATED"}, {"Ports", "PORTS"}, {"State", "STATE"},
                {"Status", "STATUS"}, {"Size", "SIZE"}, {"Names", "NAMES"}, {"Labels", "LABELS"},
                {"Mounts", "MOUNTS"}, {"Networks", "NETWORKS"}}) {
            header.put(h[0], h[1]);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Container c : listed(all, showAll)) {
            String cmd = commandText(c.command());
            Map<String, Object> f = Json.obj();
            f.put("ID", noTrunc ? c.id() : c.shortId());
            f.put("Image", c.image().reference());
            f.put("Command", quote(noTrunc ? cmd : ellipsis(cmd, 20)));
            f.put("CreatedAt", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'")
                    .format(java.time.Instant.ofEpochMilli(c.createdMillis()).atZone(java.time.ZoneOffset.UTC)));
            f.put("RunningFor", HumanTime.duration(now - c.createdMillis()) + " ago");
            f.put("Ports", ports(c));
            f.put("State", c.state().name().toLowerCase(java.util.Locale.ROOT));
            f.put("Status", status(c, now));
            f.put("Size", "0B");
            f.put("Names", c.name());
            f.put("Labels", "");
            f.put("Mounts", "");
            f.put("Networks", String.join(",", new java.util.TreeSet<>(c.networkNames())));
            rows.add(f);
        }
        return formatted("docker ps", format, header, rows);
    }

    /**
     * A list command's --format (docker/cli's formatter.Context): the template over each row's
     * fields, one line each; "table ..." adds the header row (the template over the column
     * names) and aligns the cells at the tabs as tabwriter does.
     */
    static String formatted(String command, String format, Map<String, Object> header, List<Map<String, Object>> rows) {
        // formatter.Context.preFormat: "table" is a directive; \t and \n typed literally are a tab and a newline.
        String f0 = format.replace("\\t", "\t").replace("\\n", "\n");
        boolean table = f0.startsWith("table ") || f0.startsWith("table\t");
        GoTemplate t = GoTemplate.parse(table ? f0.substring(6) : f0);
        List<String> lines = new ArrayList<>();
        if (table) {
            lines.add(t.execute(header));
        }
        for (Map<String, Object> row : rows) {
            lines.add(t.execute(row));
        }
        if (!table) {
            StringBuilder sb = new StringBuilder();
            lines.forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        }
        // tabwriter: cells end at tabs; a line's text after its last tab is not aligned.
        Table out = new Table();
        int cols = -1;
        for (String l : lines) {
            String[] cells = l.split("\t", -1);
            if (cols >= 0 && cells.length != cols) {
                throw new Unsupported(command + " --format table with rows of different column counts is not emulated");
            }
            cols = cells.length;
            out.row(cells);
        }
        return out.render();
    }

    static String ps(List<Container> all, long now, boolean showAll, boolean quiet, boolean noTrunc) {
        List<Container> list = listed(all, showAll);
        if (quiet) {
            StringBuilder sb = new StringBuilder();
            list.forEach(c -> sb.append(noTrunc ? c.id() : c.shortId()).append('\n'));
            return sb.toString();
        }
        Table t = new Table().row("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
        for (Container c : list) {
            String cmd = commandText(c.command());
            t.row(noTrunc ? c.id() : c.shortId(), c.image().reference(),
                    quote(noTrunc ? cmd : ellipsis(cmd, 20)),
                    HumanTime.duration(now - c.createdMillis()) + " ago", status(c, now), ports(c), c.name());
        }
        return t.render();
    }

    /** daemon/list.go: Path and Args joined by spaces, an argument containing a space in single quotes. */
    static String commandText(List<String> argv) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            words.add(i > 0 && a.contains(" ") ? "'" + a + "'" : a);
        }
        return String.join(" ", words);
    }

    /** State.String(): "Up 2 minutes", "Exited (0) 5 seconds ago", "Created". */
    static String status(Container c, long now) {
        return switch (c.state()) {
            case RUNNING -> "Up " + HumanTime.duration(now - c.startedMillis());
            case EXITED -> "Exited (" + c.exitCode() + ") " + HumanTime.duration(now - c.finishedMillis()) + " ago";
            case CREATED -> "Created";
        };
    }

    /**
     * The PORTS cell (DisplayablePorts): published ports as ip:host->ctr/proto, exposed but
     * unpublished ones as ctr/proto, sorted by container port; only IPv4 bindings (the profile
     * has IPv6 off, so no ":::8080->80/tcp" twin).
     */
    static String ports(Container c) {
        if (!c.running() || c.networkMode().equals("host") || c.networkMode().equals("none")) {
            // NetworkSettings.Ports is reset when the container stops and never set for host/none.
            return "";
        }
        // The API's port list: the published ports, then the exposed ones (no IP, public port 0).
        List<PortMapping> ports = new ArrayList<>(c.ports());
        for (String key : exposed(c)) {
            if (c.ports().stream().noneMatch(m -> m.key().equals(key))) {
                String[] kp = key.split("/");
                ports.add(new PortMapping("", 0, Integer.parseInt(kp[0]), kp[1]));
            }
        }
        // formatter.DisplayablePorts: sorted by private port, public port, type, IP; a port
        // published on its own number groups with its neighbours into ranges per IP and type;
        // one published elsewhere is listed on its own, after the groups.
        ports.sort(Comparator.comparingInt(PortMapping::containerPort).thenComparingInt(PortMapping::hostPort)
                .thenComparing(PortMapping::proto).thenComparing(PortMapping::hostIp));
        java.util.Map<String, int[]> groups = new java.util.HashMap<>();
        List<String> keys = new ArrayList<>();
        List<String> result = new ArrayList<>();
        List<String> hostMappings = new ArrayList<>();
        for (PortMapping p : ports) {
            int cur = p.containerPort();
            String key = p.proto();
            if (!p.hostIp().isEmpty()) {
                if (p.hostPort() != cur) {
                    hostMappings.add(p.hostIp() + ":" + p.hostPort() + "->" + cur + "/" + p.proto());
                    continue;
                }
                key = p.hostIp() + "/" + p.proto();
            }
            int[] g = groups.get(key);
            if (g == null) {
                groups.put(key, new int[] {cur, cur});
                keys.add(key);
            } else if (cur == g[1] + 1) {
                g[1] = cur;
            } else {
                result.add(portGroup(key, g));
                groups.put(key, new int[] {cur, cur});
            }
        }
        for (String key : keys) {
            result.add(portGroup(key, groups.get(key)));
        }
        result.addAll(hostMappings);
        return String.join(", ", result);
    }

    /** formatter.formGroup: "80-81/tcp", or with an IP "0.0.0.0:80-81->80-81/tcp". */
    private static String portGroup(String key, int[] g) {
        String[] parts = key.split("/");
        String group = g[0] == g[1] ? Integer.toString(g[0]) : g[0] + "-" + g[1];
        return parts.length > 1 ? parts[0] + ":" + group + "->" + group + "/" + parts[1] : group + "/" + parts[0];
    }

    /** The image's EXPOSE ports plus -p container ports: Config.ExposedPorts. */
    static List<String> exposed(Container c) {
        TreeMap<String, Boolean> keys = new TreeMap<>();
        c.image().exposed().forEach(k -> keys.put(k, true));
        for (PortSpec p : c.spec().ports()) {
            keys.put(p.key(), true);
        }
        return new ArrayList<>(keys.keySet());
    }

    /** `docker port CONTAINER`: "80/tcp -> 0.0.0.0:8080" lines, sorted by container port. */
    static String port(Container c) {
        List<PortMapping> list = new ArrayList<>(c.ports());
        list.sort(Comparator.comparingInt(PortMapping::containerPort).thenComparing(PortMapping::proto)
                .thenComparingInt(PortMapping::hostPort));
        StringBuilder sb = new StringBuilder();
        for (PortMapping m : list) {
            sb.append(m.key()).append(" -> ").append(m.hostIp()).append(':').append(m.hostPort()).append('\n');
        }
        return sb.toString();
    }

    /** formatter.Ellipsis: at most n runes, the last replaced by "…" when cut. */
    static String ellipsis(String s, int n) {
        if (s.codePointCount(0, s.length()) <= n) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, n - 1)) + "…";
    }

    /** Go's strconv.Quote for the printable text ps shows. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
