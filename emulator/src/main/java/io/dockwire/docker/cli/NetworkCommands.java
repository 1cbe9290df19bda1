package io.dockwire.docker.cli;

import io.dockwire.docker.Cidr;
import io.dockwire.docker.DaemonException;
import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.Network;
import io.dockwire.docker.NetworkSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `docker network create|ls|inspect|rm|connect|disconnect`. */
final class NetworkCommands {
    private final DockerEngine engine;

    NetworkCommands(DockerEngine engine) {
        this.engine = engine;
    }

    Result run(List<String> args) {
        if (args.isEmpty()) {
            throw new Unsupported("docker network without a subcommand (prints its help) is not emulated");
        }
        String sub = args.get(0);
        String path = "docker network " + sub;
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (sub) {
                case "create" -> create(path, rest);
                case "ls", "list" -> ls(path, rest);
                case "inspect" -> inspect(path, rest);
                case "rm", "remove" -> rm(path, rest);
                case "connect" -> connect(path, rest);
                case "disconnect" -> disconnect(path, rest);
                default -> throw new Unsupported("'" + path + "' is not emulated");
            };
        } catch (Flags.FlagError e) {
            return Result.fail(e.getMessage() + "\nSee '" + path + " --help'.\n", 125);
        }
    }

    private Result create(String path, List<String> args) throws Flags.FlagError {
        Flags f = new Flags(true).value("driver", 'd').value("subnet", (char) 0).value("gateway", (char) 0)
                .value("ip-range", (char) 0).bool("internal", (char) 0).value("opt", 'o').value("label", (char) 0)
                .bool("attachable", (char) 0).bool("ipv6", (char) 0).value("ipam-driver", (char) 0)
                .value("aux-address", (char) 0).value("scope", (char) 0);
        Flags.Parsed p = f.parse(args);
        for (String u : List.of("ipv6", "ipam-driver", "aux-address", "scope")) {
            if (p.values.containsKey(u)) {
                throw new Unsupported("docker network create --" + u + " is not emulated");
            }
        }
        if (p.all("subnet").size() > 1) {
            throw new Unsupported("docker network create with several --subnet is not emulated");
        }
        if (p.args.size() != 1) {
            return Result.fail(Usage.argsError(path, "network create", "exactly", 1), 1);
        }
        String subnet = p.get("subnet");
        // createIPAMConfig (CLI side): a range or gateway needs a subnet, then one that holds it.
        if (subnet == null && (p.get("gateway") != null || p.get("ip-range") != null)) {
            return Result.fail("every ip-range or gateway must have a corresponding subnet\n", 1);
        }
        if (subnet != null && p.get("ip-range") != null && !holds(subnet, p.get("ip-range"))) {
            return Result.fail("no matching subnet for range " + p.get("ip-range") + "\n", 1);
        }
        if (subnet != null && p.get("gateway") != null && !holds(subnet, p.get("gateway"))) {
            return Result.fail("no matching subnet for gateway " + p.get("gateway") + "\n", 1);
        }
        if ("overlay".equals(p.get("driver")) && keyValues(p.all("opt")).containsKey("encrypted")) {
            // A real feature (IPsec between the nodes) dockwire does not model: the run stops, file:line.
            throw new Unsupported("docker network create -o encrypted (an IPsec-encrypted overlay) is not emulated");
        }
        NetworkSpec spec = new NetworkSpec(p.args.get(0), p.get("driver") == null ? "bridge" : p.get("driver"),
                subnet, p.get("gateway"), p.get("ip-range"), p.has("internal"), keyValues(p.all("opt")),
                keyValues(p.all("label"))).attachable(p.has("attachable"));
        try {
            return Result.ok(engine.createNetwork(spec).id() + "\n");
        } catch (DaemonException e) {
            if (e.isNotEmulated()) {
                throw new Unsupported(e.getMessage());
            }
            return Result.fail(DockerCommand.daemon(e), 1);
        }
    }

    /**
     * subnetMatches: whether the subnet holds the address (or a CIDR's address); a subnet or
     * range that does not parse is the daemon's to reject, so it counts as holding here.
     */
    private static boolean holds(String subnet, String data) {
        Cidr s = Cidr.parse(subnet);
        Integer ip = data.contains("/") ? (Cidr.parse(data) == null ? null : Cidr.parse(data).address())
                : Cidr.parseIp(data);
        return s == null || ip == null || s.contains(ip);
    }

    private static Map<String, String> keyValues(List<String> kvs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : kvs) {
            int eq = kv.indexOf('=');
            m.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        return m;
    }

    private Result ls(String path, List<String> args) throws Flags.FlagError {
        Flags f = new Flags(true).bool("quiet", 'q').bool("no-trunc", (char) 0).value("filter", 'f')
                .value("format", (char) 0);
        Flags.Parsed p = f.parse(args);
        if (p.values.containsKey("filter") || p.values.containsKey("format")) {
            throw new Unsupported("docker network ls --filter/--format is not emulated");
        }
        if (!p.args.isEmpty()) {
            return Result.fail("\"" + path + "\" accepts no arguments.\nSee '" + path + " --help'.\n\nUsage:  "
                    + "docker network ls [OPTIONS]\n\nList networks\n", 1);
        }
        return Result.ok(NetworkViews.ls(engine.networks(), p.has("quiet"), p.has("no-trunc")));
    }

    private Result inspect(String path, List<String> args) throws Flags.FlagError {
        Flags f = new Flags(true).value("format", 'f').bool("verbose", 'v');
        Flags.Parsed p = f.parse(args);
        GoTemplate format = p.get("format") == null ? null : GoTemplate.parse(p.get("format"));
        if (p.args.isEmpty()) {
            return Result.fail(Usage.argsError(path, "network inspect", "at least", 1), 1);
        }
        List<Object> found = new ArrayList<>();
        StringBuilder err = new StringBuilder();
        for (String ref : p.args) {
            Network n = engine.listedNetwork(ref);
            if (n == null) {
                err.append("Error: No such network: ").append(ref).append('\n');
            } else {
                found.add(NetworkViews.inspect(engine, n, engine.profile().daemon().bridgeIpamGateway()));
            }
        }
        String out = format == null ? Json.write(found) + "\n" : ContainerCommands.formatted(format, found);
        return new Result(out, err.toString(), err.length() == 0 ? 0 : 1, null, null, null);
    }

    private Result rm(String path, List<String> args) throws Flags.FlagError {
        Flags.Parsed p = new Flags(true).bool("force", 'f').parse(args);
        if (p.args.isEmpty()) {
            return Result.fail(Usage.argsError(path, "network rm", "at least", 1), 1);
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String ref : p.args) {
            try {
                engine.removeNetwork(ref);
                out.append(ref).append('\n');
            } catch (DaemonException e) {
                boolean missing = engine.findNetwork(ref) == null;
                if (!(p.has("force") && missing)) {
                    err.append(missing && engine.profile().cli().wrapsNotFound() ? DockerCommand.notFound("network", ref)
                            : DockerCommand.daemon(e));
                }
            }
        }
        return new Result(out.toString(), err.toString(), err.length() == 0 ? 0 : 1, null, null, null);
    }

    private Result connect(String path, List<String> args) throws Flags.FlagError {
        Flags f = new Flags(true).value("ip", (char) 0).value("alias", (char) 0).value("link", (char) 0)
                .value("ip6", (char) 0).value("driver-opt", (char) 0).value("link-local-ip", (char) 0);
        Flags.Parsed p = f.parse(args);
        for (String u : List.of("link", "ip6", "driver-opt", "link-local-ip")) {
            if (p.values.containsKey(u)) {
                throw new Unsupported("docker network connect --" + u + " is not emulated");
            }
        }
        if (p.args.size() != 2) {
            return Result.fail(Usage.argsError(path, "network connect", "exactly", 2), 1);
        }
        try {
            engine.connect(p.args.get(0), p.args.get(1), p.get("ip"), p.all("alias"));
            return Result.ok("");
        } catch (DaemonException e) {
            return Result.fail(DockerCommand.daemon(e), 1);
        }
    }

    private Result disconnect(String path, List<String> args) throws Flags.FlagError {
        Flags.Parsed p = new Flags(true).bool("force", 'f').parse(args);
        if (p.args.size() != 2) {
            return Result.fail(Usage.argsError(path, "network disconnect", "exactly", 2), 1);
        }
        try {
            engine.disconnect(p.args.get(0), p.args.get(1));
            return Result.ok("");
        } catch (DaemonException e) {
            return Result.fail(DockerCommand.daemon(e), 1);
        }
    }
}
