package io.dockwire.docker.cli;

import io.dockwire.docker.DaemonException;
import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.Swarm;
import io.dockwire.docker.SwarmMember;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code docker swarm init|join|join-token|leave} and {@code docker node ls|inspect|promote|demote|rm}, as
 * docker/cli prints them (cli/command/swarm and cli/command/node, the same in 20.10 and 27).
 *
 * <p>Tutorials print the join line with placeholders: {@code docker swarm join --token <TOKEN>
 * IP-ADDRESS:PORT}. Pasted as is, {@code <TOKEN>} stands for the worker token of the swarm being
 * joined and {@code IP-ADDRESS:PORT} for its manager's address; the command says so on a
 * {@code dockwire:} line before Docker's own output.
 */
public final class SwarmCommands {
    public static final String TOKEN_PLACEHOLDER = "<TOKEN>";
    public static final String ADDRESS_PLACEHOLDER = "IP-ADDRESS:PORT";

    private final DockerEngine engine;
    private final Swarm swarm;

    SwarmCommands(DockerEngine engine) {
        this.engine = engine;
        this.swarm = engine.swarm();
    }

    Result swarm(List<String> args) {
        if (args.isEmpty()) {
            throw new Unsupported("docker swarm without a subcommand (prints its help) is not emulated");
        }
        String sub = args.get(0);
        String path = "docker swarm " + sub;
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (sub) {
                case "init" -> init(rest);
                case "join" -> join(rest);
                case "join-token" -> joinToken(rest);
                case "leave" -> leave(rest);
                default -> throw new Unsupported("'" + path + "' is not emulated");
            };
        } catch (Flags.FlagError e) {
            return Result.fail(e.getMessage() + "\nSee '" + path + " --help'.\n", 125);
        } catch (DaemonException e) {
            return Result.fail(DockerCommand.daemon(e), 1);
        }
    }

    Result node(List<String> args) {
        if (args.isEmpty()) {
            throw new Unsupported("docker node without a subcommand (prints its help) is not emulated");
        }
        String sub = args.get(0);
        String path = "docker node " + sub;
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (sub) {
                case "ls", "list" -> nodeLs(rest);
                case "inspect" -> nodeInspect(rest);
                case "promote" -> role(rest, true);
                case "demote" -> role(rest, false);
                case "rm", "remove" -> nodeRm(rest);
                default -> throw new Unsupported("'" + path + "' is not emulated");
            };
        } catch (Flags.FlagError e) {
            return Result.fail(e.getMessage() + "\nSee '" + path + " --help'.\n", 125);
        } catch (DaemonException e) {
            return Result.fail(DockerCommand.daemon(e), 1);
        }
    }

    private static void unsupported(Flags.Parsed p, String path, String... flags) {
        for (String f : flags) {
            if (p.values.containsKey(f)) {
                throw new Unsupported(path + " --" + f + " is not emulated");
            }
        }
    }

    private Result init(List<String> args) throws Flags.FlagError, DaemonException {
        Flags.Parsed p = new Flags(true).value("advertise-addr", (char) 0).value("listen-addr", (char) 0)
                .value("data-path-addr", (char) 0).value("data-path-port", (char) 0).bool("autolock", (char) 0)
                .bool("force-new-cluster", (char) 0).value("default-addr-pool", (char) 0)
                .value("default-addr-pool-mask-length", (char) 0).value("availability", (char) 0)
                .value("task-history-limit", (char) 0).value("cert-expiry", (char) 0).parse(args);
        unsupported(p, "docker swarm init", "listen-addr", "data-path-addr", "data-path-port", "autolock",
                "force-new-cluster", "default-addr-pool", "default-addr-pool-mask-length", "availability",
                "task-history-limit", "cert-expiry");
        if (!p.args.isEmpty()) {
            return Result.fail("\"docker swarm init\" accepts no arguments.\nSee 'docker swarm init --help'.\n\n"
                    + "Usage:  docker swarm init [OPTIONS]\n\nInitialize a swarm\n", 1);
        }
        String id = swarm.init(p.get("advertise-addr"));
        return Result.ok("Swarm initialized: current node (" + id + ") is now a manager.\n\n"
                + joinCommand(false) + "To add a manager to this swarm, run 'docker swarm join-token manager' and "
                + "follow the instructions.\n\n");
    }

    /** printJoinCommand: the "To add a ROLE" paragraph with the join command. */
    private String joinCommand(boolean manager) throws DaemonException {
        return "To add a " + (manager ? "manager" : "worker") + " to this swarm, run the following command:\n\n"
                + "    docker swarm join --token " + swarm.joinToken(manager) + " " + swarm.managerAddress() + "\n\n";
    }

    private Result join(List<String> args) throws Flags.FlagError, DaemonException {
        Flags.Parsed p = new Flags(true).value("token", (char) 0).value("advertise-addr", (char) 0)
                .value("listen-addr", (char) 0).value("data-path-addr", (char) 0).value("availability", (char) 0)
                .parse(args);
        unsupported(p, "docker swarm join", "listen-addr", "data-path-addr", "availability");
        if (p.args.size() != 1) {
            return Result.fail(Usage.argsError("docker swarm join", "swarm join", "exactly", 1), 1);
        }
        String remote = p.args.get(0);
        String token = p.get("token");
        StringBuilder note = new StringBuilder();
        if (remote.equals(ADDRESS_PLACEHOLDER) || TOKEN_PLACEHOLDER.equals(token)) {
            SwarmMember manager = placeholderManager(remote);
            if (manager != null) {
                if (remote.equals(ADDRESS_PLACEHOLDER)) {
                    remote = manager.address() + ":" + SwarmMember.PORT;
                    note.append("dockwire: ").append(ADDRESS_PLACEHOLDER).append(" stands for the manager's address, ")
                            .append(remote).append('\n');
                }
                if (TOKEN_PLACEHOLDER.equals(token)) {
                    token = manager.engine().swarm().joinToken(false);
                    note.append("dockwire: ").append(TOKEN_PLACEHOLDER).append(" stands for the worker token ")
                            .append(manager.hostname()).append(" printed, ").append(token).append('\n');
                }
            }
        }
        boolean asManager = swarm.join(token, remote, p.get("advertise-addr"));
        return Result.ok(note + "This node joined a swarm as a " + (asManager ? "manager" : "worker") + ".\n");
    }

    /** The manager a placeholder join line means: the one at the address given, else the first swarm's leader. */
    private SwarmMember placeholderManager(String remote) {
        return swarm.lan().placeholderManager(remote.equals(ADDRESS_PLACEHOLDER) ? null : remote);
    }

    private Result joinToken(List<String> args) throws Flags.FlagError, DaemonException {
        Flags.Parsed p = new Flags(true).bool("quiet", 'q').bool("rotate", (char) 0).parse(args);
        unsupported(p, "docker swarm join-token", "rotate");
        if (p.args.size() != 1) {
            return Result.fail(Usage.argsError("docker swarm join-token", "swarm join-token", "exactly", 1), 1);
        }
        String role = p.args.get(0);
        if (!role.equals("worker") && !role.equals("manager")) {
            return Result.fail("unknown role " + role + "\n", 1);
        }
        boolean manager = role.equals("manager");
        if (p.has("quiet")) {
            return Result.ok(swarm.joinToken(manager) + "\n");
        }
        return Result.ok(joinCommand(manager));
    }

    private Result leave(List<String> args) throws Flags.FlagError, DaemonException {
        Flags.Parsed p = new Flags(true).bool("force", 'f').parse(args);
        if (!p.args.isEmpty()) {
            return Result.fail("\"docker swarm leave\" accepts no arguments.\nSee 'docker swarm leave --help'.\n\n"
                    + "Usage:  docker swarm leave [OPTIONS]\n\nLeave the swarm\n", 1);
        }
        swarm.leave(p.has("force"));
        return Result.ok("Node left the swarm.\n");
    }

    /**
     * {@code docker node ls [-q]}: the API lists nodes by ID; the CLI sorts them by hostname in
     * natural order (a stable insertion sort for small lists, so ties stay by ID).
     */
    private Result nodeLs(List<String> args) throws Flags.FlagError, DaemonException {
        Flags.Parsed p = new Flags(true).bool("quiet", 'q').value("filter", 'f').value("format", (char) 0).parse(args);
        List<SwarmMember> nodes = filtered(new ArrayList<>(swarm.nodes()), p.all("filter"));
        nodes.sort(Comparator.comparing(SwarmMember::id));
        nodes.sort((a, b) -> NaturalOrder.compare(a.hostname(), b.hostname()));
        StringBuilder sb = new StringBuilder();
        if (p.has("quiet")) {
            nodes.forEach(n -> sb.append(n.id()).append('\n'));
            return Result.ok(sb.toString());
        }
        if (p.get("format") != null) {
            // docker/cli's node formatter: the fields and column names of its nodeContext.
            Map<String, Object> header = Json.obj();
            String[][] columns = {{"ID", "ID"}, {"Self", ""}, {"Hostname", "HOSTNAME"}, {"Status", "STATUS"},
                    {"Availability", "AVAILABILITY"}, {"ManagerStatus", "MANAGER STATUS"}, {"TLSStatus", "TLS STATUS"},
                    {"EngineVersion", "ENGINE VERSION"}};
            for (String[] c : columns) {
                header.put(c[0], c[1]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SwarmMember n : nodes) {
                Map<String, Object> f = Json.obj();
                f.put("ID", n.id());
                f.put("Self", n == swarm.self());
                f.put("Hostname", n.hostname());
                f.put("Status", n.status());
                f.put("Availability", "Active");
                f.put("ManagerStatus", n.managerStatus());
                f.put("TLSStatus", "Ready");
                f.put("EngineVersion", n.engineVersion());
                rows.add(f);
            }
            return Result.ok(ContainerViews.formatted("docker node ls", p.get("format"), header, rows));
        }
        Table t = new Table().row("ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION");
        for (SwarmMember n : nodes) {
            t.row(n.id() + " " + (n == swarm.self() ? "*" : " "), n.hostname(), n.status(), "Active",
                    n.managerStatus(), n.engineVersion());
        }
        return Result.ok(t.render());
    }

    /**
     * {@code node ls --filter KEY=VALUE}, as the daemon's newListNodesFilters and swarmkit's
     * ListNodes apply them: values of one key are alternatives, keys all apply; {@code id} and
     * {@code name} are prefixes of the id and the hostname (NamePrefixes), {@code role} manager|worker, {@code membership}
     * accepted|pending, {@code label} and {@code node.label} match no node (none has labels here).
     */
    private static List<SwarmMember> filtered(List<SwarmMember> nodes, List<String> filters)
            throws Flags.FlagError, DaemonException {
        Map<String, List<String>> by = new java.util.LinkedHashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq < 0) {
                throw new Flags.FlagError("invalid argument \"" + f + "\" for \"-f, --filter\" flag: bad format of filter "
                        + "(expected name=value)");
            }
            by.computeIfAbsent(f.substring(0, eq), k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
        for (Map.Entry<String, List<String>> e : by.entrySet()) {
            String key = e.getKey();
            List<String> values = e.getValue();
            switch (key) {
                case "id" -> nodes.removeIf(n -> values.stream().noneMatch(v -> n.id().startsWith(v)));
                case "name" -> nodes.removeIf(n -> values.stream().noneMatch(v -> n.hostname().startsWith(v)));
                case "label", "node.label" -> nodes.clear();
                case "role", "membership" -> {
                    List<String> allowed = key.equals("role") ? List.of("manager", "worker") : List.of("accepted", "pending");
                    for (String v : values) {
                        if (!allowed.contains(v.toLowerCase(java.util.Locale.ROOT))) {
                            throw new DaemonException("Invalid " + key + " filter: '" + v + "'");
                        }
                    }
                    if (key.equals("role")) {
                        nodes.removeIf(n -> !values.contains(n.manager() ? "manager" : "worker"));
                    } else {
                        nodes.removeIf(n -> !values.contains("accepted")); // every node here was accepted
                    }
                }
                default -> throw new DaemonException("Invalid filter '" + key + "'");
            }
        }
        return nodes;
    }

    /**
     * {@code docker node inspect [--pretty] NODE...}: JSON (an array) or the pretty text; an
     * unknown node leaves its place out and prints the CLI's error (20.10's StatusError wording).
     */
    private Result nodeInspect(List<String> args) throws Flags.FlagError, DaemonException {
        Flags.Parsed p = new Flags(true).bool("pretty", (char) 0).value("format", 'f').parse(args);
        GoTemplate format = p.get("format") == null ? null : GoTemplate.parse(p.get("format"));
        if (p.args.isEmpty()) {
            return Result.fail(Usage.argsError("docker node inspect", "node inspect", "at least", 1), 1);
        }
        boolean pretty = p.has("pretty");
        boolean wraps = engine.profile().cli().wrapsNotFound();
        try {
            swarm.requireManager();
        } catch (DaemonException e) {
            return new Result(pretty ? "" : "[]\n", wraps ? "Status: Error response from daemon: " + e.getMessage()
                    + ", Code: 1\n" : DockerCommand.daemon(e), 1, null, null, null);
        }
        List<Object> found = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String ref : p.args) {
            SwarmMember n = swarm.findNode(ref);
            if (n == null) {
                // Not confirmed for the 27 CLI: its wording of a missing node.
                err.append(wraps ? "Status: Error: No such node: " + ref + ", Code: 1\n"
                        : "Error response from daemon: node " + ref + " not found\n");
                continue;
            }
            if (pretty) {
                text.append(text.length() > 0 ? "\n\n" : "").append(NodeViews.pretty(swarm, n));
            } else {
                found.add(NodeViews.inspect(swarm, n));
            }
        }
        String out = pretty ? text.toString() : format != null ? ContainerCommands.formatted(format, found)
                : Json.write(found) + "\n";
        return new Result(out, err.toString(), err.length() == 0 ? 0 : 1, null, null, null);
    }

    /**
     * {@code docker node rm [-f] NODE...}: each node removed is echoed as typed; the errors (the
     * daemon's, per node) come together at the end, as the CLI collects them.
     */
    private Result nodeRm(List<String> args) throws Flags.FlagError, DaemonException {
        Flags.Parsed p = new Flags(true).bool("force", 'f').parse(args);
        if (p.args.isEmpty()) {
            return Result.fail(Usage.argsError("docker node rm", "node rm", "at least", 1), 1);
        }
        swarm.requireManager();
        StringBuilder out = new StringBuilder();
        List<String> errs = new java.util.ArrayList<>();
        for (String ref : p.args) {
            try {
                SwarmMember n = swarm.findNode(ref);
                if (n == null) {
                    // 20.10's API client turns the 404 into its own text (wrapResponseError).
                    errs.add(engine.profile().cli().wrapsNotFound() ? DockerCommand.notFound("node", ref).stripTrailing()
                            : "Error response from daemon: node " + ref + " not found");
                    continue;
                }
                swarm.removeNode(n, p.has("force"));
                out.append(ref).append('\n');
            } catch (DaemonException e) {
                errs.add(DockerCommand.daemon(e).stripTrailing());
            }
        }
        return new Result(out.toString(), errs.isEmpty() ? "" : String.join("\n", errs) + "\n", errs.isEmpty() ? 0 : 1,
                null, null, null);
    }

    private Result role(List<String> args, boolean promote) throws Flags.FlagError, DaemonException {
        Flags.Parsed p = new Flags(true).parse(args);
        String key = promote ? "node promote" : "node demote";
        if (p.args.isEmpty()) {
            return Result.fail(Usage.argsError("docker " + key, key, "at least", 1), 1);
        }
        StringBuilder out = new StringBuilder();
        for (String ref : p.args) {
            SwarmMember n = swarm.findNode(ref);
            if (n == null) {
                return new Result(out.toString(), engine.profile().cli().wrapsNotFound()
                        ? DockerCommand.notFound("node", ref)
                        : "Error response from daemon: node " + ref + " not found\n", 1, null, null, null);
            }
            if (!swarm.setManager(n, promote)) {
                out.append("Node ").append(ref).append(promote ? " is already a manager.\n" : " is already a worker.\n");
            } else {
                out.append(promote ? "Node " + ref + " promoted to a manager in the swarm.\n"
                        : "Manager " + ref + " demoted in the swarm.\n");
            }
        }
        return Result.ok(out.toString());
    }
}
