package io.dockwire.docker.cli;

import io.dockwire.docker.Container;
import io.dockwire.docker.DaemonException;
import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.Names;
import io.dockwire.docker.Network;
import java.util.List;
import java.util.Set;

/**
 * The docker CLI over a {@link DockerEngine}: takes the argv of a {@code docker ...} line and
 * returns stdout, stderr and the exit status exactly as docker 27's CLI prints them (daemon
 * errors as {@code Error response from daemon: ...}, exit 1; docker run's errors as
 * {@code docker: ...} with exit 125; pflag errors with their {@code See 'docker X --help'.} line).
 * Real docker commands that dockwire does not emulate throw {@link Unsupported}.
 */
public final class DockerCommand {
    /** docker's top-level commands; any other word is "not a docker command". */
    private static final Set<String> REAL_COMMANDS = Set.of("attach", "build", "builder", "buildx", "checkpoint",
            "commit", "compose", "config", "container", "context", "cp", "create", "diff", "events", "exec", "export",
            "history", "image", "images", "import", "info", "init", "inspect", "kill", "load", "login", "logout",
            "logs", "manifest", "network", "node", "pause", "plugin", "port", "ps", "pull", "push", "rename",
            "restart", "rm", "rmi", "run", "save", "search", "secret", "service", "stack", "start", "stats", "stop",
            "swarm", "system", "tag", "top", "trust", "unpause", "update", "version", "volume", "wait", "scout",
            "debug", "sbom");

    private final DockerEngine engine;
    private final Names names;

    public DockerCommand(DockerEngine engine, Names names) {
        this.engine = engine;
        this.names = names;
    }

    public DockerEngine engine() {
        return engine;
    }

    /** Runs {@code argv} (starting with "docker"). */
    public Result run(List<String> argv) {
        if (argv.isEmpty() || !argv.get(0).equals("docker")) {
            throw new IllegalArgumentException("not a docker command line: " + argv);
        }
        if (argv.contains("--help")) {
            throw new Unsupported("docker help output is not emulated");
        }
        if (argv.size() < 2) {
            throw new Unsupported("docker without a command (prints its help) is not emulated");
        }
        String cmd = argv.get(1);
        List<String> rest = argv.subList(2, argv.size());
        if (cmd.startsWith("-")) {
            throw new Unsupported("docker global options (" + cmd + ") are not emulated");
        }
        if (!REAL_COMMANDS.contains(cmd)) {
            return Result.fail("docker: '" + cmd + "' is not a docker command.\nSee 'docker --help'\n", 1);
        }
        if (cmd.equals("container")) {
            if (rest.isEmpty()) {
                throw new Unsupported("docker container without a subcommand (prints its help) is not emulated");
            }
            String sub = switch (rest.get(0)) {
                case "ls", "list", "ps" -> "ps";
                case "remove" -> "rm";
                default -> rest.get(0);
            };
            return container("docker container " + rest.get(0), sub, rest.subList(1, rest.size()));
        }
        if (cmd.equals("version")) {
            return new SystemCommands(engine).version("docker version", rest);
        }
        if (cmd.equals("info") || (cmd.equals("system") && !rest.isEmpty() && rest.get(0).equals("info"))) {
            return cmd.equals("info") ? new SystemCommands(engine).info("docker info", rest)
                    : new SystemCommands(engine).info("docker system info", rest.subList(1, rest.size()));
        }
        if (cmd.equals("network")) {
            return new NetworkCommands(engine).run(rest);
        }
        if (cmd.equals("swarm")) {
            return new SwarmCommands(engine).swarm(rest);
        }
        if (cmd.equals("node")) {
            return new SwarmCommands(engine).node(rest);
        }
        if (cmd.equals("pull") || cmd.equals("images")
                || (cmd.equals("image") && !rest.isEmpty() && List.of("pull", "ls", "list").contains(rest.get(0)))) {
            return images(cmd, rest);
        }
        return container("docker " + cmd, cmd, rest);
    }

    private Result images(String cmd, List<String> rest) {
        ImageCommands images = new ImageCommands(engine);
        try {
            if (cmd.equals("image")) {
                String path = "docker image " + rest.get(0);
                List<String> args = rest.subList(1, rest.size());
                return rest.get(0).equals("pull") ? images.pull(path, args) : images.images(path, args);
            }
            return cmd.equals("pull") ? images.pull("docker pull", rest) : images.images("docker images", rest);
        } catch (Flags.FlagError e) {
            return Result.fail(e.getMessage() + "\nSee 'docker " + cmd + " --help'.\n", 125);
        }
    }

    private Result container(String path, String sub, List<String> args) {
        ContainerCommands c = new ContainerCommands(engine, names);
        return switch (sub) {
            case "run" -> new RunCommand(engine).run(path, args);
            case "ps" -> c.ps(path, args);
            case "inspect" -> c.inspect(path, args);
            case "stop" -> c.stop(path, args);
            case "start" -> c.start(path, args);
            case "rm" -> c.rm(path, args);
            case "port" -> c.port(path, args);
            case "attach" -> c.attach(path, args);
            case "exec" -> c.exec(path, args);
            default -> throw new Unsupported("'" + path + "' is not emulated");
        };
    }

    /**
     * What `docker exec NAME ...` prints when NAME cannot run commands (no such container, not
     * running), or null when it can: the runner calls this for lines the parser turned into
     * container-context commands before running them inside.
     */
    public Result execCheck(String container) {
        Container c = engine.findContainer(container);
        if (c == null) {
            return Result.fail(engine.profile().cli().wrapsNotFound() ? notFound("container", container)
                    : "Error response from daemon: No such container: " + container + "\n", 1);
        }
        if (!c.running()) {
            return Result.fail("Error response from daemon: " + String.format(engine.profile().daemon().notRunning(), c.id())
                    + "\n", 1);
        }
        return null;
    }

    /** The IMAGE operand of {@code docker run|create ARGS} (ARGS after the subcommand), null when ARGS do not parse. */
    public static String runImage(List<String> args) {
        return RunCommand.image(args);
    }

    /** The 20.10 API client's own text for a 404 (objectNotFoundError). */
    static String notFound(String object, String ref) {
        return "Error: No such " + object + ": " + ref + "\n";
    }

    /** "Error response from daemon: MSG" as the CLI prints a daemon error (MSG trimmed, as the API client does). */
    static String daemon(DaemonException e) {
        // The API client trims the daemon's message (checkResponseErr: strings.TrimSpace).
        return "Error response from daemon: " + e.getMessage().strip() + "\n";
    }

    static Network findNetwork(DockerEngine engine, String ref) {
        try {
            return engine.network(ref);
        } catch (DaemonException e) {
            return null;
        }
    }

    static Container findContainer(DockerEngine engine, String ref) {
        return engine.findContainer(ref);
    }
}
