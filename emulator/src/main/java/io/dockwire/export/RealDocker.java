package io.dockwire.export;

import io.dockwire.docker.Image;
import io.dockwire.docker.ImageCatalog;
import io.dockwire.scenario.Context;
import io.dockwire.scenario.DockerNode;
import io.dockwire.scenario.ScenarioWorld;
import io.dockwire.scenario.ScenarioLine;
import io.dockwire.scenario.ScenarioRunner;
import io.dockwire.scenario.WorldSpec;
import io.dockwire.trace.CaptureSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code dockwire export --docker-real}: the scenario as a bash script that runs it against a real
 * Docker Engine - Debian's {@code docker.io} (20.10), one daemon started inside each Docker host's
 * namespace (several hosts: each in a UTS namespace with the host's name, a real swarm) - instead
 * of the engine model. The world around the hosts is the kernel tier's ({@link LinuxExport});
 * docker lines go to their host's daemon ({@code H=N}) through its own 20.10 CLI; lines in
 * containers run in the real containers ({@code docker exec}); the LAN machines' lines in their
 * namespaces. Each command's output is written, as dockwire's transcript shows it (stdout, then
 * stderr), to {@code t/NNNN.out}, so {@link RealDockerTier} can compare it line by line with the
 * emulated 20.10 run.
 *
 * <p>What the real side cannot do as written is said per line in {@code t/NNNN.skip} instead of
 * being compared: the output of a line that attaches a terminal (the real side runs the container
 * detached and execs the following lines in it), a detach, the end of a main shell, and commands
 * this machine does not have.
 */
public final class RealDocker {
    /** The images a scenario may name that the real side builds stand-ins for; others are plain shell images. */
    private final Set<String> images = new TreeSet<>();
    private final StringBuilder out = new StringBuilder();
    private final Dns dns;
    /** Per Docker host: the container its typed lines go to after an attaching line, as the real side names it. */
    private final java.util.Map<String, String> attached = new java.util.HashMap<>();
    private int index;

    private final ScenarioWorld world;
    private boolean worldCaptured;
    /** The Docker host ({@code H}, from 1) the script's docker lines go to now. */
    private int current = 1;

    private RealDocker(ScenarioWorld host) {
        this.dns = new Dns(host);
        this.world = host;
    }

    /** The Docker host a line runs on. */
    private DockerNode node(Context ctx) {
        return ctx.host() == null ? world.host() : world.node(ctx.host());
    }

    /** {@code H=N}: the docker lines that follow go to Docker host N (from 1, in declared order). */
    private void on(DockerNode node) {
        int h = world.nodes().indexOf(node) + 1;
        if (h != current) {
            emit("H=" + h);
            current = h;
        }
    }

    /**
     * Before a traffic line: tcpdump on the world's interfaces (once: they never change) and on
     * every interface the real daemon has made since ({@code realcaps}: docker0, br:NETWORK,
     * veth:CONTAINER:IF, CONTAINER:IF - names {@link RealDockerTier} gives the emulated ones too).
     */
    private void captures() {
        if (!worldCaptured) {
            worldCaptured = true;
            for (io.dockwire.link.NetDevice d : world.kernel().emulation().world().devices()) {
                String ns = d.namespace();
                boolean outside = ns != null && (ns.equals("lan") || ScenarioWorld.MACHINES.contains(ns));
                boolean uplink = d.name().equals("eth0") && world.nodes().stream().anyMatch(n -> java.util.Objects.equals(n.namespace(), ns));
                if (outside || uplink) {
                    String name = world.kernel().emulation().world().captureName(d);
                    emit("cap " + (ns == null ? Scope.HOST : ns) + " " + Scope.quote(d.name()) + " "
                            + LinuxExport.fileBase(name) + " " + Scope.quote(name));
                }
            }
        }
        emit("realcaps");
    }

    /** The whole script. */
    public static String script(String scenario, List<ScenarioLine> lines, WorldSpec spec, long seed, String version) {
        RealDocker r = new RealDocker(new ScenarioWorld(seed, CaptureSink.NONE, spec));
        StringBuilder s = new StringBuilder(ScriptText.header(scenario, seed, version));
        s.append(RealDockerText.header());
        s.append(LinuxExport.worldText(r.world.nodes().stream().map(DockerNode::name).toList()));
        if (!spec.bootSysctls().isEmpty()) {
            s.append("\n# Boot settings: the scenario's leading sysctl lines, before dockerd starts.\n");
            for (List<String> sysctl : spec.bootSysctls()) {
                s.append(Scope.line(null, sysctl)).append('\n');
            }
        }
        for (ScenarioLine line : lines) {
            r.line(line);
        }
        r.images.add("busybox");
        boolean several = r.world.nodes().size() > 1;
        s.append("\n# The real Docker daemon").append(several ? "s (one per Docker host, each with its hostname)" : "")
                .append(", and the images of the scenario (stand-ins built from BusyBox).\n");
        for (int h = 1; h <= r.world.nodes().size(); h++) {
            DockerNode node = r.world.nodes().get(h - 1);
            s.append("docker_up ").append(h).append(' ').append(Scope.key(node.namespace()))
                    .append(several ? " " + Scope.quote(node.name()) : "").append('\n');
        }
        for (int h = 1; h <= r.world.nodes().size(); h++) {
            s.append("H=").append(h).append('\n');
            for (String image : r.images) {
                s.append(image(image));
            }
        }
        s.append("H=1\n");
        s.append(r.out);
        s.append(RealDockerText.footer(r.world.nodes().stream().map(n -> Scope.key(n.namespace())).toList()));
        return s.toString();
    }

    /** {@code image REF ENTRYPOINT_JSON CMD_JSON EXPOSE...}: what {@link ImageCatalog} says the image is. */
    private static String image(String ref) {
        Image i = ImageCatalog.lookup(ref);
        List<String> w = new ArrayList<>(List.of("image", ref, isBusyBox(ref) ? "busybox" : "gnu", json(i.entrypoint()),
                json(i.cmd())));
        w.addAll(i.exposed());
        return Scope.words(w) + "\n";
    }

    private static String json(List<String> words) {
        if (words.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("[");
        for (String w : words) {
            sb.append(sb.length() > 1 ? ", " : "").append('"').append(w.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append(']').toString();
    }

    private void line(ScenarioLine line) {
        index++;
        out.append('\n').append("# ").append(line.where()).append(line.originalText().replace("\n", "\n# ")).append('\n');
        Context ctx = line.context();
        DockerNode node = ctx.kind() == Context.Kind.MACHINE ? world.host() : node(ctx);
        String host = node.name();
        if (ctx.kind() == Context.Kind.CONTAINER && ctx.name() == null) {
            ctx = Context.container(attached.getOrDefault(host, "?")).on(ctx.host());
        }
        List<String> argv = line.argv();
        emit("begin " + index + " " + Scope.quote(ScenarioRunner.typed(ctx, argv)));
        if (ctx.kind() != Context.Kind.MACHINE) {
            on(node);
        }
        switch (line.kind()) {
            case ATTACH -> attach(host, argv);
            case DETACH -> {
                emit("skip 'dockwire detaches from the shell; the real side never attached'");
                attached.remove(host);
            }
            case EXIT_MAIN -> {
                emit("skip 'the main shell ends: the real side stops the container (exit status 137, not 0)'");
                emit("D stop -t 1 " + container(ctx.name()) + " >/dev/null 2>&1 || true");
                attached.remove(host);
            }
            case COMMAND -> command(node, ctx, argv);
        }
    }

    private void command(DockerNode node, Context ctx, List<String> argv) {
        String cmd = argv.get(0);
        if (Traffic.isTool(cmd)) {
            captures();
        }
        switch (ctx.kind()) {
            case HOST -> {
                if (cmd.equals("docker")) {
                    noteImage(argv);
                    emit("run D " + swarmWords(argv.subList(1, argv.size())));
                    if (argv.size() > 2 && (argv.get(1).equals("swarm") && List.of("init", "join", "leave").contains(argv.get(2))
                            || argv.get(1).equals("node") && List.of("promote", "demote", "rm").contains(argv.get(2)))) {
                        emit("swarm_settle");
                    } else if (world.nodes().size() > 1 && dropsNetworks(argv)) {
                        emit("settle_networks");
                    }
                } else if (cmd.equals("sleep")) {
                    emit("run " + Scope.words(argv));
                } else {
                    Scope.Machine m = LinuxExport.machine(node);
                    out.append(dns.files(m.name(null), node, null));
                    emit("have " + Scope.quote(cmd) + " && run " + Scope.line(m, null, timeout(argv)));
                }
            }
            case MACHINE -> {
                out.append(dns.files(ctx.name(), null));
                emit("have " + Scope.quote(cmd) + " && run " + Scope.line(ctx.name(), timeout(argv)));
            }
            case CONTAINER -> emit("run D exec " + container(ctx.name()) + " " + Scope.words(timeout(argv)));
        }
    }

    /** A docker line after which a swarm node may drop an overlay (a container gone, a network removed). */
    private static boolean dropsNetworks(List<String> argv) {
        String a = argv.size() > 1 ? argv.get(1) : "";
        String b = argv.size() > 2 ? argv.get(2) : "";
        return List.of("rm", "stop", "kill").contains(a)
                || (a.equals("container") && List.of("rm", "stop", "kill").contains(b))
                || (a.equals("network") && List.of("rm", "remove", "disconnect").contains(b));
    }

    private static boolean isBusyBox(String image) {
        String repo = ImageCatalog.lookup(image).repository();
        return repo.endsWith("busybox") || repo.endsWith("alpine");
    }

    /** Traffic tools get the kernel tier's time limit; nothing may hang the script. */
    private static List<String> timeout(List<String> argv) {
        if (!Traffic.isTool(argv.get(0))) {
            return argv;
        }
        List<String> t = new ArrayList<>(List.of("timeout", Integer.toString(Traffic.TIMEOUT_SECONDS)));
        t.addAll(argv);
        return t;
    }

    /**
     * {@code docker run -it ...}: run detached (a script has no terminal), remember the container;
     * {@code docker attach NAME} / {@code docker exec -it NAME sh}: only remember it.
     */
    private void attach(String host, List<String> argv) {
        emit("skip 'dockwire attaches a terminal here; the real side runs detached and execs the lines that follow'");
        if (argv.size() > 1 && argv.get(1).equals("run")) {
            noteImage(argv);
            List<String> detached = new ArrayList<>(argv.subList(1, argv.size()));
            detached.add(1, "-d");
            emit("run D " + Scope.words(detached));
            emit("LAST=$(head -c 64 \"$OUT/t/" + index + ".out\")");
            String name = option(argv, "--name");
            attached.put(host, name != null ? name : "$LAST");
        } else {
            attached.put(host, argv.get(argv.size() - (argv.get(1).equals("exec") ? 2 : 1)));
        }
    }

    /**
     * A docker line's words, with a tutorial's join placeholders as the emulated CLI reads them:
     * {@code <TOKEN>} the worker token and {@code IP-ADDRESS:PORT} the address of the swarm's
     * first manager ({@code swarm_token}, {@code swarm_addr}: the first Docker host that answers).
     */
    private static String swarmWords(List<String> args) {
        if (args.size() < 2 || !args.get(0).equals("swarm") || !args.get(1).equals("join")) {
            return Scope.words(args);
        }
        StringBuilder sb = new StringBuilder();
        for (String w : args) {
            sb.append(sb.length() > 0 ? " " : "").append(switch (w) {
                case io.dockwire.docker.cli.SwarmCommands.TOKEN_PLACEHOLDER -> "\"$(swarm_token)\"";
                case io.dockwire.docker.cli.SwarmCommands.ADDRESS_PLACEHOLDER -> "\"$(swarm_addr)\"";
                default -> Scope.quote(w);
            });
        }
        return sb.toString();
    }

    /** A container as a shell word: a name, or the id the real side noted ($LAST). */
    private static String container(String name) {
        return name.equals("$LAST") ? "\"$LAST\"" : Scope.quote(name);
    }

    private static String option(List<String> argv, String name) {
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).equals(name) && i + 1 < argv.size()) {
                return argv.get(i + 1);
            }
            if (argv.get(i).startsWith(name + "=")) {
                return argv.get(i).substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The image operand of a docker run/create line, as the emulated CLI parses it, for the stand-ins. */
    private void noteImage(List<String> argv) {
        int i = 1;
        while (i < argv.size() && (argv.get(i).equals("container"))) {
            i++;
        }
        if (i >= argv.size() || !(argv.get(i).equals("run") || argv.get(i).equals("create"))) {
            return;
        }
        String image = io.dockwire.docker.cli.DockerCommand.runImage(argv.subList(i + 1, argv.size()));
        if (image != null && ImageCatalog.isValidReference(image)) {
            images.add(image);
        }
    }

    private void emit(String shellLine) {
        out.append(shellLine).append('\n');
    }
}
