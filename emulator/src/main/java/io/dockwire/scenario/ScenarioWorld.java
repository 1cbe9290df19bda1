package io.dockwire.scenario;

import io.dockwire.command.CommandResult;
import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.Names;
import io.dockwire.docker.cli.DockerCommand;
import io.dockwire.kernel.Kernel;
import io.dockwire.sim.Simulator;
import io.dockwire.trace.CaptureSink;
import java.util.ArrayList;
import java.util.Collections;
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
 *  more Docker hosts (# dockwire: docker-hosts A B C): B 192.168.1.11, C .12 ... (.20 is the client's)
 * </pre>
 * The machines of the LAN and the internet answer {@code @client ...} / {@code @gw ...} lines,
 * the Docker hosts {@code @NAME ...} lines ({@link DockerNode}). The engines' kernel commands run
 * against the emulated kernel; a command the kernel refuses is a dockwire bug and stops the run loudly.
 */
public final class ScenarioWorld {
    public static final String HOST_IP = "192.168.1.10";
    public static final String HOST_RESOLV_CONF = "nameserver 192.168.1.1\n";
    public static final List<String> MACHINES = List.of("client", "gw", "internet");
    /** The single Docker host's name when a scenario declares none: its hostname. */
    public static final String DEFAULT_HOST = "docker-host";
    /** LAN addresses the Docker hosts cannot take: the gateway's and the client's. */
    private static final List<Integer> TAKEN = List.of(1, 20);

    private final Kernel kernel;
    private final List<DockerNode> nodes = new ArrayList<>();

    /** The default world: Docker 27.2, no boot settings. */
    public ScenarioWorld(long seed, CaptureSink sink) {
        this(seed, sink, WorldSpec.DEFAULT);
    }

    /**
     * Builds the world, applies the scenario's boot settings on the first Docker host, then starts
     * the daemon of {@code spec}'s profile on each host, in the order they were declared.
     */
    public ScenarioWorld(long seed, CaptureSink sink, WorldSpec spec) {
        this.kernel = new Kernel(new Simulator(seed), sink);
        List<String> hosts = spec.dockerHosts();
        for (Setup s : worldSetup(hosts)) {
            run(s.ns(), s.argv());
        }
        // The uplinks are veths to the LAN bridge, standing in for the hosts' NICs: ip shows them as ones.
        kernel.emulation().world().device("eth0").setPresentsAsNic(true);
        java.util.Set<String> others = new java.util.HashSet<>(MACHINES);
        others.add("lan");
        for (int i = 1; i < hosts.size(); i++) {
            kernel.emulation().world().device(hosts.get(i) + ":eth0").setPresentsAsNic(true);
        }
        // The LAN and the internet are other machines: not in the first Docker host's ip netns.
        kernel.emulation().setOtherMachines(others);
        boolean several = hosts.size() > 1;
        if (several) {
            kernel.emulation().world().setRootLabel(hosts.get(0));
        }
        for (List<String> sysctl : spec.bootSysctls()) {
            kernel.exec(null, sysctl); // a bad one fails again, visibly, when its line runs
        }
        io.dockwire.docker.SwarmLan swarms = new io.dockwire.docker.SwarmLan();
        for (int i = 0; i < hosts.size(); i++) {
            nodes.add(new DockerNode(hosts.get(i), i == 0 ? null : hosts.get(i), address(i), kernel,
                    spec.profile(), nodeSeed(seed, i), several, swarms));
        }
    }

    /**
     * The seed of Docker host {@code i}'s engine: the world's for the first, a mix of it for the
     * others (murmur3's fmix64), so no two hosts draw overlapping id sequences. (XOR with multiples
     * of SplittableRandom's own increment made host 2's sequence host 1's shifted by two draws:
     * equal container ids on two hosts.)
     */
    static long nodeSeed(long seed, int i) {
        if (i == 0) {
            return seed;
        }
        long z = seed + i * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** One command of the world's construction: run in {@code ns} (null = the Docker host). */
    public record Setup(String ns, List<String> argv) {
        static Setup of(String ns, String line) {
            return new Setup(ns, List.of(line.split(" ")));
        }
    }

    /** The LAN address of the {@code i}-th Docker host: 192.168.1.10, .11, ... skipping the client's .20. */
    public static String address(int i) {
        int last = 10;
        for (int k = 0; k < i; k++) {
            do {
                last++;
            } while (TAKEN.contains(last));
        }
        if (last > 254) {
            throw new IllegalArgumentException("the LAN 192.168.1.0/24 has room for 235 Docker hosts, not " + (i + 1));
        }
        return "192.168.1." + last;
    }

    /** The world of one Docker host ({@link #worldSetup(List)} with {@link #DEFAULT_HOST}). */
    public static List<Setup> worldSetup() {
        return worldSetup(List.of(DEFAULT_HOST));
    }

    /**
     * The commands that build the LAN and the internet around the Docker hosts, in order, as a
     * person would type them (also what {@code export --linux} replays on a real machine).
     * The first host's uplink comes first, so it is ifindex 2 as on a booted machine; every other
     * Docker host is a namespace of its own named after it, with its uplink as ifindex 2 there.
     */
    public static List<Setup> worldSetup(List<String> hosts) {
        List<Setup> setup = new ArrayList<>();
        // One host's LAN port is "host"; with several, each is named after its host.
        String first = hosts.size() > 1 ? lanPort(hosts.get(0), 0) : "host";
        setup.add(Setup.of(null, "ip netns add lan"));
        setup.add(Setup.of(null, "ip link add eth0 type veth peer name " + first + " netns lan"));
        for (String line : List.of(
                "ip -n lan link add br0 type bridge",
                "ip -n lan link set br0 up",
                "ip -n lan link set " + first + " master br0",
                "ip -n lan link set " + first + " up",
                "ip link set eth0 up",
                "ip addr add 192.168.1.10/24 brd 192.168.1.255 dev eth0",
                "ip route add default via 192.168.1.1 dev eth0")) {
            setup.add(Setup.of(null, line));
        }
        for (String m : MACHINES.subList(0, 2)) {
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
        for (int i = 1; i < hosts.size(); i++) {
            String h = hosts.get(i);
            String lanPort = lanPort(h, i);
            setup.add(Setup.of(null, "ip netns add " + h));
            setup.add(Setup.of(null, "ip -n " + h + " link set lo up"));
            setup.add(Setup.of(null, "ip -n " + h + " link add eth0 type veth peer name " + lanPort + " netns lan"));
            setup.add(Setup.of(null, "ip -n lan link set " + lanPort + " master br0"));
            setup.add(Setup.of(null, "ip -n lan link set " + lanPort + " up"));
            setup.add(Setup.of(null, "ip -n " + h + " link set eth0 up"));
            setup.add(Setup.of(null, "ip -n " + h + " addr add " + address(i) + "/24 brd 192.168.1.255 dev eth0"));
            setup.add(Setup.of(null, "ip -n " + h + " route add default via 192.168.1.1 dev eth0"));
        }
        return setup;
    }

    /** The LAN bridge's port for Docker host {@code i}: its name, when that fits a device name. */
    private static String lanPort(String host, int i) {
        return host.length() <= 15 ? host : "host" + i;
    }

    private void run(String ns, List<String> argv) {
        CommandResult r = kernel.exec(ns, argv);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("the emulated kernel refused a command dockwire issued (a dockwire bug): "
                    + (ns == null ? "" : "[" + ns + "] ") + String.join(" ", argv) + ": " + r.stderr().strip());
        }
        if (argv.size() == 4 && argv.get(1).equals("netns") && argv.get(2).equals("add")
                && !MACHINES.contains(argv.get(3)) && !argv.get(3).equals("lan")) {
            kernel.emulation().world().addMachineRoot(argv.get(3));
        }
    }

    public Kernel kernel() {
        return kernel;
    }

    public Simulator sim() {
        return kernel.sim();
    }

    /** The Docker hosts, in the order they were declared (the first is where unprefixed lines run). */
    public List<DockerNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The Docker host named {@code name}, or null. */
    public DockerNode node(String name) {
        for (DockerNode n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    /** The first Docker host: where lines without {@code @NAME} run. */
    public DockerNode host() {
        return nodes.get(0);
    }

    /** The first Docker host's engine. */
    public DockerEngine engine() {
        return host().engine();
    }

    /** The first Docker host's names (hosts files, DNS records). */
    public Names names() {
        return host().names();
    }

    /** The first Docker host's docker CLI. */
    public DockerCommand docker() {
        return host().docker();
    }

    /** The first Docker host's long-running processes. */
    public Map<String, String> processes() {
        return host().processes();
    }

    /** {@link DockerNode#onSpawn} of the first Docker host. */
    public void onSpawn(BiConsumer<String, List<String>> spawn, java.util.function.Consumer<String> kill) {
        host().onSpawn(spawn, kill);
    }

    /** {@link DockerNode#engineCommands} of the first Docker host. */
    public List<Setup> engineCommands() {
        return host().engineCommands();
    }

    /** {@link DockerNode#onKernelCommand} of the first Docker host. */
    public void onKernelCommand(BiConsumer<String, List<String>> observer) {
        host().onKernelCommand(observer);
    }
}
