package io.dockwire.export;

import io.dockwire.apps.Site;
import io.dockwire.docker.Container;
import io.dockwire.link.NetDevice;
import io.dockwire.scenario.Context;
import io.dockwire.scenario.DockerNode;
import io.dockwire.scenario.ScenarioWorld;
import io.dockwire.scenario.Programs;
import io.dockwire.scenario.ScenarioLine;
import io.dockwire.scenario.ScenarioRunner;
import io.dockwire.scenario.WorldSpec;
import io.dockwire.trace.CaptureSink;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code dockwire export --linux}: the scenario as a bash script for a real Linux machine.
 *
 * <p>The kernel commands are not derived here: the scenario's docker and admin lines run against
 * a {@link ScenarioWorld} with the same seed as {@code dockwire run}, so the engine names every
 * sandbox, veth, MAC and address exactly as in the emulated run, and each command it issues is
 * written out (scoped by {@link Scope}) in the order it was issued. Traffic lines are not run
 * here; they become the real tools ({@link Traffic}), preceded by tcpdumps on every interface
 * that exists at that moment.
 */
public final class LinuxExport {
    /** Shell administration commands (as the scenario runner's list): replayed, not fatal when they fail. */
    static final Set<String> ADMIN = Set.of("ip", "iptables", "iptables-save", "sysctl", "conntrack", "bridge",
            "brctl", "nstat");

    private final ScenarioWorld host;
    private final ScenarioRunner runner;
    private final StringBuilder out = new StringBuilder();
    private final Set<String> captured = new HashSet<>();
    private final Dns dns;
    private boolean proxies;

    private LinuxExport(long seed, WorldSpec spec) {
        this.host = new ScenarioWorld(seed, CaptureSink.NONE, spec);
        this.runner = new ScenarioRunner(host, Programs.NONE, false);
        this.dns = new Dns(host);
    }

    /** The whole script for {@code lines} (parsed from {@code scenario}) in the default world. */
    public static String script(String scenario, List<ScenarioLine> lines, long seed, String version) {
        return script(scenario, lines, seed, version, WorldSpec.DEFAULT);
    }

    /** The whole script for {@code lines} (parsed from {@code scenario}) in the world {@code spec} describes. */
    public static String script(String scenario, List<ScenarioLine> lines, long seed, String version, WorldSpec spec) {
        LinuxExport e = new LinuxExport(seed, spec);
        e.out.append(ScriptText.header(scenario, seed, version));
        int worldStarts = e.out.length();
        e.world();
        if (!spec.bootSysctls().isEmpty()) {
            e.out.append("\n# Boot settings: the scenario's leading sysctl lines, before the daemon starts.\n");
            for (List<String> sysctl : spec.bootSysctls()) {
                e.emit(Admin.line(null, sysctl));
            }
        }
        for (DockerNode node : e.host.nodes()) {
            Scope.Machine m = machine(node);
            e.out.append("\n# The Docker daemon starts").append(e.host.nodes().size() > 1 ? " on " + node.name() : "")
                    .append(" (docker0, base iptables chains, sysctls).\n");
            for (ScenarioWorld.Setup s : node.engineCommands()) {
                e.emit(kernelLine(m, s.ns(), s.argv()));
            }
            node.onKernelCommand((ns, argv) -> e.emit(kernelLine(m, ns, argv)));
            node.onSpawn((h, argv) -> e.spawn(node, h, argv),
                    h -> e.emit("stop_proc " + Processes.handle(e.handle(node, h))));
        }
        for (ScenarioLine line : lines) {
            e.line(line);
        }
        e.out.append(ScriptText.footer());
        if (e.proxies) {
            // Before anything is built: no real docker-proxy, no run (there is no stand-in).
            e.out.insert(worldStarts, "# Published ports: the real docker-proxy must be here.\nneed_docker_proxy\n");
        }
        return e.out.toString();
    }

    private void world() {
        out.append(worldText(host.nodes().stream().map(DockerNode::name).toList()));
    }

    /** How Docker host {@code node} names namespaces, for its commands in the script. */
    static Scope.Machine machine(DockerNode node) {
        return new Scope.Machine(node.namespace());
    }

    /** A process's handle, unique across Docker hosts (the first's as the engine names it). */
    private String handle(DockerNode node, String h) {
        return node == host.host() ? h : node.name() + "." + h;
    }

    /** The world around the Docker host and its DNS servers, as script lines (both tiers build it so). */
    static String worldText() {
        return worldText(List.of(ScenarioWorld.DEFAULT_HOST));
    }

    /**
     * The world around the Docker hosts {@code hosts} and its DNS servers: the first host is
     * namespace ${P}host, any other ${P}NAME.
     */
    static String worldText(List<String> hosts) {
        StringBuilder sb = new StringBuilder("# The world around the Docker host (ScenarioWorld.worldSetup); the host is namespace ${P}host.\n");
        sb.append("netns_add ").append(Scope.HOST).append('\n');
        sb.append(Scope.line(null, List.of("ip", "link", "set", "lo", "up"))).append('\n');
        for (ScenarioWorld.Setup s : ScenarioWorld.worldSetup(hosts)) {
            sb.append(kernelLine(Scope.Machine.FIRST, s.ns(), s.argv())).append('\n');
        }
        return sb.append("# Its DNS servers (ScenarioPrograms.WORLD_DNS).\n").append(Dns.world()).toString();
    }

    /** A command the engine or the world issues: must succeed (set -e). */
    static String kernelLine(String ns, List<String> argv) {
        return kernelLine(Scope.Machine.FIRST, ns, argv);
    }

    /** A command issued on machine {@code m} in its namespace {@code ns} (null: its root). */
    static String kernelLine(Scope.Machine m, String ns, List<String> argv) {
        if (argv.size() == 3 && argv.get(0).equals("sysctl") && argv.get(1).equals("-w")
                && argv.get(2).startsWith("net.bridge.")) {
            return "br_sysctl " + m.name(ns) + " " + Scope.quote(argv.get(2));
        }
        return Scope.line(m, ns, argv);
    }

    private void line(ScenarioLine line) {
        out.append('\n').append("# ").append(line.where()).append(line.originalText().replace("\n", "\n# ")).append('\n');
        List<String> argv = line.argv();
        Context ctx = line.context();
        boolean dockerOnHost = ctx.kind() == Context.Kind.HOST && argv.get(0).equals("docker");
        if (line.kind() != ScenarioLine.Kind.COMMAND || dockerOnHost) {
            runner.run(List.of(line));
            out.append(dns.embedded());
            Container fg = runner.takeForeground();
            if (fg != null) {
                foreground(ctx.host() == null ? host.host() : host.node(ctx.host()), fg);
            }
            return;
        }
        DockerNode node = ctx.host() == null ? host.host() : host.node(ctx.host());
        String name = ctx.kind() == Context.Kind.CONTAINER && ctx.name() == null ? runner.attachedContainer(node.name())
                : ctx.name();
        Container container = ctx.kind() == Context.Kind.CONTAINER ? node.engine().findContainer(name) : null;
        if (ctx.kind() == Context.Kind.CONTAINER && (container == null || !container.running())) {
            out.append("# not replayed: container ").append(name).append(" is not running\n");
            return;
        }
        // The namespace as a flat script name (null: the first host's root).
        String key = switch (ctx.kind()) {
            case HOST -> node.namespace();
            case MACHINE -> ctx.name();
            case CONTAINER -> node.namespaceOf(container);
        };
        String ns = key == null ? null : Scope.key(key);
        String cmd = argv.get(0);
        if (cmd.equals("sleep")) {
            runner.run(List.of(line));
            emit(Scope.words(argv));
        } else if (ADMIN.contains(cmd)) {
            runner.run(List.of(line));
            emit(ctx.kind() == Context.Kind.HOST ? Admin.line(machine(node), null, argv) : Admin.line(ns, argv));
        } else if (Traffic.isTool(cmd)) {
            captures();
            out.append(dns.files(ns, node, container != null && container.networkMode().equals("host") ? null : container));
            emit(Traffic.line(ns, argv, container));
        } else {
            out.append("# not replayed (no network traffic, or not a tool dockwire exports)\n");
        }
    }

    /**
     * {@code docker run IMAGE CMD} in the foreground: CMD is replayed in the container's
     * namespace as a docker exec line would be, then the container's main process has ended.
     */
    private void foreground(DockerNode node, Container c) {
        List<String> cmd = c.spec().cmd();
        String key = node.namespaceOf(c);
        String ns = key == null ? null : Scope.key(key);
        if (ADMIN.contains(cmd.get(0))) {
            emit(Admin.line(ns, cmd));
        } else if (Traffic.isTool(cmd.get(0))) {
            captures();
            out.append(dns.files(ns, node, c.networkMode().equals("host") ? null : c));
            emit(Traffic.line(ns, cmd, c));
            emit("sleep 1"); // tcpdump on the container's devices gets the last frames before they go
        } else {
            out.append("# not replayed: ").append(String.join(" ", cmd)).append(" (not a tool dockwire exports)\n");
        }
        node.engine().exited(c, 0);
    }

    /** Starts tcpdump on every interface that exists now and has none yet; captures need a moment to start. */
    private void captures() {
        boolean started = false;
        for (NetDevice d : host.kernel().emulation().world().devices()) {
            String capName = host.kernel().emulation().world().captureName(d);
            String key = (d.namespace() == null ? "" : d.namespace()) + "/" + d.name();
            if (d.name().equals("lo") || !captured.add(key)) {
                continue;
            }
            String ns = Scope.key(d.namespace());
            emit("cap " + ns + " " + Scope.quote(d.name()) + " " + fileBase(capName) + " " + Scope.quote(capName));
            started = true;
        }
        if (started) {
            emit("sleep 1");
        }
    }

    /** {@code c1:eth0} -> {@code c1_eth0} (the capture file is that plus {@code .kernel.pcap}). */
    public static String fileBase(String captureName) {
        return captureName.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private void spawn(DockerNode node, String handle, List<String> argv) {
        proxies |= Processes.isProxy(argv);
        String local = node.processes().get(handle);
        String key = node.key(local == null || local.isEmpty() ? null : local);
        Site site = null;
        if (handle.startsWith("container:")) {
            // The image's web server, as ScenarioPrograms decides it.
            Container c = node.engine().findContainer(handle.substring("container:".length()));
            site = c == null ? null : Site.forImage(c.image().reference());
        }
        out.append(Processes.spawn(handle(node, handle),
                key == null ? null : Scope.key(key), argv, site));
    }

    private void emit(String shellLine) {
        out.append(shellLine).append('\n');
    }
}
