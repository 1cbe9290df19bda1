package io.dockwire.scenario;

import io.dockwire.command.CommandResult;
import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.KernelProgrammer;
import io.dockwire.docker.Names;
import io.dockwire.docker.cli.DockerCommand;
import io.dockwire.kernel.Kernel;
import io.dockwire.sim.Simulator;
import io.dockwire.trace.CaptureSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The world a scenario runs in, built with the same {@code ip} commands a person would type:
 *
 * <pre>
 *  internet (100.64.0.2; google.com 142.250.206.206, 8.8.8.8)
 *      |
 *  gw  eth1 100.64.0.1 | eth0 192.168.1.1   (router, forwards; no NAT)
 *      |
 *  lan:br0 ---- client eth0 192.168.1.20
 *      |
 *  Docker host (root namespace) eth0 192.168.1.10/24, default via 192.168.1.1
 *      docker0 172.17.0.1/16 and the containers, programmed by the Docker 27 engine model
 * </pre>
 * The machines of the LAN and the internet answer {@code @client ...} / {@code @gw ...} lines.
 * The engine's kernel commands run against the emulated kernel; a command the kernel refuses
 * is a dockwire bug and stops the run loudly.
 */
public final class DockerHost implements KernelProgrammer {
    public static final String HOST_IP = "192.168.1.10";
    public static final String HOST_RESOLV_CONF = "nameserver 192.168.1.1\n";
    public static final List<String> MACHINES = List.of("client", "gw", "internet");

    private final Kernel kernel;
    private final DockerEngine engine;
    private final Names names;
    private final DockerCommand docker;
    private final Map<String, String> processes = new LinkedHashMap<>();
    private BiConsumer<String, List<String>> spawnHook = (h, a) -> { };
    private java.util.function.Consumer<String> killHook = h -> { };
    private BiConsumer<String, List<String>> commandHook = (ns, a) -> { };
    private final List<Setup> engineCommands = new ArrayList<>();

    /** The default world: Docker 27.2, no boot settings. */
    public DockerHost(long seed, CaptureSink sink) {
        this(seed, sink, WorldSpec.DEFAULT);
    }

    /**
     * Builds the world, applies the scenario's boot settings on the Docker host, then starts the
     * daemon of {@code spec}'s profile (which reads them).
     */
    public DockerHost(long seed, CaptureSink sink, WorldSpec spec) {
        this.kernel = new Kernel(new Simulator(seed), sink);
        buildWorld();
        for (List<String> sysctl : spec.bootSysctls()) {
            kernel.exec(null, sysctl); // a bad one fails again, visibly, when its line runs
        }
        this.engine = new DockerEngine(spec.profile(), this, seed,
                () -> Kernel.EPOCH_SECONDS * 1000 + kernel.sim().now() / 1_000_000L,
                List.of(io.dockwire.docker.Cidr.parse("192.168.1.0/24")));
        this.names = new Names(engine, HOST_RESOLV_CONF);
        this.docker = new DockerCommand(engine, names);
    }

    /** One command of the world's construction: run in {@code ns} (null = the Docker host). */
    public record Setup(String ns, List<String> argv) {
        static Setup of(String ns, String line) {
            return new Setup(ns, List.of(line.split(" ")));
        }
    }

    /**
     * The commands that build the LAN and the internet around the Docker host, in order, as a
     * person would type them (also what {@code export --linux} replays on a real machine).
     * The host's uplink comes first, so it is ifindex 2 as on a booted machine.
     */
    public static List<Setup> worldSetup() {
        List<Setup> setup = new ArrayList<>();
        setup.add(Setup.of(null, "ip netns add lan"));
        setup.add(Setup.of(null, "ip link add eth0 type veth peer name host netns lan"));
        for (String line : List.of(
                "ip -n lan link add br0 type bridge",
                "ip -n lan link set br0 up",
                "ip -n lan link set host master br0",
                "ip -n lan link set host up",
                "ip link set eth0 up",
                "ip addr add 192.168.1.10/24 brd 192.168.1.255 dev eth0",
                "ip route add default via 192.168.1.1 dev eth0")) {
            setup.add(Setup.of(null, line));
        }
        for (String m : List.of("client", "gw")) {
            setup.add(Setup.of(null, "ip netns add " + m));
            setup.add(Setup.of(null, "ip -n " + m + " link set lo up"));
            setup.add(Setup.of(null, "ip -n " + m + " link add eth0 type veth peer name " + m + " netns lan"));
            setup.add(Setup.of(null, "ip -n lan link set " + m + " master br0"));
            setup.add(Setup.of(null, "ip -n lan link set " + m + " up"));
            setup.add(Setup.of(null, "ip -n " + m + " link set eth0 up"));
        }
        for (String line : List.of(
                "ip -n client addr add 192.168.1.20/24 brd 192.168.1.255 dev eth0",
                "ip -n client route add default via 192.168.1.1 dev eth0",
                "ip -n gw addr add 192.168.1.1/24 brd 192.168.1.255 dev eth0",
                "ip netns add internet",
                "ip -n internet link set lo up",
                "ip -n gw link add eth1 type veth peer name eth0 netns internet",
                "ip -n gw link set eth1 up",
                "ip -n gw addr add 100.64.0.1/30 dev eth1",
                "ip -n gw route add default via 100.64.0.2 dev eth1",
                "ip -n internet link set eth0 up",
                "ip -n internet addr add 100.64.0.2/30 dev eth0",
                "ip -n internet addr add 142.250.206.206/32 dev eth0",
                "ip -n internet addr add 8.8.8.8/32 dev eth0",
                "ip -n internet route add 192.168.1.0/24 via 100.64.0.1 dev eth0")) {
            setup.add(Setup.of(null, line));
        }
        setup.add(Setup.of("gw", "sysctl -w net.ipv4.ip_forward=1"));
        return setup;
    }

    private void buildWorld() {
        List<Setup> setup = worldSetup();
        for (DockerHost.Setup s : setup) {
            run(s.ns(), s.argv());
        }
        // Each namespace numbers its devices (lo 1): the host's are a one-NIC host's, eth0 2,
        // docker0 3, veths after it.
        // The uplink is a veth to the LAN bridge, standing in for the host's NIC: ip shows it as one.
        kernel.emulation().world().device("eth0").setPresentsAsNic(true);
        // The LAN and the internet are other machines: not in the Docker host's ip netns.
        java.util.Set<String> others = new java.util.HashSet<>(MACHINES);
        others.add("lan");
        kernel.emulation().setOtherMachines(others);
    }

    private void run(String ns, List<String> argv) {
        CommandResult r = kernel.exec(ns, argv);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("the emulated kernel refused a command dockwire issued (a dockwire bug): "
                    + (ns == null ? "" : "[" + ns + "] ") + String.join(" ", argv) + ": " + r.stderr().strip());
        }
    }

    public Kernel kernel() {
        return kernel;
    }

    public Simulator sim() {
        return kernel.sim();
    }

    public DockerEngine engine() {
        return engine;
    }

    public Names names() {
        return names;
    }

    public DockerCommand docker() {
        return docker;
    }

    /** Long-running processes the engine started, by handle (container main processes, docker-proxy). */
    public Map<String, String> processes() {
        return processes;
    }

    /** Called when the engine starts / ends a long-running process (the runner starts the app). */
    public void onSpawn(BiConsumer<String, List<String>> spawn, java.util.function.Consumer<String> kill) {
        this.spawnHook = spawn;
        this.killHook = kill;
    }

    /** Every kernel command the engine issued so far, daemon start included, in order. */
    public List<Setup> engineCommands() {
        return java.util.Collections.unmodifiableList(engineCommands);
    }

    /**
     * Called with every kernel command the engine issues (namespace null = the host), after the
     * emulated kernel ran it: {@code export --linux} records them to replay on a real machine.
     */
    public void onKernelCommand(BiConsumer<String, List<String>> observer) {
        this.commandHook = observer;
    }

    // ---- KernelProgrammer -------------------------------------------------------------------

    @Override
    public void exec(String namespace, List<String> argv) {
        if (alreadyGone(namespace, argv)) {
            return;
        }
        run(namespace, argv);
        engineCommands.add(new Setup(namespace, List.copyOf(argv)));
        commandHook.accept(namespace, argv);
    }

    /**
     * A teardown step whose object a scenario command removed already (ip link del eth0 inside a
     * container deletes both veth ends): libnetwork ignores link-not-found on delete, so the
     * step is skipped, not issued.
     */
    private boolean alreadyGone(String namespace, List<String> argv) {
        if (argv.size() == 4 && argv.get(0).equals("ip") && argv.get(1).equals("link") && argv.get(2).equals("del")) {
            return kernel.find(namespace) == null || kernel.find(namespace).ns().device(argv.get(3)) == null;
        }
        return false;
    }

    @Override
    public String readSysctl(String key) {
        CommandResult r = kernel.exec(null, List.of("sysctl", "-n", key));
        return r.exitCode() == 0 ? r.stdout() : null;
    }

    @Override
    public void sandbox(String netns, String container) {
        kernel.emulation().world().setNamespaceLabel(netns, container);
    }

    @Override
    public void spawn(String handle, String namespace, List<String> argv) {
        processes.put(handle, namespace == null ? "" : namespace);
        spawnHook.accept(handle, argv);
    }

    @Override
    public void kill(String handle) {
        processes.remove(handle);
        killHook.accept(handle);
    }
}
