package io.dockwire.link;

import io.dockwire.sim.Injector;
import io.dockwire.sim.Simulator;
import io.dockwire.trace.CaptureInterface;
import io.dockwire.trace.CaptureSink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of a simulated network: owns the {@link Simulator}, hands out ifindexes (one
 * counter per world, so veth peers get consecutive numbers as on Linux) and declares every
 * device as a capture interface with the {@link CaptureSink} (name {@code ns:dev}, or just
 * {@code dev} in the root namespace), so every frame is recorded on every device it crosses.
 * With {@link CaptureSink#NONE} nothing is declared and capture costs one branch per hop.
 */
public final class World {
    private final Simulator sim;
    private final CaptureSink sink;
    private final List<NetDevice> devices = new ArrayList<>();
    private final Map<String, NetDevice> byName = new HashMap<>();
    /** Devices registered since the last {@link #drainAdded}. */
    private final List<NetDevice> added = new ArrayList<>();
    private final Map<String, String> namespaceLabels = new HashMap<>();
    private boolean captureAll = true;
    /** Per namespace ("" = root): its device numbering. */
    private final Map<String, Numbering> numberings = new HashMap<>();
    private int firstIfIndex = 1;
    private int nextTarget = 1;
    private boolean captureNewDevices;
    private String rootNamespaceName = "host";
    private boolean rootNamespaceNamed;
    /** Named namespaces that are machines of their own (another Docker host), each with its own /run/netns. */
    private final java.util.Set<String> machineRoots = new java.util.HashSet<>();
    private String rootLabel;
    private int changes;

    public World() {
        this(new Simulator(), CaptureSink.NONE);
    }

    public World(Simulator sim, CaptureSink sink) {
        this.sim = sim;
        this.sink = sink;
        this.captureNewDevices = sink != CaptureSink.NONE;
    }

    public Simulator sim() {
        return sim;
    }

    public CaptureSink sink() {
        return sink;
    }

    public long now() {
        return sim.now();
    }

    /** Whether devices created from now on are declared as capture interfaces (default: sink != NONE). */
    public void setCaptureNewDevices(boolean capture) {
        this.captureNewDevices = capture;
    }

    /** Name printed for the root namespace in another namespace's {@code link-netns}. */
    public String rootNamespaceName() {
        return rootNamespaceName;
    }

    /**
     * Names the root namespace as if it were a named one (a test rig where the "host" is a
     * namespace made with ip netns add): peers then print {@code link-netns NAME}. Unnamed (the
     * default, as on a real machine) they print {@code link-netnsid 0}.
     */
    public void setRootNamespaceName(String name) {
        this.rootNamespaceName = name;
        this.rootNamespaceNamed = true;
    }

    /** Whether {@link #setRootNamespaceName} named the root namespace. */
    public boolean rootNamespaceNamed() {
        return rootNamespaceNamed;
    }

    /**
     * Declares namespace {@code ns} the root namespace of a machine of its own (another Docker
     * host on the LAN): the namespaces made from there are keyed {@code ns/NAME}, and a device
     * whose peer is in {@code ns} prints {@code link-netnsid 0}, as a container on that host shows it.
     */
    public void addMachineRoot(String ns) {
        machineRoots.add(ns);
    }

    /** Whether {@code ns} is a machine's root namespace (the real root, null, is one). */
    public boolean isMachineRoot(String ns) {
        return ns == null || machineRoots.contains(ns);
    }

    /**
     * The /run/netns directory namespace {@code ns} sees, as the prefix of the keys of the
     * namespaces listed there: "" for the real root's machine, {@code M/} for machine M's.
     */
    public String netnsDir(String ns) {
        if (ns == null) {
            return "";
        }
        int slash = ns.indexOf('/');
        if (slash >= 0) {
            return ns.substring(0, slash + 1);
        }
        return machineRoots.contains(ns) ? ns + "/" : "";
    }

    /**
     * The key of the namespace machine {@code root} (its root namespace's key; null: the real
     * root's machine) calls {@code local} in its /run/netns (null: the machine's root itself):
     * {@code ROOT/LOCAL}, the one convention {@link #netnsDir} and {@link #localName} read back.
     */
    public static String key(String root, String local) {
        return local == null ? root : root == null ? local : root + "/" + local;
    }

    /** The name namespace {@code ns} has in its machine's /run/netns (its key without the machine). */
    public static String localName(String ns) {
        return ns == null ? null : ns.substring(ns.indexOf('/') + 1);
    }

    /**
     * Labels the root namespace's devices in captures ({@code manager:eth0}) when several
     * machines of one kind share the world; null (the default) leaves them bare ({@code eth0}).
     */
    public void setRootLabel(String label) {
        this.rootLabel = label;
    }

    /**
     * Sets the first ifindex a namespace hands out (e.g. 2, leaving 1 for a loopback created
     * elsewhere), for namespaces that have no device yet.
     */
    public void setNextIfIndex(int next) {
        if (next < 1) {
            throw new IllegalArgumentException("ifindexes start at 1, next=" + next);
        }
        this.firstIfIndex = next;
    }

    /** A namespace's ifindexes in use, and the next one to try (net->ifindex). */
    private static final class Numbering {
        final java.util.BitSet used = new java.util.BitSet();
        int next;

        Numbering(int first) {
            next = first;
        }
    }

    private Numbering numbering(String ns) {
        return numberings.computeIfAbsent(ns == null ? "" : ns, k -> new Numbering(firstIfIndex));
    }

    /**
     * The next free ifindex of namespace {@code ns} (null = root): each namespace numbers its devices
     * on its own, from its counter on, skipping indexes in use there.
     */
    int allocIfIndex(String ns) {
        Numbering n = numbering(ns);
        while (n.used.get(n.next)) {
            n.next++;
        }
        n.used.set(n.next);
        return n.next++;
    }

    /** A new device's simulator id: unique in the world (ifindexes repeat across namespaces). */
    int allocTarget() {
        return nextTarget++;
    }

    void register(NetDevice d) {
        String q = d.qualifiedName();
        if (byName.containsKey(q)) {
            throw new IllegalArgumentException("device name already in use in its namespace, name=" + q);
        }
        added.add(d);
        byName.put(q, d);
        devices.add(d);
        changes++;
        sim.registerTarget(d.target(), d);
        if (captureNewDevices) {
            d.setCaptureId(NetDevice.CAPTURE_PENDING);
        }
        d.setCaptureEnabled(captureAll);
    }

    /**
     * Records frames only on {@code only} from now on (devices created later are not recorded
     * either); null records every device again. What a scenario's {@code tcpdump -i DEV} selects.
     */
    public void captureOnly(java.util.Collection<NetDevice> only) {
        captureAll = only == null;
        for (NetDevice d : devices) {
            d.setCaptureEnabled(only == null || only.contains(d));
        }
    }

    /**
     * Gives namespace {@code ns} a label for capture interface names ({@code c1} for a container
     * whose namespace is called by its sandbox id), so Wireshark shows {@code c1:eth0}.
     */
    public void setNamespaceLabel(String ns, String label) {
        namespaceLabels.put(ns, label);
    }

    /** {@link #setNamespaceLabel} unless the namespace has a label already. */
    public void setNamespaceLabelIfAbsent(String ns, String label) {
        namespaceLabels.putIfAbsent(ns, label);
    }

    /** The capture interface name of a device: {@code label:name}, or the name in the root namespace. */
    public String captureName(NetDevice d) {
        String ns = d.namespace();
        if (ns == null) {
            return rootLabel == null ? d.name() : rootLabel + ":" + d.name();
        }
        return namespaceLabels.getOrDefault(ns, ns) + ":" + d.name();
    }

    /** Declares {@code d}'s capture interface now (at its first captured frame); returns its id. */
    int declareCapture(NetDevice d) {
        return sink.addInterface(CaptureInterface.named(captureName(d), d.mac()));
    }

    /** A veth pair with the default delay ({@link Veth#DEFAULT_DELAY_NS}). */
    public VethPair vethPair(String nameA, String nsA, String nameB, String nsB) {
        return Veth.create(this, nameA, nsA, nameB, nsB, Veth.DEFAULT_DELAY_NS);
    }

    public VethPair vethPair(String nameA, String nsA, String nameB, String nsB, long delayNs) {
        return Veth.create(this, nameA, nsA, nameB, nsB, delayNs);
    }

    /**
     * {@code ip link set OLD name NEW}: re-keys the device. A captured device is declared again
     * under its new name (a new pcapng interface; the old one keeps the frames seen before), so
     * a capture names the device as it is called when the frames cross it.
     */
    public void rename(NetDevice d, String newName) {
        NetDevice.checkName(newName);
        rekey(d, newName, d.namespace());
    }

    /**
     * {@code ip link set DEV netns NS} (null = root namespace): the device keeps its ifindex when
     * the target namespace does not use it, else takes that namespace's next one
     * (dev_change_net_namespace), and is re-declared for capture like {@link #rename}.
     */
    public void move(NetDevice d, String namespace) {
        rekey(d, d.name(), namespace);
    }

    private void rekey(NetDevice d, String name, String namespace) {
        String q = namespace == null ? name : namespace + ":" + name;
        if (byName.containsKey(q)) {
            throw new IllegalArgumentException("device name already in use in its namespace, name=" + q);
        }
        byName.remove(d.qualifiedName());
        changes++;
        if (!java.util.Objects.equals(namespace, d.namespace())) {
            numbering(d.namespace()).used.clear(d.ifindex());
            if (numbering(namespace).used.get(d.ifindex())) {
                d.setIfIndex(allocIfIndex(namespace));
            } else {
                numbering(namespace).used.set(d.ifindex());
            }
        }
        d.setIdentity(name, namespace);
        byName.put(q, d);
        if (d.captureId() >= 0) {
            d.setCaptureId(NetDevice.CAPTURE_PENDING); // a new interface under the new name at its next frame
        }
    }

    /**
     * {@code ip link del}: forgets the device (down first, so frames still in flight to it are
     * dropped on arrival). The caller detaches it from its master and peer beforehand.
     */
    public void remove(NetDevice d) {
        d.setUp(false);
        d.removed();
        byName.remove(d.qualifiedName());
        numbering(d.namespace()).used.clear(d.ifindex());
        devices.remove(d);
        changes++;
    }

    /** The devices registered since the last call, in order (the kernel hooks new bridges to netfilter). */
    public List<NetDevice> drainAdded() {
        List<NetDevice> out = List.copyOf(added);
        added.clear();
        return out;
    }

    /** Bumped whenever a device is added, renamed, moved or removed: callers cache what they derive from the device set. */
    public int changes() {
        return changes;
    }

    /** Null when there is no such device. */
    public NetDevice find(String qualifiedName) {
        return byName.get(qualifiedName);
    }

    /** All devices in creation (ifindex) order. */
    public List<NetDevice> devices() {
        return Collections.unmodifiableList(devices);
    }

    /** By qualified name ({@code c1:eth0}, {@code docker0}); throws if unknown. */
    public NetDevice device(String qualifiedName) {
        NetDevice d = byName.get(qualifiedName);
        if (d == null) {
            throw new IllegalArgumentException("no such device, name=" + qualifiedName);
        }
        return d;
    }

    /**
     * From the simulation thread: at {@code time}, {@code dev} transmits a copy of {@code frame}
     * (as if its stack sent it).
     */
    public void transmitAt(NetDevice dev, long time, byte[] frame) {
        sim.injectAt(time, dev.target(), Injector.TRANSMIT, sim.pool().allocCopy(frame, 0, frame.length));
    }

    /** From the simulation thread: at {@code time}, {@code dev} receives a copy of {@code frame} from its medium. */
    public void receiveAt(NetDevice dev, long time, byte[] frame) {
        sim.injectAt(time, dev.target(), Injector.RECEIVE, sim.pool().allocCopy(frame, 0, frame.length));
    }

    /** {@code ip link} for the devices of one namespace (null = root), in ifindex order. */
    public String ipLink(String namespace) {
        StringBuilder sb = new StringBuilder();
        for (NetDevice d : devices) {
            if (java.util.Objects.equals(namespace, d.namespace())) {
                sb.append(IpLink.render(d, true)).append('\n');
            }
        }
        return sb.toString();
    }
}
