package io.dockwire.docker.cli;

import io.dockwire.docker.Container;
import io.dockwire.docker.DaemonException;
import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.ImageCatalog;
import io.dockwire.docker.Names;
import io.dockwire.docker.Network;
import io.dockwire.docker.PortMapping;
import java.util.ArrayList;
import java.util.List;

/** ps, inspect, stop, start, rm, port, attach, exec. */
final class ContainerCommands {
    private final DockerEngine engine;
    private final Names names;

    ContainerCommands(DockerEngine engine, Names names) {
        this.engine = engine;
        this.names = names;
    }

    private static Flags.Parsed parse(Flags f, String path, List<String> args) throws Flags.FlagError {
        return f.parse(args);
    }

    private static Result flagError(String path, Flags.FlagError e) {
        return Result.fail(e.getMessage() + "\nSee '" + path + " --help'.\n", 125);
    }

    private static String key(String path) {
        return path.substring(path.lastIndexOf(' ') + 1).replace("list", "ls").replace("remove", "rm");
    }

    Result ps(String path, List<String> args) {
        Flags f = new Flags(true).bool("all", 'a').bool("quiet", 'q').bool("no-trunc", (char) 0)
                .value("format", (char) 0).value("filter", 'f').bool("latest", 'l').value("last", 'n').bool("size", 's');
        try {
            Flags.Parsed p = parse(f, path, args);
            for (String u : List.of("filter", "latest", "last", "size")) {
                if (p.values.containsKey(u)) {
                    throw new Unsupported("docker ps --" + u + " is not emulated");
                }
            }
            if (!p.args.isEmpty()) {
                return Result.fail("\"" + path + "\" accepts no arguments.\nSee '" + path + " --help'.\n\nUsage:  "
                        + path + " [OPTIONS]\n\nList containers\n", 1);
            }
            String format = p.get("format");
            if (format != null && !format.equals("table")) {
                return Result.ok(ContainerViews.psFormatted(engine.containers(), now(), p.has("all"), p.has("no-trunc"),
                        format));
            }
            return Result.ok(ContainerViews.ps(engine.containers(), now(), p.has("all"), p.has("quiet"), p.has("no-trunc")));
        } catch (Flags.FlagError e) {
            return flagError(path, e);
        }
    }

    private long now() {
        return engine.nowMillis();
    }

    Result inspect(String path, List<String> args) {
        Flags f = new Flags(true).value("format", 'f').value("type", (char) 0).bool("size", 's');
        try {
            Flags.Parsed p = parse(f, path, args);
            GoTemplate format = p.get("format") == null ? null : GoTemplate.parse(p.get("format"));
            if (p.args.isEmpty()) {
                return Result.fail(Usage.argsError(path, "inspect", "at least", 1), 1);
            }
            String type = p.get("type");
            List<Object> found = new ArrayList<>();
            StringBuilder err = new StringBuilder();
            for (String ref : p.args) {
                Container c = type == null || type.equals("container") ? engine.findContainer(ref) : null;
                Network n = c == null && (type == null || type.equals("network")) ? engine.listedNetwork(ref) : null;
                if (c != null) {
                    found.add(ContainerInspect.of(c, name -> DockerCommand.findNetwork(engine, name), names.environment(c),
                            engine.profile().daemon()));
                } else if (n != null) {
                    found.add(NetworkViews.inspect(engine, n, engine.profile().daemon().bridgeIpamGateway()));
                } else if (ImageCatalog.isValidReference(ref) && (type == null || type.equals("image"))
                        && !ref.matches("[0-9a-f]{12,64}")) {
                    throw new Unsupported("docker inspect of images (" + ref + ") is not emulated");
                } else {
                    err.append("Error: No such object: ").append(ref).append('\n');
                }
            }
            String out = format == null ? Json.write(found) + "\n" : formatted(format, found);
            return new Result(out, err.toString(), err.length() == 0 ? 0 : 1, null, null, null);
        } catch (Flags.FlagError e) {
            return flagError(path, e);
        }
    }

    /** -f TEMPLATE: the template run on each object, a line each (docker's TemplateInspector). */
    static String formatted(GoTemplate format, List<Object> found) {
        StringBuilder sb = new StringBuilder();
        for (Object o : found) {
            sb.append(format.execute(o)).append('\n');
        }
        return sb.toString();
    }

    Result stop(String path, List<String> args) {
        Flags f = new Flags(true).value("time", 't').value("signal", 's');
        return each(path, "stop", f, args, (c, p) -> engine.stop(c), false);
    }

    Result start(String path, List<String> args) {
        Flags f = new Flags(true).bool("attach", 'a').bool("interactive", 'i').value("detach-keys", (char) 0);
        return each(path, "start", f, args, (c, p) -> {
            if (p.has("attach") || p.has("interactive")) {
                throw new Unsupported("docker start -a/-i is not emulated");
            }
            engine.start(c);
        }, true);
    }

    Result rm(String path, List<String> args) {
        Flags f = new Flags(true).bool("force", 'f').bool("volumes", 'v').bool("link", 'l');
        return each(path, "rm", f, args, (c, p) -> engine.remove(c, p.has("force")), false);
    }

    private interface Action {
        void apply(Container c, Flags.Parsed p) throws DaemonException;
    }

    /** Applies to each CONTAINER, printing the reference as given; errors go to stderr, exit 1. */
    private Result each(String path, String key, Flags f, List<String> args, Action action, boolean startErrors) {
        Flags.Parsed p;
        try {
            p = parse(f, path, args);
        } catch (Flags.FlagError e) {
            return flagError(path, e);
        }
        if (p.args.isEmpty()) {
            return Result.fail(Usage.argsError(path, key, "at least", 1), 1);
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        List<String> failed = new ArrayList<>();
        for (String ref : p.args) {
            if (key.equals("rm") && engine.findContainer(ref) == null && engine.profile().cli().wrapsNotFound()) {
                err.append(DockerCommand.notFound("container", ref));
                failed.add(ref);
                continue;
            }
            try {
                action.apply(engine.container(ref), p);
                out.append(ref).append('\n');
            } catch (DaemonException e) {
                err.append(DockerCommand.daemon(e));
                failed.add(ref);
            }
        }
        if (startErrors && !failed.isEmpty()) {
            err.append("Error: failed to start containers: ").append(String.join(", ", failed)).append('\n');
        }
        return new Result(out.toString(), err.toString(), failed.isEmpty() ? 0 : 1, null, null, null);
    }

    Result port(String path, List<String> args) {
        Flags.Parsed p;
        try {
            p = parse(new Flags(true), path, args);
        } catch (Flags.FlagError e) {
            return flagError(path, e);
        }
        if (p.args.isEmpty() || p.args.size() > 2) {
            String kind = p.args.isEmpty() ? "at least" : "at most";
            return Result.fail(Usage.argsError(path, "port", kind, p.args.isEmpty() ? 1 : 2), 1);
        }
        Container c;
        try {
            c = engine.container(p.args.get(0));
        } catch (DaemonException e) {
            return Result.fail(engine.profile().cli().wrapsNotFound() ? DockerCommand.notFound("container", p.args.get(0))
                    : DockerCommand.daemon(e), 1);
        }
        if (p.args.size() == 1) {
            return Result.ok(ContainerViews.port(c));
        }
        String want = p.args.get(1).contains("/") ? p.args.get(1) : p.args.get(1) + "/tcp";
        StringBuilder out = new StringBuilder();
        for (PortMapping m : c.ports()) {
            if (m.key().equals(want)) {
                out.append(m.hostIp()).append(':').append(m.hostPort()).append('\n');
            }
        }
        if (out.length() == 0) {
            return Result.fail("Error: No public port '" + want + "' published for " + p.args.get(0) + "\n", 1);
        }
        return Result.ok(out.toString());
    }

    Result attach(String path, List<String> args) {
        Flags f = new Flags(true).bool("no-stdin", (char) 0).bool("sig-proxy", (char) 0).value("detach-keys", (char) 0);
        Flags.Parsed p;
        try {
            p = parse(f, path, args);
        } catch (Flags.FlagError e) {
            return flagError(path, e);
        }
        if (p.args.size() != 1) {
            return Result.fail(Usage.argsError(path, "attach", "exactly", 1), 1);
        }
        try {
            Container c = engine.container(p.args.get(0));
            if (!c.running()) {
                return Result.fail("You cannot attach to a stopped container, start it first\n", 1);
            }
            return new Result("", "", 0, c.name(), null, null);
        } catch (DaemonException e) {
            return Result.fail(DockerCommand.daemon(e), 1);
        }
    }

    Result exec(String path, List<String> args) {
        Flags f = new Flags(false).bool("interactive", 'i').bool("tty", 't').bool("detach", 'd')
                .value("user", 'u').value("workdir", 'w').value("env", 'e').bool("privileged", (char) 0);
        Flags.Parsed p;
        try {
            p = parse(f, path, args);
        } catch (Flags.FlagError e) {
            return flagError(path, e);
        }
        if (p.args.size() < 2) {
            return Result.fail(Usage.argsError(path, "exec", "at least", 2), 1);
        }
        if (p.has("detach") || p.values.containsKey("user") || p.values.containsKey("workdir")) {
            throw new Unsupported("docker exec -d/-u/-w is not emulated");
        }
        try {
            Container c = engine.container(p.args.get(0));
            if (!c.running()) {
                return Result.fail("Error response from daemon: container " + c.id() + " is not running\n", 1);
            }
            List<String> cmd = p.args.subList(1, p.args.size());
            if (p.has("interactive") && cmd.size() == 1 && List.of("sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash")
                    .contains(cmd.get(0))) {
                return new Result("", "", 0, c.name(), null, null);
            }
            return new Result("", "", 0, null, null, List.copyOf(cmd));
        } catch (DaemonException e) {
            return Result.fail(DockerCommand.daemon(e), 1);
        }
    }
}
