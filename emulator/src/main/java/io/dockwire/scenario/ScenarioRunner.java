package io.dockwire.scenario;

import io.dockwire.command.CommandResult;
import io.dockwire.docker.Container;
import io.dockwire.docker.cli.Result;
import io.dockwire.docker.cli.Unsupported;
import java.util.List;
import java.util.Set;

/**
 * Runs parsed scenario lines against a {@link ScenarioWorld} and writes the transcript: each
 * command as typed (after a prompt naming where it ran) followed by exactly what it printed.
 *
 * <p>Like an interactive shell without {@code set -e}: a command that fails prints what the real
 * tool prints and the run goes on; {@code strict} stops at the first failing command. A line
 * dockwire does not understand stops the run with {@code file:line:} ({@link ScenarioException}).
 * Simulated time moves only with traffic and {@code sleep}; a program runs until it exits.
 */
public final class ScenarioRunner {
    /** Shell administration commands the emulated kernel answers. */
    static final Set<String> ADMIN = Set.of("ip", "iptables", "iptables-save", "sysctl", "conntrack", "bridge",
            "brctl", "nstat");

    /** Simulated time between one command's end and the next command (typing). */
    static final long SETTLE_NS = 100_000_000L;

    private final ScenarioWorld world;
    private final Programs programs;
    private Container pendingForeground;
    private final StringBuilder transcript = new StringBuilder();
    /** Kernel log lines (LOG target, TRACE with --trace, conntrack warnings) since the last command. */
    private final StringBuilder kernelLog = new StringBuilder();
    private final boolean strict;
    /** Per Docker host name, the container its last attaching line entered. */
    private final java.util.Map<String, String> lastAttached = new java.util.HashMap<>();
    private java.util.function.Consumer<String> progress;
    private int failures;
    private int commands;

    public ScenarioRunner(ScenarioWorld world, Programs programs, boolean strict) {
        this.world = world;
        this.programs = programs;
        this.strict = strict;
        world.kernel().setKernelLog(line -> kernelLog.append(line).append('\n'));
    }

    public String transcript() {
        return transcript.toString();
    }

    public int commands() {
        return commands;
    }

    /** The container the first Docker host's last attaching line entered, or null. */
    public String attachedContainer() {
        return lastAttached.get(world.host().name());
    }

    /** The container Docker host {@code host}'s last attaching line entered, or null. */
    public String attachedContainer(String host) {
        return lastAttached.get(host);
    }

    /** Commands that exited non-zero. */
    public int failures() {
        return failures;
    }

    /** Where progress goes (the CLI sets it when stderr is a terminal); null: no progress. */
    public void setProgress(java.util.function.Consumer<String> progress) {
        this.progress = progress;
    }

    /** Runs every line; throws {@link ScenarioException} for a line it cannot run (or, strict, one that failed). */
    public void run(List<ScenarioLine> lines) {
        int n = 0;
        for (ScenarioLine line : lines) {
            try {
                runLine(line);
            } catch (ScenarioException e) {
                throw e;
            } catch (RuntimeException e) {
                throw internalError(line, e);
            }
            n++;
            if (progress != null) {
                progress.accept(String.format(java.util.Locale.ROOT, "line %d/%d (%s:%d), simulated %.3f s, %d events",
                        n, lines.size(), line.file(), line.lineNumber(), world.sim().now() / 1e9, world.sim().eventCount()));
            }
        }
        // Let traffic still in flight (closing handshakes, last replies) finish.
        try {
            world.sim().runUntilQuiet();
        } catch (RuntimeException e) {
            if (lines.isEmpty()) {
                throw e;
            }
            throw internalError(lines.get(lines.size() - 1), e);
        }
    }

    /**
     * A bug of the emulator, not of the scenario: still a file:line error (the line whose traffic
     * met it), and the transcript and capture written so far are kept (the caller closes them).
     */
    private static ScenarioException internalError(ScenarioLine line, RuntimeException e) {
        return new ScenarioException(line.file(), line.lineNumber(), "dockwire internal error: " + e
                + " (a bug in dockwire; please report it with this scenario)");
    }

    private void runLine(ScenarioLine line) {
        Context ctx = line.context();
        if (ctx.host() == null && world.nodes().size() > 1) {
            ctx = ctx.on(world.host().name()); // several hosts: the prompt names the first one too
        }
        if (ctx.kind() == Context.Kind.CONTAINER && ctx.name() == null) {
            ctx = Context.container(lastAttached.get(hostName(ctx))).on(ctx.host());
        }
        transcript.append(typed(ctx, line.argv())).append('\n');
        DockerNode node = node(line, ctx);
        commands++;
        switch (line.kind()) {
            case DETACH -> {
                return;
            }
            case EXIT_MAIN -> {
                Container c = node.engine().findContainer(ctx.name());
                if (c != null && c.running()) {
                    node.engine().exited(c, 0);
                }
                return;
            }
            default -> {
            }
        }
        CommandResult r = execute(line, ctx, node);
        transcript.append(r.stdout()).append(r.stderr());
        // A person types the next command a moment later: let closing handshakes and delayed
        // ACKs of the last command finish first, as they would on a real host.
        world.sim().runFor(SETTLE_NS);
        if (kernelLog.length() > 0) {
            // What the kernel logged meanwhile (dmesg), after the command's own output.
            transcript.append(kernelLog);
            kernelLog.setLength(0);
        }
        if (r.exitCode() != 0) {
            failures++;
            if (line.kind() == ScenarioLine.Kind.ATTACH) {
                // A shell would stay on the host and run the container's lines there (and its
                // exit would end the session): nothing the scenario means can follow.
                throw new ScenarioException(line.file(), line.lineNumber(), "'" + String.join(" ", line.argv())
                        + "' failed (exit status " + r.exitCode() + "), so the lines written for that container's "
                        + "shell have nowhere to run");
            }
            if (strict) {
                throw new ScenarioException(line.file(), line.lineNumber(),
                        "command failed with exit status " + r.exitCode() + " (--strict)");
            }
        }
    }

    /**
     * The Docker host a line runs on (for a machine of the LAN: the first, unused); a name that is
     * neither a Docker host nor a machine stops the run.
     */
    private DockerNode node(ScenarioLine line, Context ctx) {
        if (ctx.kind() == Context.Kind.MACHINE && !ScenarioWorld.MACHINES.contains(ctx.name())) {
            List<String> known = new java.util.ArrayList<>(ScenarioWorld.MACHINES);
            if (world.nodes().size() > 1) {
                world.nodes().forEach(n -> known.add(n.name()));
            }
            throw new ScenarioException(line.file(), line.lineNumber(), "no machine named '" + ctx.name()
                    + "' (the LAN has: " + String.join(", ", known) + ")");
        }
        return ctx.host() == null ? world.host() : world.node(ctx.host());
    }

    private String hostName(Context ctx) {
        return ctx.host() == null ? world.host().name() : ctx.host();
    }

    private CommandResult execute(ScenarioLine line, Context ctx, DockerNode node) {
        List<String> argv = line.argv();
        String cmd = argv.get(0);
        String ns;
        Container container = null;
        switch (ctx.kind()) {
            case HOST -> ns = node.namespace();
            case MACHINE -> ns = ctx.name();
            default -> {
                Result check = node.docker().execCheck(ctx.name());
                if (check != null && line.kind() != ScenarioLine.Kind.ATTACH) {
                    return check.output();
                }
                container = node.engine().findContainer(ctx.name());
                // --net host shares the host's namespace: no sandbox of its own.
                ns = container == null ? node.namespace() : node.namespaceOf(container);
            }
        }
        if (argv.contains("|") && (cmd.equals("docker") || ADMIN.contains(cmd) || cmd.equals("sleep")
                || cmd.equals("tcpdump"))) {
            throw new ScenarioException(line.file(), line.lineNumber(), "a pipe after " + cmd + " is not emulated "
                    + "(pipes only between the container tools: echo TEXT | nc HOST PORT)");
        }
        if (cmd.equals("docker") && ctx.kind() == Context.Kind.HOST) {
            return docker(line, node);
        }
        if (line.kind() == ScenarioLine.Kind.ATTACH) {
            // docker attach / exec -it NAME sh / run -it: the shell prints nothing until its next command.
            return docker(line, node);
        }
        if (cmd.equals("tcpdump")) {
            return tcpdump(ns, argv);
        }
        CommandResult p = command(line, node, ns, container, argv);
        if (p != null) {
            return p;
        }
        throw notEmulated(line, cmd);
    }

    /**
     * sleep, the administration commands or a program, run in namespace ns (inside container, if
     * not null); null when argv[0] is none of them.
     */
    private CommandResult command(ScenarioLine line, DockerNode node, String ns, Container container,
                                  List<String> argv) {
        String cmd = argv.get(0);
        if (cmd.equals("sleep")) {
            return sleep(line, argv);
        }
        if (ADMIN.contains(cmd)) {
            return admin(ns, container, argv);
        }
        return programs.run(node, ns, container, argv);
    }

    private CommandResult docker(ScenarioLine line, DockerNode node) {
        Result r;
        try {
            r = node.docker().run(line.argv());
        } catch (Unsupported e) {
            throw new ScenarioException(line.file(), line.lineNumber(), e.getMessage());
        }
        if (r.attach() != null) {
            lastAttached.put(node.name(), r.attach());
        }
        programs.afterDocker();
        world.sim().runUntil(world.sim().now());
        long wait = node.engine().takeWaitNanos();
        if (wait > 0) {
            world.sim().runFor(wait); // the CLI waited (a join timing out): the world went on meanwhile
        }
        if (r.foreground() != null) {
            return foreground(line, r, node);
        }
        return r.output();
    }

    /**
     * {@code docker run [--rm] IMAGE CMD...} without -d: CMD runs in the new container as its main
     * process, its output is the command's, and when it ends the container exits with its status
     * (and --rm removes it). A container whose main process is a server (no CMD given) keeps
     * running: the scenario goes on as if it had been detached.
     */
    private CommandResult foreground(ScenarioLine line, Result r, DockerNode node) {
        Container c = node.engine().findContainer(r.foreground());
        List<String> cmd = c == null ? List.of() : c.spec().cmd();
        if (c == null || !c.running() || cmd.isEmpty()) {
            return r.output();
        }
        CommandResult p = command(line, node, node.namespaceOf(c), c, cmd);
        if (p == null) {
            if (programs == Programs.NONE) {
                // No programs (export --linux): the caller replays the command; the container runs on.
                pendingForeground = c;
                return r.output();
            }
            throw notEmulated(line, cmd.get(0));
        }
        node.engine().exited(c, p.exitCode());
        programs.afterDocker();
        return new CommandResult(r.stdout() + p.stdout(), r.stderr() + p.stderr(), p.exitCode());
    }

    /** ip verbs that change the kernel's state (they need CAP_NET_ADMIN). */
    private static final List<String> IP_CHANGES = List.of("add", "del", "delete", "set", "change", "chg", "replace",
            "flush", "append", "prepend");

    /**
     * ip, iptables, sysctl ... in namespace ns; in a busybox or alpine container, ip is BusyBox's.
     * A container has no CAP_NET_ADMIN (docker run --cap-add and --privileged are not emulated):
     * an ip command that changes links, addresses, routes or neighbours is refused as the kernel
     * refuses it (RTNETLINK answers: Operation not permitted; iproute2 exits 2, BusyBox 1).
     */
    private CommandResult admin(String ns, Container container, List<String> argv) {
        if (container != null && argv.get(0).equals("ip") && changesState(argv)) {
            return ScenarioPrograms.busyBox(container)
                    ? new CommandResult("", "ip: RTNETLINK answers: Operation not permitted\n", 1)
                    : new CommandResult("", "RTNETLINK answers: Operation not permitted\n", 2);
        }
        CommandResult r = world.kernel().exec(ns, argv);
        if (argv.get(0).equals("ip") && ScenarioPrograms.busyBox(container) && r.exitCode() == 0) {
            return new CommandResult(io.dockwire.ip.BusyBoxIp.convert(r.stdout()), r.stderr(), 0);
        }
        return r;
    }

    /**
     * The container of the last foreground {@code docker run IMAGE CMD} whose CMD this runner
     * could not run (it has no programs), once; null otherwise.
     */
    public Container takeForeground() {
        Container c = pendingForeground;
        pendingForeground = null;
        return c;
    }

    /** Whether an ip command line is a change (ip [OPTIONS] OBJECT VERB ...), not a listing. */
    private static boolean changesState(List<String> argv) {
        int i = 1;
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            i += argv.get(i).equals("-n") || argv.get(i).equals("-netns") || argv.get(i).equals("-f") ? 2 : 1;
        }
        return i + 1 < argv.size() && IP_CHANGES.contains(argv.get(i + 1));
    }

    private ScenarioException notEmulated(ScenarioLine line, String cmd) {
        return new ScenarioException(line.file(), line.lineNumber(), "dockwire does not emulate '" + cmd
                + "' (emulated: docker, sleep, " + String.join(", ", new java.util.TreeSet<>(ADMIN)) + ", "
                + String.join(", ", programs.names()) + ")");
    }

    /**
     * {@code tcpdump -i DEV} chooses the capture points: from this line on only DEV (in the
     * namespace the line runs in) is recorded, {@code -i any} (or no -i) records every device
     * again. It prints what tcpdump prints when it starts and returns at once: the frames go to
     * capture.pcapng (other options such as -n, -e, -w, -c are accepted and do not matter here).
     */
    /** tcpdump's short options that take an argument (the rest of the word, or the next word). */
    private static final String TCPDUMP_ARG_OPTS = "BCcEFGiJjMmQrsTVWwyZz";

    private CommandResult tcpdump(String ns, List<String> argv) {
        String dev = null;
        boolean verbose = false;
        boolean writing = false;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!a.startsWith("-") || a.startsWith("--") || a.length() < 2) {
                continue; // a filter expression word, or a long option: they do not matter here
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                if (c == 'v') {
                    verbose = true;
                } else if (TCPDUMP_ARG_OPTS.indexOf(c) >= 0) {
                    String value = k + 1 < a.length() ? a.substring(k + 1) : i + 1 < argv.size() ? argv.get(++i) : null;
                    if (c == 'i') {
                        dev = value;
                    } else if (c == 'w') {
                        writing = true;
                    }
                    break;
                }
            }
        }
        // tcpdump 4.99: -v or -w print one "tcpdump: listening on" line, else the hint and a bare one.
        String listening = verbose || writing ? "tcpdump: listening on "
                : "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on ";
        io.dockwire.link.World links = world.kernel().emulation().world();
        if (dev == null || dev.equals("any")) {
            links.captureOnly(null);
            return new CommandResult("", "tcpdump: data link type LINUX_SLL2\n" + listening
                    + "any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes\n", 0);
        }
        io.dockwire.link.NetDevice d = world.kernel().find(ns).ns().device(dev);
        if (d == null) {
            return new CommandResult("", "tcpdump: " + dev + ": No such device exists\n"
                    + "(No such device exists)\n", 1);
        }
        links.captureOnly(List.of(d));
        return new CommandResult("", listening + dev + ", link-type EN10MB (Ethernet), snapshot length 262144 bytes\n", 0);
    }

    /** GNU sleep's operand: a decimal number, optionally with an exponent, then s, m, h or d. */
    private static final java.util.regex.Pattern INTERVAL =
            java.util.regex.Pattern.compile("((?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)([smhd]?)");
    /** The longest sleep the simulated clock takes (about 73 years: a quarter of its range). */
    private static final double MAX_SLEEP_S = Long.MAX_VALUE / 4 / 1e9;

    /**
     * GNU coreutils sleep: the operands' sum (each NUMBER[smhd]), options rejected as getopt does
     * ({@code sleep -5}: invalid option). A sleep beyond the simulated clock's reach (or
     * {@code infinity}) is a scenario error: nothing would ever come after it.
     */
    private CommandResult sleep(ScenarioLine line, List<String> argv) {
        String tryHelp = "Try 'sleep --help' for more information.\n";
        if (argv.size() > 1 && argv.get(1).startsWith("-") && argv.get(1).length() > 1 && !argv.get(1).equals("--")) {
            String a = argv.get(1);
            return new CommandResult("", (a.startsWith("--") ? "sleep: unrecognized option '" + a + "'\n"
                    : "sleep: invalid option -- '" + a.charAt(1) + "'\n") + tryHelp, 1);
        }
        List<String> ops = argv.subList(argv.size() > 1 && argv.get(1).equals("--") ? 2 : 1, argv.size());
        if (ops.isEmpty()) {
            return new CommandResult("", "sleep: missing operand\n" + tryHelp, 1);
        }
        StringBuilder err = new StringBuilder();
        double secs = 0;
        for (String a : ops) {
            java.util.regex.Matcher m = INTERVAL.matcher(a);
            if (a.equalsIgnoreCase("inf") || a.equalsIgnoreCase("infinity")) {
                secs = Double.POSITIVE_INFINITY;
            } else if (m.matches()) {
                double mult = switch (m.group(2)) {
                    case "m" -> 60;
                    case "h" -> 3600;
                    case "d" -> 86400;
                    default -> 1;
                };
                secs += Double.parseDouble(m.group(1)) * mult;
            } else {
                err.append("sleep: invalid time interval '").append(a).append("'\n");
            }
        }
        if (err.length() > 0) {
            return new CommandResult("", err + tryHelp, 1);
        }
        if (!(secs <= MAX_SLEEP_S)) {
            throw new ScenarioException(line.file(), line.lineNumber(), "sleep " + String.join(" ", ops)
                    + ": longer than simulated time can run (at most " + (long) MAX_SLEEP_S + " s)");
        }
        world.sim().runFor((long) (secs * 1e9));
        return new CommandResult("", "", 0);
    }

    /**
     * How the transcript shows a command: the prompt of where it ran ({@code $ }, {@code [c1] # },
     * {@code [client] $ }) and the words as a user would retype them. {@code ctx} names its container.
     */
    public static String typed(Context ctx, List<String> argv) {
        return prompt(ctx) + String.join(" ", quoted(argv));
    }

    private static String prompt(Context ctx) {
        return switch (ctx.kind()) {
            case HOST -> ctx.host() == null ? "$ " : "[" + ctx.host() + "] $ ";
            case CONTAINER -> "[" + ctx.name() + "] # ";
            case MACHINE -> "[" + ctx.name() + "] $ ";
        };
    }

    /** Words as a shell user would retype them: quoted when they hold blanks or shell characters. */
    static List<String> quoted(List<String> argv) {
        return argv.stream().map(w -> !w.matches("<[A-Z][A-Z0-9_-]*>") && (w.isEmpty() || w.matches(".*[\\s'\"\\\\$`|&;<>()*?#~].*"))
                ? "'" + w.replace("'", "'\\''") + "'" : w).toList();
    }
}
