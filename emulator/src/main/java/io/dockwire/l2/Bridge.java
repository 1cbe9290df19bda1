package io.dockwire.l2;

import io.dockwire.link.Master;
import io.dockwire.link.NetDevice;
import io.dockwire.link.World;
import io.dockwire.sim.TimerHandler;
import io.dockwire.trace.CaptureSink;
import io.dockwire.wire.EthernetFrame;
import io.dockwire.wire.MacAddress;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Linux bridge ({@code net/bridge}): itself a device (the host's interface on the segment,
 * e.g. docker0) with enslaved ports.
 *
 * <p><b>Limits first:</b> no STP (enslaving a port that would close a layer-2 loop is refused
 * with {@link L2LoopException}), no VLAN filtering, no multicast snooping (multicast is flooded
 * like broadcast, as Linux does when no mdb entry exists), no br_netfilter (frames are bridged
 * untouched). The bridge MTU is not auto-adjusted to its ports.
 *
 * <p><b>Forwarding</b> ({@code br_handle_frame_finish}): the source MAC is learned on the
 * ingress port (a MAC seen on a new port moves; frames with a group or zero source are dropped);
 * broadcast and multicast are flooded to every port but the ingress one and also passed up to
 * the bridge's own stack; IEEE link-local group addresses (01:80:c2:00:00:0x) are passed up only;
 * unicast to the bridge's MAC or a port's MAC (local entries) goes up; known unicast goes out of
 * its one port; unknown unicast floods (not up). Nothing goes back out of the ingress port
 * unless hairpin is on for that port ({@code should_deliver}). Ports that are down, and every
 * port of a down bridge, forward nothing.
 *
 * <p><b>Ageing</b>: learned entries expire {@link #ageingTimeNs()} (default 300 s) after they
 * were last refreshed - lazily on lookup, and by one cleanup timer re-armed at the earliest
 * expiry, as Linux's {@code br_fdb_cleanup} does (a daemon timer: it does not keep
 * {@link io.dockwire.sim.Simulator#runUntilQuiet()} running). Local entries never age.
 *
 * <p><b>Capture on the bridge device</b> follows {@code tcpdump -p} (non-promiscuous): it shows
 * frames the bridge passes up to its own stack (host-bound unicast, broadcasts, multicasts)
 * as direction in, and frames the host sends out of the bridge as direction out. Bridged
 * unicast between two ports is not shown. {@link #setPromiscuousCapture(boolean)} makes it show
 * every frame the bridge receives on a port, like tcpdump without {@code -p}; such extra frames
 * are captured only, not delivered to the stack (Linux's stack drops them as PACKET_OTHERHOST).
 */
public final class Bridge extends NetDevice implements Master, TimerHandler {
    /** Linux default ageing_time: 300 s (30000 centiseconds). */
    public static final long DEFAULT_AGEING_NS = 300_000_000_000L;

    private static final long LINK_LOCAL_MASK = ~0xFL;
    private static final long LINK_LOCAL_GROUP = 0x0180_C200_0000L;

    private NetDevice[] ports = new NetDevice[8];
    private boolean[] hairpin = new boolean[8];
    private int[] scratch = new int[8];
    private int portLimit;
    private int portCount;
    private BridgeFilter filter;
    private final Fdb fdb = new Fdb();
    private long ageingNs = DEFAULT_AGEING_NS;
    private final int timerHandler;
    private long ageingTimer = -1;
    private boolean macExplicit;
    private boolean promiscuousCapture;

    private long framesIn;
    private long toHost;
    private long forwarded;
    private long flooded;
    private long filteredSamePort;
    private long egressDown;
    private long invalidSource;
    private long disabled;
    private long ownSourceSeen;
    private long moves;
    private long aged;

    /** A bridge in the root namespace with a random MAC (replaced by the lowest port MAC, as Linux does). */
    public Bridge(World world, String name) {
        this(world, name, null);
    }

    public Bridge(World world, String name, String namespace) {
        super(world, name, namespace, world.sim().random().randomMac());
        this.timerHandler = sim.registerTimerHandler(this);
    }

    // ---- configuration ------------------------------------------------------------------

    /** Sets the MAC explicitly; from then on it no longer follows the lowest port MAC. */
    @Override
    public void setMac(long mac) {
        super.setMac(mac);
        macExplicit = true;
    }

    public long ageingTimeNs() {
        return ageingNs;
    }

    /** Like {@code ip link set br0 type bridge ageing_time}: takes effect at once (immediate cleanup). */
    public void setAgeingTimeNs(long ns) {
        if (ns <= 0) {
            throw new IllegalArgumentException("ageing time must be positive, ns=" + ns);
        }
        ageingNs = ns;
        if (ageingTimer >= 0) {
            sim.cancel(ageingTimer);
            ageingTimer = -1;
        }
        cleanup(sim.now());
    }

    public void setPromiscuousCapture(boolean on) {
        promiscuousCapture = on;
    }

    public void setHairpin(NetDevice port, boolean on) {
        hairpin[requirePort(port)] = on;
    }

    public boolean hairpin(NetDevice port) {
        return hairpin[requirePort(port)];
    }

    /** Enslaved ports in ifindex order. */
    public List<NetDevice> ports() {
        List<NetDevice> out = new ArrayList<>(portCount);
        for (int i = 0; i < portLimit; i++) {
            if (ports[i] != null) {
                out.add(ports[i]);
            }
        }
        out.sort((a, b) -> Integer.compare(a.ifindex(), b.ifindex()));
        return out;
    }

    // ---- ports --------------------------------------------------------------------------

    /**
     * Enslaves {@code dev} ({@code ip link set dev master br}). Refuses bridges (Linux: ELOOP),
     * devices that already have a master (EBUSY) and any port that would close a layer-2 loop.
     * The port's MAC becomes a local (permanent) fdb entry.
     */
    public void addPort(NetDevice dev) {
        if (dev == this || dev instanceof Bridge) {
            throw new IllegalArgumentException("cannot enslave bridge " + dev.qualifiedName() + " to " + name()
                    + ": Linux does not bridge bridges (ELOOP)");
        }
        if (dev.master() != null) {
            throw new IllegalArgumentException("cannot enslave " + dev.qualifiedName() + " to " + name()
                    + ": already enslaved to " + dev.master().device().name());
        }
        checkNoLoop(dev);
        int idx = 0;
        while (idx < portLimit && ports[idx] != null) {
            idx++;
        }
        if (idx == ports.length) {
            ports = Arrays.copyOf(ports, idx * 2);
            hairpin = Arrays.copyOf(hairpin, idx * 2);
            scratch = new int[idx * 2];
        }
        ports[idx] = dev;
        hairpin[idx] = false;
        portLimit = Math.max(portLimit, idx + 1);
        portCount++;
        dev.attachMaster(this, idx);
        int old = fdb.find(dev.mac());
        if (old != Fdb.MISSING) {
            fdb.remove(old); // Linux fdb_add_local replaces a learned entry for the address
        }
        fdb.add(dev.mac(), idx, sim.now(), true);
        recalculateMac();
        autoMtu();
    }

    /** Releases {@code dev} ({@code ip link set dev nomaster}); its fdb entries go with it. */
    public void removePort(NetDevice dev) {
        int idx = requirePort(dev);
        flushPort(idx, true);
        ports[idx] = null;
        portCount--;
        dev.detachMaster();
        recalculateMac();
        autoMtu();
    }

    private boolean mtuSetByUser;

    /** {@code ip link set BR mtu N}: the bridge's MTU no longer follows its ports. */
    @Override
    public void setMtu(int mtu) {
        super.setMtu(mtu);
        mtuSetByUser = true;
    }

    /** br_mtu_auto_adjust: unless set by the user, the smallest port MTU (1500 without ports). */
    private void autoMtu() {
        if (mtuSetByUser) {
            return;
        }
        int min = 0;
        for (int i = 0; i < portLimit; i++) {
            if (ports[i] != null && (min == 0 || ports[i].mtu() < min)) {
                min = ports[i].mtu();
            }
        }
        super.setMtu(min == 0 ? 1500 : min);
    }

    private int requirePort(NetDevice dev) {
        int idx = dev.portIndex();
        if (dev.master() != this || idx < 0 || ports[idx] != dev) {
            throw new IllegalArgumentException(dev.qualifiedName() + " is not a port of " + name());
        }
        return idx;
    }

    /** Linux br_stp_recalculate_bridge_id: an auto MAC follows the lowest port MAC. */
    private void recalculateMac() {
        if (macExplicit || portCount == 0) {
            return;
        }
        long min = Long.MAX_VALUE;
        for (int i = 0; i < portLimit; i++) {
            if (ports[i] != null && ports[i].mac() < min) {
                min = ports[i].mac();
            }
        }
        super.setMac(min);
    }

    private void checkNoLoop(NetDevice dev) {
        // Breadth-first search over L2 adjacency (veth peers, masters, ports) from dev; if the
        // bridge is reachable already, one more edge dev-bridge would close a cycle.
        Map<NetDevice, NetDevice> parent = new HashMap<>();
        ArrayDeque<NetDevice> queue = new ArrayDeque<>();
        parent.put(dev, dev);
        queue.add(dev);
        List<NetDevice> next = new ArrayList<>();
        while (!queue.isEmpty()) {
            NetDevice d = queue.poll();
            if (d == this) {
                List<String> path = new ArrayList<>();
                for (NetDevice p = this; p != dev; p = parent.get(p)) {
                    path.add(p.qualifiedName());
                }
                path.add(dev.qualifiedName());
                java.util.Collections.reverse(path);
                throw new L2LoopException("refusing to enslave " + dev.qualifiedName() + " to " + name()
                        + ": it would close a layer-2 loop (" + String.join(" - ", path) + " - " + dev.qualifiedName()
                        + "); dockwire has no STP");
            }
            next.clear();
            d.l2Neighbours(next);
            for (NetDevice n : next) {
                if (!parent.containsKey(n)) {
                    parent.put(n, d);
                    queue.add(n);
                }
            }
        }
    }

    @Override
    public void portStateChanged(NetDevice port, boolean up) {
        if (!up) {
            flushPort(port.portIndex(), false); // br_stp_disable_port -> br_fdb_delete_by_port
        }
    }

    @Override
    public void setUp(boolean up) {
        super.setUp(up);
        if (!up) {
            for (int i = 0; i < portLimit; i++) {
                if (ports[i] != null) {
                    flushPort(i, false);
                }
            }
        }
    }

    private void flushPort(int idx, boolean includeLocal) {
        for (int r = 0; r < fdb.limit(); r++) {
            if (fdb.used(r) && fdb.port(r) == idx && (includeLocal || !fdb.isLocal(r))) {
                fdb.remove(r);
            }
        }
    }

    @Override
    public NetDevice device() {
        return this;
    }

    @Override
    public boolean hasCarrier() {
        if (!isUp()) {
            return false;
        }
        for (int i = 0; i < portLimit; i++) {
            if (ports[i] != null && ports[i].hasCarrier()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void l2Neighbours(List<NetDevice> out) {
        super.l2Neighbours(out);
        for (int i = 0; i < portLimit; i++) {
            if (ports[i] != null) {
                out.add(ports[i]);
            }
        }
    }

    // ---- data path ----------------------------------------------------------------------

    @Override
    public void portInput(NetDevice port, int ingress, int slot, long now) {
        // The unicast forwarding path is kept small so that the JIT inlines it into the port's
        // receive; the other cases are methods of their own.
        framesIn++;
        if (!isUp() || pool.len(slot) < EthernetFrame.HEADER_LENGTH) {
            dropInput(slot);
            return;
        }
        byte[] b = pool.buf(slot);
        long src = EthernetFrame.src(b, 0);
        long dst = EthernetFrame.dst(b, 0);
        if (src == 0 || MacAddress.isMulticast(src)) {
            invalidSource++; // br_handle_frame: !is_valid_ether_addr(h_source)
            pool.release(slot);
            return;
        }
        learn(src, ingress, now);
        if (MacAddress.isMulticast(dst) || dst == mac()) {
            groupOrOwn(ingress, slot, dst, now);
            return;
        }
        int r = lookup(dst, now);
        if (r == Fdb.MISSING || fdb.isLocal(r)) {
            unknownOrLocal(ingress, slot, r, now);
            return;
        }
        if (promiscuousCapture) {
            capture(slot, now, CaptureSink.DIR_IN);
        }
        BridgeFilter f = filter;
        if (f != null) {
            slot = f.bridged(this, pool.writable(slot), now);
            if (slot < 0) {
                return;
            }
        }
        forward(fdb.port(r), ingress, slot, now);
    }

    /** A frame a down bridge's port got (every port of a down bridge is disabled), or a runt. */
    private void dropInput(int slot) {
        if (!isUp()) {
            disabled++;
        } else {
            invalidSource++;
        }
        pool.release(slot);
    }

    /** After learning: a group address or the bridge's own. */
    private void groupOrOwn(int ingress, int slot, long dst, long now) {
        if (!MacAddress.isMulticast(dst) || (dst & LINK_LOCAL_MASK) == LINK_LOCAL_GROUP) {
            passUp(slot, now); // the bridge's own, or an 802.1D reserved group: never forwarded (group_fwd_mask 0)
        } else {
            flood(slot, ingress, now, true);
        }
    }

    /** After the lookup: an unknown destination (record {@link Fdb#MISSING}) is flooded, a local one goes up. */
    private void unknownOrLocal(int ingress, int slot, int r, long now) {
        if (r != Fdb.MISSING) {
            passUp(slot, now);
            return;
        }
        if (promiscuousCapture) {
            capture(slot, now, CaptureSink.DIR_IN);
        }
        flood(slot, ingress, now, false);
    }

    /** Sets the br_netfilter hook for port-to-port forwarding (null: none, the default). */
    public void setFilter(BridgeFilter filter) {
        this.filter = filter;
    }

    public BridgeFilter filter() {
        return filter;
    }

    /** The host stack sends out of the bridge device ({@code br_dev_xmit}): no learning, no ingress port. */
    @Override
    protected void xmit(int slot, int len, long now) {
        countTx(len);
        if (len < EthernetFrame.HEADER_LENGTH) {
            invalidSource++;
            pool.release(slot);
            return;
        }
        long dst = EthernetFrame.dst(pool.buf(slot), 0);
        if (MacAddress.isMulticast(dst)) {
            flood(slot, -1, now, false);
            return;
        }
        if (dst == mac()) {
            filteredSamePort++; // br_forward(NULL): sent to itself, dropped
            pool.release(slot);
            return;
        }
        int r = lookup(dst, now);
        if (r == Fdb.MISSING) {
            flood(slot, -1, now, false);
        } else {
            forward(fdb.port(r), -1, slot, now);
        }
    }

    private void learn(long src, int ingress, long now) {
        int r = fdb.find(src);
        if (r == Fdb.MISSING) {
            if (src == mac()) {
                ownSourceSeen++;
                return;
            }
            fdb.add(src, ingress, now, false);
            if (ageingTimer < 0) {
                ageingTimer = sim.scheduleDaemon(now + ageingNs, timerHandler, 0, 0);
            }
            return;
        }
        if (fdb.isLocal(r)) {
            // Linux warns "received packet on X with own address as source address" and keeps the entry.
            ownSourceSeen++;
            return;
        }
        if (fdb.port(r) != ingress) {
            fdb.setPort(r, ingress); // the station moved (br_fdb_update)
            moves++;
        }
        fdb.touch(r, now);
    }

    /** Looks up {@code dst}, expiring a stale dynamic entry on the way (Linux has_expired). */
    private int lookup(long dst, long now) {
        int r = fdb.find(dst);
        if (r != Fdb.MISSING && !fdb.isLocal(r) && fdb.updated(r) + ageingNs <= now) {
            fdb.remove(r);
            aged++;
            return Fdb.MISSING;
        }
        return r;
    }

    private void forward(int out, int ingress, int slot, long now) {
        NetDevice p = ports[out];
        if (out == ingress && !hairpin[out]) {
            filteredSamePort++;
            pool.release(slot);
        } else if (!p.isUp()) {
            egressDown++;
            pool.release(slot);
        } else {
            forwarded++;
            p.transmit(slot, now);
        }
    }

    /** br_flood: one reference per eligible port (all reading the same slot), then up if asked. */
    private void flood(int slot, int ingress, long now, boolean up) {
        int n = 0;
        int[] s = scratch;
        for (int i = 0; i < portLimit; i++) {
            NetDevice p = ports[i];
            if (p != null && p.isUp() && (i != ingress || hairpin[i])) {
                s[n++] = i;
            }
        }
        int total = up ? n + 1 : n;
        if (total == 0) {
            pool.release(slot);
            return;
        }
        flooded++;
        pool.retain(slot, total - 1);
        for (int k = 0; k < n; k++) {
            ports[s[k]].transmit(slot, now);
        }
        if (up) {
            passUp(slot, now);
        }
    }

    private void passUp(int slot, long now) {
        toHost++;
        acceptLocal(slot, now);
    }

    // ---- ageing -------------------------------------------------------------------------

    @Override
    public void onTimer(long now, int kind, long arg) {
        ageingTimer = -1;
        cleanup(now);
    }

    /** Removes expired dynamic entries and re-arms the timer at the earliest remaining expiry. */
    private void cleanup(long now) {
        long next = Long.MAX_VALUE;
        for (int r = 0; r < fdb.limit(); r++) {
            if (!fdb.used(r) || fdb.isLocal(r)) {
                continue;
            }
            long expiry = fdb.updated(r) + ageingNs;
            if (expiry <= now) {
                fdb.remove(r);
                aged++;
            } else if (expiry < next) {
                next = expiry;
            }
        }
        if (next != Long.MAX_VALUE) {
            ageingTimer = sim.scheduleDaemon(next, timerHandler, 0, 0);
        }
    }

    // ---- inspection ---------------------------------------------------------------------

    /** The port a MAC maps to at {@code now} (null if unknown, expired, or the bridge itself). */
    public NetDevice fdbPort(long mac, long now) {
        int r = fdb.find(mac);
        if (r == Fdb.MISSING || (!fdb.isLocal(r) && fdb.updated(r) + ageingNs <= now)) {
            return null;
        }
        return ports[fdb.port(r)];
    }

    /** Entries currently stored (learned, possibly expired but not yet removed, and local). */
    public int fdbSize() {
        return fdb.size();
    }

    /** Snapshot of fdb entries live at {@code now}, for renderers: learned first (by MAC), then local. */
    public List<FdbEntry> fdbEntries(long now) {
        List<FdbEntry> out = new ArrayList<>();
        for (int r = 0; r < fdb.limit(); r++) {
            if (fdb.used(r) && (fdb.isLocal(r) || fdb.updated(r) + ageingNs > now)) {
                out.add(new FdbEntry(fdb.mac(r), ports[fdb.port(r)], fdb.isLocal(r), fdb.updated(r)));
            }
        }
        out.sort((a, b) -> a.local() != b.local() ? (a.local() ? 1 : -1) : Long.compare(a.mac(), b.mac()));
        return out;
    }

    /** Frames handed to the bridge by its ports. */
    public long framesIn() {
        return framesIn;
    }

    /** Frames passed up to the bridge's own stack (from ports). */
    public long toHost() {
        return toHost;
    }

    /** Known-unicast frames sent out of one port. */
    public long forwarded() {
        return forwarded;
    }

    /** Frames flooded (each counted once, however many ports got a copy). */
    public long flooded() {
        return flooded;
    }

    /** Known unicast whose port is the ingress port, hairpin off: dropped (Linux should_deliver). */
    public long filteredSamePort() {
        return filteredSamePort;
    }

    /** Known unicast whose egress port is down: dropped. */
    public long egressDown() {
        return egressDown;
    }

    /** Frames with a group or zero source MAC, or shorter than an Ethernet header: dropped. */
    public long invalidSource() {
        return invalidSource;
    }

    /** Frames arriving while the bridge device is down: dropped. */
    public long disabledDrops() {
        return disabled;
    }

    /** Frames whose source is one of the bridge's local addresses (not learned). */
    public long ownSourceSeen() {
        return ownSourceSeen;
    }

    /** Learned MACs that moved to another port. */
    public long macMoves() {
        return moves;
    }

    /** Learned entries removed by ageing. */
    public long agedOut() {
        return aged;
    }

    /** One fdb entry as rendered by {@code bridge fdb show}. */
    public record FdbEntry(long mac, NetDevice port, boolean local, long updatedNs) {
    }
}
