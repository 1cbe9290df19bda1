package io.dockwire.ip;

import io.dockwire.command.CommandResult;
import io.dockwire.link.World;
import io.dockwire.sim.Simulator;
import io.dockwire.trace.CaptureSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated host: the {@link World}, the root network namespace and the named ones, driven
 * by iproute2 argv through {@link #ip(String...)} (e.g. {@code ip("-n", "c1", "addr", "add",
 * "172.17.0.2/16", "dev", "eth0")}) or through the Java objects. The world's ifindex counter
 * starts at 2: ifindex 1 is every namespace's loopback. The root namespace's lo is up (a booted
 * host); a namespace made by {@code ip netns add} has lo down, as on Linux.
 */
public final class Emulation {
    private final World world;
    private final NetNamespace root;
    private final Map<String, NetNamespace> named = new LinkedHashMap<>();
    private java.util.Set<String> otherMachines = java.util.Set.of();
    private final Map<String, LinkKind> linkKinds = new LinkedHashMap<>();
    /** Namespaces made / removed since the last {@link #drainAdded} / {@link #drainRemoved}, in order. */
    private final List<NetNamespace> added = new ArrayList<>();
    private final List<NetNamespace> removed = new ArrayList<>();
    private int netnsChanges;

    public Emulation() {
        this(new Simulator(), CaptureSink.NONE);
    }

    public Emulation(Simulator sim, CaptureSink sink) {
        this.world = new World(sim, sink);
        world.setNextIfIndex(2);
        this.root = new NetNamespace(world, null);
        root.setLoopbackUp(true);
    }

    public World world() {
        return world;
    }

    public Simulator sim() {
        return world.sim();
    }

    public NetNamespace root() {
        return root;
    }

    /** Makes {@code ip link add ... type KIND} create devices of {@code kind}. */
    public void registerLinkKind(String name, LinkKind kind) {
        linkKinds.put(name, kind);
    }

    LinkKind linkKind(String name) {
        return linkKinds.get(name);
    }

    /** The namespace a device lives in. */
    public NetNamespace namespaceOf(io.dockwire.link.NetDevice d) {
        return byKey(d.namespace());
    }

    /** A named namespace, or null. */
    public NetNamespace findNetns(String name) {
        return named.get(name);
    }

    /** A named namespace; throws if there is none. */
    public NetNamespace netns(String name) {
        NetNamespace ns = named.get(name);
        if (ns == null) {
            throw new IllegalArgumentException("no such network namespace, name=" + name);
        }
        return ns;
    }

    /** {@code ip netns add NAME}; throws if it exists. */
    public NetNamespace addNetns(String name) {
        return addNetns("", name);
    }

    /**
     * {@code ip netns add NAME} typed on the machine whose /run/netns is {@code dir}
     * ({@link World#netnsDir}): the namespace is keyed {@code dir + NAME}. Throws if it exists.
     */
    public NetNamespace addNetns(String dir, String name) {
        String key = dir + name;
        if (named.containsKey(key) || name.isEmpty() || name.contains("/") || name.contains(":")) {
            throw new IllegalArgumentException("cannot create network namespace, name=" + key);
        }
        NetNamespace ns = new NetNamespace(world, key);
        named.put(key, ns);
        netnsChanges++;
        added.add(ns);
        return ns;
    }

    boolean removeNetns(String name) {
        NetNamespace ns = named.get(name);
        if (ns == null || !ns.devices().isEmpty()) {
            return false;
        }
        named.remove(name);
        netnsChanges++;
        removed.add(ns);
        return true;
    }

    /** The namespaces made since the last call, in creation order (the kernel gives each its services). */
    public List<NetNamespace> drainAdded() {
        List<NetNamespace> out = List.copyOf(added);
        added.clear();
        return out;
    }

    /** The namespaces removed since the last call. */
    public List<NetNamespace> drainRemoved() {
        List<NetNamespace> out = List.copyOf(removed);
        removed.clear();
        return out;
    }

    /**
     * Grows whenever a namespace or a device appears, moves, is renamed or goes: equal values mean
     * the same topology (both counters only grow).
     */
    public int changes() {
        return world.changes() + netnsChanges;
    }

    /** Named namespaces, newest first (the order {@code ip netns list} shows on a tmpfs /run/netns). */
    public List<String> netnsNames() {
        List<String> out = new ArrayList<>(named.keySet());
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * Namespaces that stand for other machines (the scenario world's LAN and internet): they
     * exist for the emulation but are not in this host's /run/netns, so {@code ip netns} does
     * not list them.
     */
    public void setOtherMachines(java.util.Set<String> names) {
        this.otherMachines = java.util.Set.copyOf(names);
    }

    /** What {@code ip netns list} shows: the named namespaces, newest first, other machines left out. */
    public List<String> listedNetns() {
        return listedNetns("");
    }

    /** What {@code ip netns list} shows on the machine whose /run/netns is {@code dir}. */
    public List<String> listedNetns(String dir) {
        List<String> out = new ArrayList<>();
        for (String key : netnsNames()) {
            if (dir.isEmpty() ? key.indexOf('/') < 0 && !otherMachines.contains(key) && !world.isMachineRoot(key)
                    : key.startsWith(dir)) {
                out.add(key.substring(dir.length()));
            }
        }
        return out;
    }

    /** The namespace a device namespace key (null = root) names. */
    NetNamespace byKey(String key) {
        return key == null ? root : named.get(key);
    }

    /** Runs iproute2 {@code ip} with {@code argv} (without the leading "ip") in the root namespace. */
    public CommandResult ip(String... argv) {
        return new IpCommand(this, "").run(root, argv);
    }

    /** {@code ip} with {@code argv} typed in namespace {@code ns} (null = root), resolving names in its /run/netns. */
    public CommandResult ipIn(String ns, String... argv) {
        NetNamespace in = byKey(ns);
        if (in == null) {
            throw new IllegalArgumentException("no such network namespace, name=" + ns);
        }
        return new IpCommand(this, world.netnsDir(ns)).run(in, argv);
    }

    /** {@link #ip(String...)} with a command line split on blanks, e.g. {@code "-n c1 route"}. */
    public CommandResult ipLine(String line) {
        return ip(line.trim().split("\\s+"));
    }
}
