package io.dockwire.scenario;

import io.dockwire.command.CommandResult;
import io.dockwire.docker.Container;
import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.KernelProgrammer;
import io.dockwire.docker.Names;
import io.dockwire.docker.Profile;
import io.dockwire.docker.cli.DockerCommand;
import io.dockwire.kernel.Kernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One Docker host of the world: a Linux machine on the LAN with its own root network namespace,
 * /run/netns, dockerd, IDs, iptables and processes. Every Docker host is one of these; they differ
 * only in where their root namespace is: the first host's is the emulator's root namespace (what
 * unprefixed scenario lines and today's single-host tools see), the others' are the namespaces
 * named after them ({@link #namespace()}), and the namespaces their daemons make are keyed
 * {@code NAME/SANDBOX} ({@link io.dockwire.link.World#netnsDir}).
 *
 * <p>The engine programs this host through {@link KernelProgrammer}: the argv it issues are the
 * commands libnetwork would run on that machine, executed by the shared emulated kernel in this
 * host's namespaces.
 */
public final class DockerNode implements KernelProgrammer {
    private final String name;
    private final String namespace;
    private final String address;
    private final Kernel kernel;
    private final DockerEngine engine;
    private final Names names;
    private final DockerCommand docker;
    private final Map<String, String> processes = new LinkedHashMap<>();
    private final List<ScenarioWorld.Setup> engineCommands = new ArrayList<>();
    private BiConsumer<String, List<String>> spawnHook = (h, a) -> { };
    private Consumer<String> killHook = h -> { };
    private BiConsumer<String, List<String>> commandHook = (ns, a) -> { };
    /** Whether namespaces this host's daemon makes get a capture label naming the host. */
    private final boolean labelled;

    /**
     * Starts dockerd on a host whose network is up.
     *
     * @param name      the host's name (its hostname, what {@code @NAME} lines and captures call it)
     * @param namespace its root namespace: null for the emulator's root, else a machine root
     * @param address   its LAN address
     * @param labelled  whether the world has several Docker hosts (captures then name each host)
     * @param lan       the swarms of the LAN, shared by its Docker hosts
     */
    DockerNode(String name, String namespace, String address, Kernel kernel, Profile profile, long seed,
               boolean labelled, io.dockwire.docker.SwarmLan lan) {
        this.name = name;
        this.namespace = namespace;
        this.address = address;
        this.kernel = kernel;
        this.labelled = labelled;
        this.engine = new DockerEngine(profile, this, seed,
                () -> Kernel.EPOCH_SECONDS * 1000 + kernel.sim().now() / 1_000_000L,
                List.of(io.dockwire.docker.Cidr.parse("192.168.1.0/24")));
        engine.setHostname(name);
        engine.swarm().attach(lan, address);
        this.names = new Names(engine, ScenarioWorld.HOST_RESOLV_CONF);
        this.docker = new DockerCommand(engine, names);
    }

    /** The host's name: its hostname, and what {@code @NAME} lines call it. */
    public String name() {
        return name;
    }

    /** The kernel namespace key of this host's root namespace (null: the emulator's root). */
    public String namespace() {
        return namespace;
    }

    /** The host's address on the LAN. */
    public String address() {
        return address;
    }

    public Kernel kernel() {
        return kernel;
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

    /**
     * The kernel key of a namespace as this host names it: null is the host's root, any other
     * name is one of its /run/netns.
     */
    public String key(String localName) {
        return io.dockwire.link.World.key(namespace, localName);
    }

    /** The kernel key of the namespace a container's programs run in (the host's for --network host). */
    public String namespaceOf(Container c) {
        return c.networkMode().equals("host") ? namespace : key(c.netns());
    }

    /** Long-running processes the engine started, by handle (container main processes, docker-proxy). */
    public Map<String, String> processes() {
        return processes;
    }

    /** Called when the engine starts / ends a long-running process (the runner starts the app). */
    public void onSpawn(BiConsumer<String, List<String>> spawn, Consumer<String> kill) {
        this.spawnHook = spawn;
        this.killHook = kill;
    }

    /** Every kernel command the engine issued so far, daemon start included, in order (names as on the host). */
    public List<ScenarioWorld.Setup> engineCommands() {
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
    public void exec(String ns, List<String> argv) {
        if (alreadyGone(ns, argv)) {
            return;
        }
        if (labelled && argv.size() == 4 && argv.get(0).equals("ip") && argv.get(1).equals("netns")
                && argv.get(2).equals("add")) {
            String key = key(argv.get(3));
            if (namespace == null) {
                // Keyed by the bare name in the emulator's root: label it with the host, as the others' keys are.
                kernel.emulation().world().setNamespaceLabelIfAbsent(key, name + "/" + argv.get(3));
            }
        }
        CommandResult r = kernel.exec(key(ns), argv);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("the emulated kernel refused a command dockwire issued (a dockwire bug): "
                    + "[" + name + (ns == null ? "" : " " + ns) + "] " + String.join(" ", argv) + ": "
                    + r.stderr().strip());
        }
        engineCommands.add(new ScenarioWorld.Setup(ns, List.copyOf(argv)));
        commandHook.accept(ns, argv);
    }

    /**
     * A teardown step whose object a scenario command removed already (ip link del eth0 inside a
     * container deletes both veth ends): libnetwork ignores link-not-found on delete, so the
     * step is skipped, not issued.
     */
    private boolean alreadyGone(String ns, List<String> argv) {
        if (argv.size() == 4 && argv.get(0).equals("ip") && argv.get(1).equals("link") && argv.get(2).equals("del")) {
            Kernel.Services s = kernel.find(key(ns));
            return s == null || s.ns().device(argv.get(3)) == null;
        }
        return false;
    }

    @Override
    public String readSysctl(String key) {
        CommandResult r = kernel.exec(namespace, List.of("sysctl", "-n", key));
        return r.exitCode() == 0 ? r.stdout() : null;
    }

    @Override
    public void sandbox(String netns, String container) {
        kernel.emulation().world().setNamespaceLabel(key(netns), container);
    }

    @Override
    public void spawn(String handle, String ns, List<String> argv) {
        processes.put(handle, ns == null ? "" : ns);
        spawnHook.accept(handle, argv);
    }

    @Override
    public void kill(String handle) {
        processes.remove(handle);
        killHook.accept(handle);
    }
}
