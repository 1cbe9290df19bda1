package io.dockwire.link;

import io.dockwire.sim.ArrivalHandler;
import io.dockwire.sim.FramePool;
import io.dockwire.sim.Injector;
import io.dockwire.sim.Simulator;
import io.dockwire.trace.CaptureSink;
import io.dockwire.wire.EthernetFrame;

import java.util.List;

/**
 * A network interface: name, ifindex, MAC, MTU, admin state, optional master, counters and a
 * capture point.
 *
 * <p>Two entry points move frames, each taking over one reference to the slot:
 * {@link #transmit} (the device sends: its stack or its master hands it a frame) and
 * {@link #receive} (a frame arrives from the device's medium). A received frame goes to the
 * master if the device is enslaved, otherwise to the {@link FrameReceiver}. Captures are taken
 * where Linux's packet taps sit: on transmit after the admin/MTU checks (direction out), on
 * receive after them (direction in), each at the simulated time of that point.
 *
 * <p>Devices are created administratively up (unlike Linux, where a new link is down) because
 * every scenario sets them up at once; {@link #setUp(boolean) setUp(false)} models a down link.
 */
public abstract class NetDevice implements ArrivalHandler {
    protected final World world;
    protected final Simulator sim;
    protected final FramePool pool;
    private final CaptureSink sink;
    private String name;
    private String namespace;
    /** The simulator's handle for this device's arrivals: unique in the world. */
    private final int target;
    /** The ifindex its namespace gave it (namespaces number their devices on their own, as in Linux). */
    private int ifindex;
    private long mac;
    private int mtu = 1500;
    private int txQueueLen = 1000;
    private boolean presentsAsNic;
    private boolean up = true;
    private Master master;
    private int portIndex = -1;
    private FrameReceiver receiver;
    private int captureId = -1;
    private boolean captureEnabled = true;

    private long rxPackets;
    private long rxBytes;
    private long txPackets;
    private long txBytes;
    private long rxNoHandler;
    private final long[] rxDrops = new long[DropReason.VALUES.length];
    private final long[] txDrops = new long[DropReason.VALUES.length];

    /**
     * @param namespace qualifier of the namespace the device lives in, or null for the root
     *                  (host) namespace; used in capture names ({@code c1:eth0}) and renderings
     */
    protected NetDevice(World world, String name, String namespace, long mac) {
        checkName(name);
        this.world = world;
        this.sim = world.sim();
        this.pool = sim.pool();
        this.sink = world.sink();
        this.name = name;
        this.namespace = namespace;
        this.mac = mac;
        this.target = world.allocTarget();
        this.ifindex = world.allocIfIndex(namespace);
        world.register(this);
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 15 || name.indexOf(':') >= 0 || name.indexOf(' ') >= 0
                || name.indexOf('/') >= 0) {
            // Linux IFNAMSIZ is 16 including the NUL; dev_valid_name refuses '/', ':' and spaces.
            throw new IllegalArgumentException("invalid device name (1..15 chars, no ':', '/' or spaces), name=" + name);
        }
    }

    /** For {@link World#rename} / {@link World#move} only: the registry re-keys the device. */
    final void setIdentity(String name, String namespace) {
        this.name = name;
        this.namespace = namespace;
    }

    // ---- identity -----------------------------------------------------------------------

    public final String name() {
        return name;
    }

    /** The namespace qualifier, or null for the root namespace. */
    public final String namespace() {
        return namespace;
    }

    /** {@code ns:name}, or just the name in the root namespace: unique within a world. */
    public final String qualifiedName() {
        return namespace == null ? name : namespace + ":" + name;
    }

    public final int ifindex() {
        return ifindex;
    }

    /** For {@link World#move} only: the index the target namespace gives a device whose own is taken there. */
    final void setIfIndex(int ifindex) {
        this.ifindex = ifindex;
    }

    /** The simulator's id for this device's arrivals and injections (unique in the world, unlike ifindex). */
    public final int target() {
        return target;
    }

    public final long mac() {
        return mac;
    }

    public void setMac(long mac) {
        this.mac = mac;
    }

    public final int mtu() {
        return mtu;
    }

    public void setMtu(int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("MTU out of range 68..65535, mtu=" + mtu);
        }
        this.mtu = mtu;
    }

    public final boolean isUp() {
        return up;
    }

    public void setUp(boolean up) {
        if (this.up == up) {
            return;
        }
        this.up = up;
        if (master != null) {
            master.portStateChanged(this, up);
        }
    }

    /** Link carrier (LOWER_UP): up and, for a veth, its peer up; for a bridge, a live port. */
    public boolean hasCarrier() {
        return up;
    }

    public final Master master() {
        return master;
    }

    public final int portIndex() {
        return portIndex;
    }

    /** Called by a {@link Master} when it enslaves this device (Linux {@code netdev_master_upper_dev_link}). */
    public final void attachMaster(Master m, int index) {
        if (master != null) {
            throw new IllegalStateException(name + " is already enslaved to " + master.device().name());
        }
        master = m;
        portIndex = index;
    }

    public final void detachMaster() {
        master = null;
        portIndex = -1;
    }

    public final FrameReceiver receiver() {
        return receiver;
    }

    public final void setReceiver(FrameReceiver receiver) {
        this.receiver = receiver;
    }

    // ---- capture ------------------------------------------------------------------------

    /**
     * A device to be captured that has not carried a frame yet: its capture interface is declared
     * at its first frame, under the name it has then, so a capture holds only interfaces that saw
     * traffic and names them as they were called at that moment (a veth created in the host and
     * then moved into a container and renamed shows up once, as {@code c1:eth0}).
     */
    public static final int CAPTURE_PENDING = -2;

    /** Whether frames on this device are recorded now (a scenario's {@code tcpdump -i} picks devices). */
    public final void setCaptureEnabled(boolean on) {
        this.captureEnabled = on;
    }

    public final boolean captureEnabled() {
        return captureEnabled;
    }

    /** The capture interface id, {@link #CAPTURE_PENDING}, or -1 when the device is not captured. */
    public final int captureId() {
        return captureId;
    }

    public final void setCaptureId(int id) {
        this.captureId = id;
    }

    protected final void capture(int slot, long now, int direction) {
        capture(slot, now, direction, null);
    }

    private void capture(int slot, long now, int direction, String comment) {
        int id = captureId;
        if (id == -1 || !captureEnabled) {
            return;
        }
        if (id == CAPTURE_PENDING) {
            id = world.declareCapture(this);
            captureId = id;
        }
        sink.frame(id, now, direction, pool.buf(slot), 0, pool.len(slot), comment);
    }

    /**
     * Records the frame in {@code slot} on this device's capture with no direction and a comment,
     * without sending it: how a layer above notes a frame it dropped (a netfilter DROP verdict).
     * The caller keeps its reference.
     */
    public final void captureNote(int slot, long now, String comment) {
        capture(slot, now, CaptureSink.DIR_UNKNOWN, comment);
    }

    // ---- data path ----------------------------------------------------------------------

    /** The device sends the frame in {@code slot}; takes over one reference. */
    public final void transmit(int slot, long now) {
        transmit(slot, now, null);
    }

    /**
     * {@link #transmit(int, long)} with a pcapng comment on the outgoing capture record (e.g. the
     * NAT rule that rewrote the frame); {@code comment} should be a constant or cached string.
     */
    public final void transmit(int slot, long now, String comment) {
        if (!up) {
            dropTx(DropReason.DOWN, slot);
            return;
        }
        int len = pool.len(slot);
        if (len - EthernetFrame.HEADER_LENGTH > mtu) {
            dropTx(DropReason.MTU, slot);
            return;
        }
        capture(slot, now, CaptureSink.DIR_OUT, comment);
        xmit(slot, len, now);
    }

    /**
     * Device-specific sending after the common checks and the capture: put it on the medium
     * (calling {@link #countTx}) or drop it (calling {@link #dropTx}).
     */
    protected abstract void xmit(int slot, int len, long now);

    /** A frame arrives from the device's medium; takes over one reference. */
    public final void receive(int slot, long now) {
        if (!up) {
            dropRx(DropReason.DOWN, slot);
            return;
        }
        int len = pool.len(slot);
        if (len - EthernetFrame.HEADER_LENGTH > mtu) {
            dropRx(DropReason.MTU, slot);
            return;
        }
        rxPackets++;
        rxBytes += len;
        capture(slot, now, CaptureSink.DIR_IN);
        if (master != null) {
            master.portInput(this, portIndex, slot, now);
        } else {
            deliverUp(slot, now);
        }
    }

    /** Hands an accepted frame to the upper layer, or releases it (counted as rx_nohandler). */
    protected final void deliverUp(int slot, long now) {
        FrameReceiver r = receiver;
        if (r != null) {
            r.receive(this, slot, now);
        } else {
            rxNoHandler++;
            pool.release(slot);
        }
    }

    /** For a master passing a frame up its own device: counted and captured as received. */
    protected final void acceptLocal(int slot, long now) {
        rxPackets++;
        rxBytes += pool.len(slot);
        capture(slot, now, CaptureSink.DIR_IN);
        deliverUp(slot, now);
    }

    /** Link arrivals and injections: {@link Injector#RECEIVE} or {@link Injector#TRANSMIT}. */
    @Override
    public final void onArrival(long now, int slot, int mode) {
        if (mode == Injector.TRANSMIT) {
            transmit(slot, now);
        } else {
            receive(slot, now);
        }
    }

    protected final void countTx(int len) {
        txPackets++;
        txBytes += len;
    }

    protected final void dropTx(DropReason reason, int slot) {
        txDrops[reason.ordinal()]++;
        pool.release(slot);
    }

    protected final void dropRx(DropReason reason, int slot) {
        rxDrops[reason.ordinal()]++;
        pool.release(slot);
    }

    // ---- counters -----------------------------------------------------------------------

    public final long rxPackets() {
        return rxPackets;
    }

    public final long rxBytes() {
        return rxBytes;
    }

    public final long txPackets() {
        return txPackets;
    }

    public final long txBytes() {
        return txBytes;
    }

    public final long rxNoHandler() {
        return rxNoHandler;
    }

    public final long rxDropped(DropReason reason) {
        return rxDrops[reason.ordinal()];
    }

    public final long txDropped(DropReason reason) {
        return txDrops[reason.ordinal()];
    }

    public final long rxDropped() {
        long n = 0;
        for (long d : rxDrops) {
            n += d;
        }
        return n;
    }

    public final long txDropped() {
        long n = 0;
        for (long d : txDrops) {
            n += d;
        }
        return n;
    }

    public final DeviceCounters counters() {
        return new DeviceCounters(rxPackets, rxBytes, txPackets, txBytes, rxDropped(), txDropped(), rxNoHandler);
    }

    // ---- topology and rendering hooks ---------------------------------------------------

    /** Devices this one is joined to at layer 2 (veth peer, master, bridge ports): for loop checks. */
    public void l2Neighbours(List<NetDevice> out) {
        if (master != null) {
            out.add(master.device());
        }
    }

    /** What {@code ip link} prints after the name: {@code @if7} for a veth, empty otherwise. */
    protected String linkSuffix() {
        return "";
    }

    /**
     * What iproute2 prints after the broadcast address for the other end's namespace:
     * {@code " link-netns NAME"}, {@code " link-netnsid N"} for a namespace without a name, or "".
     */
    protected String linkNetns() {
        return "";
    }

    /** tx_queue_len (ether_setup's 1000 unless set); iproute2 prints {@code qlen N} only when not 0. */
    public int txQueueLen() {
        return txQueueLen;
    }

    public void setTxQueueLen(int txQueueLen) {
        this.txQueueLen = txQueueLen;
    }

    /**
     * Whether {@code ip} shows this device as a physical NIC (the Docker host's uplink, which
     * stands in for one): no peer, the default qdisc of a real interface.
     */
    public boolean presentsAsNic() {
        return presentsAsNic;
    }

    public void setPresentsAsNic(boolean nic) {
        this.presentsAsNic = nic;
    }

    /** Called when the device is deleted ({@code ip link del}), after it went down: let go of what it holds. */
    protected void removed() {
    }

    /** The operstate of an up device with carrier: UP, or UNKNOWN for a device without carrier tracking (vxlan). */
    protected String carrierState() {
        return "UP";
    }

    /**
     * What {@code bridge fdb show} lists for this device's own table ({@code self} entries), or null
     * for the default: its multicast addresses (a vxlan device lists its forwarding table instead).
     */
    public String fdbSelfEntries(long now) {
        return null;
    }

    /** Extra flags for a device down or without carrier ({@code M-DOWN} for a veth whose peer here is down). */
    protected String noCarrierFlags() {
        return "";
    }

    /** Operational state without carrier: {@code DOWN}, or {@code LOWERLAYERDOWN} for a veth. */
    protected String noCarrierState() {
        return "DOWN";
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
