package io.dockwire.ip;

import io.dockwire.link.FrameReceiver;
import io.dockwire.link.NetDevice;
import io.dockwire.link.World;
import io.dockwire.sim.FramePool;
import io.dockwire.sim.SimRandom;
import io.dockwire.sim.Simulator;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Linux network namespace's IPv4 stack: devices, addresses, the main routing table, the ARP
 * cache, sysctls, nstat counters, ICMP, UDP sockets and the seams for TCP and netfilter.
 *
 * <p><b>Devices.</b> {@link #attach} makes this namespace the {@link FrameReceiver} of a device
 * whose {@link NetDevice#namespace()} is this one ({@code null} = the root namespace). The
 * loopback {@code lo} is not a {@link NetDevice}: it is ifindex 1 in every namespace, as on
 * Linux, and does not use the {@link World}'s world-wide counter (the {@link Emulation} facade
 * starts that counter at 2, so veth peers keep the consecutive ifindexes Docker shows as
 * {@code eth0@if8}). Traffic to a local address loops back at the same simulated instant.
 *
 * <p><b>For a transport protocol (TCP).</b> Register with {@link #registerProtocol}(6, p): the
 * protocol's {@link L4Protocol#input} gets every datagram delivered locally with that protocol
 * number, {@link L4Protocol#error} the ICMP errors quoting its datagrams. Send with
 * {@link #sendIp}: it copies the L4 bytes into a frame slot, builds the IP header (checksum
 * filled; the L4 checksum is the caller's, see {@link io.dockwire.wire.Checksum#pseudoHeader}),
 * and runs OUTPUT, the route, POSTROUTING and neighbour output. It returns 0, or a negative
 * errno: -{@link Errno#ENETUNREACH} (no route), -{@link Errno#EPERM} (dropped by the filter),
 * -{@link Errno#EMSGSIZE} (larger than the device MTU: no fragmentation). 0 also when the packet
 * waits for ARP; if ARP then fails, the namespace sends itself ICMP host unreachable quoting the
 * packet (Linux {@code ipv4_link_failure}), which arrives at {@link L4Protocol#error} - that is
 * the asynchronous EHOSTUNREACH. Helpers: {@link #isLocalAddress}, {@link #sourceAddressFor},
 * {@link #ephemeralPortLow()}/{@link #ephemeralPortHigh()}, {@link #sim()}, {@link #random()},
 * {@link #count(Mib)} for the Tcp counters.
 *
 * <p><b>Limits.</b> No IP fragmentation or reassembly: fragments addressed to the namespace are
 * dropped ({@link #fragmentsDropped()}), and a datagram larger than the outgoing MTU is dropped:
 * with DF as Linux does (ICMP 3/4 when forwarding, IpFragFails), without DF where Linux would
 * fragment (IpFragFails and {@link #oversizeDropped()}). No ICMP rate limiting (Linux's token
 * buckets would let these small test volumes through anyway), no redirects, no multicast, no
 * IPv6. Not thread-safe: the simulation thread only.
 */
public final class NetNamespace implements FrameReceiver {
    /** The loopback's ifindex in every namespace. */
    public static final int LOOPBACK_IFINDEX = 1;

    private final String name;
    private final World world;
    private final Simulator sim;
    private final FramePool pool;
    private final List<NetDevice> devices = new ArrayList<>();
    private NetDevice[] byIndex = new NetDevice[16];
    /** Bumped by {@link #attach} and {@link #detach} (see {@link #deviceNamesVersion}). */
    private int deviceChanges;
    private final Addresses addresses = new Addresses();
    private final RouteTable routes = new RouteTable();
    private final Sysctls sysctls = new Sysctls();
    private final IpStats stats = new IpStats();
    private final Neighbours neighbours;
    private final Ipv4Stack ip;
    private final Icmp icmp;
    private final Udp udp;
    private final L4Protocol[] protocols = new L4Protocol[256];
    private final Int2ObjectOpenHashMap<IcmpListener> icmpListeners = new Int2ObjectOpenHashMap<>();
    private PacketFilter filter;
    private boolean loopbackUp;
    private int ipId;

    long otherHost;
    long unknownEtherType;
    long arpErrors;
    long fragmentsDropped;
    long oversizeDropped;

    /**
     * @param name the namespace name, or null for the root (host) namespace
     */
    public NetNamespace(World world, String name) {
        this.world = world;
        this.name = name;
        this.sim = world.sim();
        this.pool = sim.pool();
        this.ipId = sim.random().nextInt(0x10000);
        this.neighbours = new Neighbours(this);
        this.icmp = new Icmp(this);
        this.udp = new Udp(this);
        this.ip = new Ipv4Stack(this);
    }

    // ---- identity and parts ------------------------------------------------------------------

    /** The name, or null for the root namespace. */
    public String name() {
        return name;
    }

    /** The name as tools print it: the root namespace is called {@link World#rootNamespaceName()}. */
    public String displayName() {
        return name == null ? world.rootNamespaceName() : name;
    }

    public World world() {
        return world;
    }

    public Simulator sim() {
        return sim;
    }

    public SimRandom random() {
        return sim.random();
    }

    FramePool pool() {
        return pool;
    }

    public RouteTable routes() {
        return routes;
    }

    public Sysctls sysctls() {
        return sysctls;
    }

    public IpStats stats() {
        return stats;
    }

    /** Adds one to a counter (for the transport layers). */
    public void count(Mib m) {
        stats.inc(m);
    }

    Addresses addresses() {
        return addresses;
    }

    Neighbours neighbours() {
        return neighbours;
    }

    Icmp icmp() {
        return icmp;
    }

    Udp udp() {
        return udp;
    }

    Ipv4Stack ip() {
        return ip;
    }

    PacketFilter filter() {
        return filter;
    }

    /** Installs the netfilter implementation (null = accept everything). */
    public void setFilter(PacketFilter filter) {
        this.filter = filter;
    }

    int nextIpId() {
        ipId = (ipId + 1) & 0xFFFF;
        return ipId;
    }

    // ---- devices -----------------------------------------------------------------------------

    /** Makes this namespace the device's upper layer (the device must live in this namespace). */
    public void attach(NetDevice d) {
        if (!java.util.Objects.equals(d.namespace(), name)) {
            throw new IllegalArgumentException("device " + d.qualifiedName() + " is not in namespace " + displayName());
        }
        devices.add(d);
        devices.sort((a, b) -> Integer.compare(a.ifindex(), b.ifindex()));
        if (d.ifindex() >= byIndex.length) {
            byIndex = java.util.Arrays.copyOf(byIndex, Math.max(d.ifindex() + 1, byIndex.length * 2));
        }
        byIndex[d.ifindex()] = d;
        deviceChanges++;
        d.setReceiver(this);
    }

    /**
     * Forgets a device (moved to another namespace or deleted): its addresses, routes and
     * neighbour entries go, as Linux does on unregister.
     */
    public void detach(NetDevice d) {
        int i = d.ifindex();
        addresses.removeDevice(i);
        routes.removeDevice(i);
        neighbours.flushDevice(i);
        devices.remove(d);
        byIndex[i] = null;
        deviceChanges++;
        if (d.receiver() == this) {
            d.setReceiver(null);
        }
    }

    /** Devices in ifindex order (without the loopback). */
    public List<NetDevice> devices() {
        return Collections.unmodifiableList(devices);
    }

    /** By name, or null ({@code lo} is not a NetDevice). */
    public NetDevice device(String devName) {
        for (NetDevice d : devices) {
            if (d.name().equals(devName)) {
                return d;
            }
        }
        return null;
    }

    /**
     * Changes whenever a device name this namespace reports ({@link #deviceName}) may have changed:
     * a device attached or detached here, or any device added, renamed, moved or removed in the
     * world. Callers cache names per ifindex against it.
     */
    public int deviceNamesVersion() {
        return world.changes() + deviceChanges;
    }

    public NetDevice deviceByIndex(int ifindex) {
        return ifindex > 0 && ifindex < byIndex.length ? byIndex[ifindex] : null;
    }

    public String deviceName(int ifindex) {
        if (ifindex == LOOPBACK_IFINDEX) {
            return "lo";
        }
        NetDevice d = deviceByIndex(ifindex);
        return d == null ? "if" + ifindex : d.name();
    }

    public boolean loopbackUp() {
        return loopbackUp;
    }

    /** {@code ip link set lo up}: Linux gives lo 127.0.0.1/8 when it comes up. */
    public void setLoopbackUp(boolean up) {
        loopbackUp = up;
    }

    /**
     * {@code ip link set DEV up|down}: down flushes the device's routes (connected and static,
     * as {@code fib_disable_ip} does) and neighbours; up re-adds the connected routes of its
     * primary addresses.
     */
    public void setLinkUp(NetDevice d, boolean up) {
        d.setUp(up);
        int i = d.ifindex();
        if (!up) {
            routes.removeDevice(i);
            neighbours.flushDevice(i);
        } else {
            for (int a = 0; a < addresses.size(); a++) {
                if (addresses.ifindex(a) == i) {
                    addConnectedRoute(a);
                }
            }
        }
    }

    // ---- addresses ---------------------------------------------------------------------------

    /**
     * {@code ip addr add addr/len [brd B] dev D}; {@code brd} 0 = none. Adds the connected route
     * (a primary address with a prefix shorter than /32, on an up device), as the kernel does.
     * False if the device already has the address.
     */
    public boolean addAddress(NetDevice d, int addr, int prefixLen, int brd) {
        if (!addresses.add(d.ifindex(), addr, prefixLen, brd)) {
            return false;
        }
        if (d.isUp()) {
            addConnectedRoute(addresses.find(d.ifindex(), addr));
        }
        return true;
    }

    private void addConnectedRoute(int a) {
        int len = addresses.prefixLen(a);
        if (addresses.secondary(a) || len == 32) {
            return;
        }
        int prefix = addresses.addr(a) & io.dockwire.wire.Ipv4Address.mask(len);
        for (int r = 0; r < routes.size(); r++) {
            if (routes.prefix(r) == prefix && routes.prefixLen(r) == len) {
                return; // the subnet is already routed (another device or address)
            }
        }
        routes.addConnected(addresses.addr(a), len, addresses.ifindex(a));
    }

    /** {@code ip addr del addr/len dev D}: false if absent. Removes its connected route. */
    public boolean removeAddress(NetDevice d, int addr) {
        int a = addresses.find(d.ifindex(), addr);
        if (a < 0) {
            return false;
        }
        int len = addresses.prefixLen(a);
        addresses.remove(a);
        routes.remove(addr & io.dockwire.wire.Ipv4Address.mask(len), len, d.ifindex());
        return true;
    }

    /** Weak host model: an address of any interface (or 127/8 with lo up) is ours. */
    public boolean isLocalAddress(int addr) {
        return addresses.isLocal(addr) || ((addr >>> 24) == 127 && loopbackUp);
    }

    /** The primary address of a device, or 0. */
    public int primaryAddress(NetDevice d) {
        return addresses.primary(d.ifindex());
    }

    /** The MTU of the device the route to {@code dst} leaves by; 0 for no route or a local destination. */
    public int routeMtu(int dst) {
        if (!ip.route(dst) || ip.routeIf() == LOOPBACK_IFINDEX) {
            return 0;
        }
        NetDevice out = deviceByIndex(ip.routeIf());
        return out == null ? 0 : out.mtu();
    }

    /** The source address Linux would pick to reach {@code dst}; 0 when there is no route. */
    public int sourceAddressFor(int dst) {
        return ip.route(dst) ? ip.routeSrc() : 0;
    }

    public int ephemeralPortLow() {
        return sysctls.portLow;
    }

    public int ephemeralPortHigh() {
        return sysctls.portHigh;
    }

    /** {@code ip neigh add ADDR lladdr MAC dev D nud permanent}. */
    public void addPermanentNeighbour(NetDevice d, int addr, long mac) {
        neighbours.addPermanent(d.ifindex(), addr, mac);
    }

    /**
     * The MAC of a neighbour entry in a connected state (permanent, noarp or reachable: what
     * neigh_lookup + NUD_CONNECTED accepts), or -1.
     */
    public long connectedNeighbour(NetDevice d, int addr) {
        return neighbours.connectedMac(d.ifindex(), addr);
    }

    /** {@code ip neigh del ADDR dev D}: false when there was no entry. */
    public boolean deleteNeighbour(NetDevice d, int addr) {
        return neighbours.delete(d.ifindex(), addr);
    }

    /** The neighbour state name ({@code REACHABLE}, {@code FAILED}, ...) or null if there is no entry. */
    public String neighbourState(NetDevice d, int addr) {
        int e = neighbours.find(d.ifindex(), addr);
        return e < 0 || neighbours.state(e) == Neighbours.NONE ? null : Neighbours.stateName(neighbours.state(e));
    }

    // ---- transport seams ---------------------------------------------------------------------

    public void registerProtocol(int protocol, L4Protocol p) {
        if (protocol == 1 || protocol == 17) {
            throw new IllegalArgumentException("ICMP and UDP are built in, protocol=" + protocol);
        }
        protocols[protocol & 0xFF] = p;
    }

    L4Protocol protocol(int protocol) {
        return protocols[protocol];
    }

    /** Receives echo replies and errors for echo requests with identifier {@code ident}. */
    public void registerIcmpListener(int ident, IcmpListener l) {
        icmpListeners.put(ident & 0xFFFF, l);
    }

    public void unregisterIcmpListener(int ident) {
        icmpListeners.remove(ident & 0xFFFF);
    }

    IcmpListener icmpListener(int ident) {
        return icmpListeners.get(ident);
    }

    /** A new unbound UDP socket delivering to {@code receiver}. */
    public UdpSocket udpOpen(UdpReceiver receiver) {
        return new UdpSocket(this, receiver);
    }

    /**
     * Sends an IPv4 datagram (see the class comment). IP ID as Linux's {@code ip_select_ident}
     * for a socket that is not connected: 0 with DF, else the namespace's counter. TOS 0.
     *
     * @param src source address, or 0 to pick it from the route
     * @param ttl 1..255, or 0 for net.ipv4.ip_default_ttl
     */
    public int sendIp(int src, int dst, int protocol, int ttl, boolean df, byte[] l4, int l4Off, int l4Len, long now) {
        return sendIp(src, dst, protocol, ttl, 0, df, -1, l4, l4Off, l4Len, now);
    }

    /**
     * {@link #sendIp(int, int, int, int, boolean, byte[], int, int, long)} with a TOS byte and an
     * explicit IP ID (a connected socket's own counter, Linux {@code inet_id}); ipId -1 = default.
     */
    public int sendIp(int src, int dst, int protocol, int ttl, int tos, boolean df, int ipId, byte[] l4, int l4Off,
            int l4Len, long now) {
        return sendIp(src, dst, protocol, ttl, tos, df, ipId, false, l4, l4Off, l4Len, now);
    }

    /**
     * As above, for a socket with a pending neighbour confirmation (Linux sk_dst_pending_confirm,
     * set by TCP when the peer acknowledged progress): the next hop's entry is confirmed when
     * the packet reaches neighbour output, which a return of 0 reports.
     */
    public int sendIp(int src, int dst, int protocol, int ttl, int tos, boolean df, int ipId, boolean confirmNeighbour,
            byte[] l4, int l4Off, int l4Len, long now) {
        int rc = ip.send(src, dst, protocol, ttl, tos, df, ipId, confirmNeighbour, l4, l4Off, l4Len, now);
        if (protocol == 1 && rc != -Errno.ENETUNREACH && l4Len > 0) {
            // A ping (raw or ICMP socket) counts its messages as raw.c/ping.c do (icmp_out_count).
            stats.inc(Mib.IcmpOutMsgs);
            if (l4[l4Off] == 8) {
                stats.inc(Mib.IcmpOutEchos);
            }
        }
        return rc;
    }

    /** Where a packet's transport header starts in a slot from {@link #packetSlot}. */
    public static final int L4_OFFSET = Ipv4Stack.L4;

    /**
     * A frame slot for an IPv4 packet with {@code l4Len} bytes of transport header and payload, to
     * be written at {@link #L4_OFFSET} and sent with {@link #sendBuilt}; -EMSGSIZE when too big.
     */
    public int packetSlot(int l4Len) {
        return ip.packetSlot(l4Len);
    }

    /**
     * Sends the packet built in {@code slot} right after {@link #sourceAddressFor}{@code (dst)}
     * succeeded: that lookup's route is the one it leaves by, not looked up again. {@code ipId}
     * -1: the namespace's counter. {@code innerPartial}: a tunnel's datagram (VXLAN) whose frame is
     * CHECKSUM_PARTIAL.
     */
    public int sendBuilt(int slot, int src, int dst, int protocol, int tos, boolean df, int ipId, boolean innerPartial,
                         long now) {
        return ip.sendBuilt(slot, src, dst, protocol, 0, tos, df, ipId, false, innerPartial, now);
    }

    // ---- frames ------------------------------------------------------------------------------

    @Override
    public void receive(NetDevice dev, int slot, long now) {
        ip.receive(dev, slot, now);
    }

    void xmit(NetDevice out, long dstMac, int slot, long now) {
        ip.xmit(out, dstMac, slot, now);
    }

    void linkFailure(int slot, long now) {
        icmp.error(pool.buf(slot), io.dockwire.wire.EthernetFrame.HEADER_LENGTH, 3, 1, 0, false, now);
    }

    void countArpError() {
        arpErrors++;
    }

    // ---- emulator counters (not in nstat) -----------------------------------------------------

    /** Unicast frames for another MAC (Linux PACKET_OTHERHOST: dropped before IP, counted nowhere). */
    public long otherHostDropped() {
        return otherHost;
    }

    public long unknownEtherTypeDropped() {
        return unknownEtherType;
    }

    public long arpErrors() {
        return arpErrors;
    }

    /** Fragments addressed to this namespace: dropped, dockwire does not reassemble. */
    public long fragmentsDropped() {
        return fragmentsDropped;
    }

    /** Datagrams without DF larger than the outgoing MTU: Linux would fragment, dockwire drops. */
    public long oversizeDropped() {
        return oversizeDropped;
    }

    /** Packets dropped because a neighbour entry's resolution queue was full. */
    public long neighbourQueueDrops() {
        return neighbours.queueDrops();
    }

    /** The reachable time drawn for this namespace's neighbour table (30 s x 0.5..1.5). */
    public long neighbourReachableTimeNs() {
        return neighbours.reachableTimeNs();
    }

    // ---- renderings --------------------------------------------------------------------------

    /** {@code ip route}. */
    public String ipRoute() {
        return routes.render(this::deviceName);
    }

    /** {@code ip neigh}. */
    public String ipNeigh() {
        return neighbours.render(this::deviceName, 0);
    }

    /** {@code ip neigh show dev D} (the {@code dev} column is left out, as iproute2 does). */
    public String ipNeigh(NetDevice d) {
        return neighbours.render(this::deviceName, d.ifindex());
    }

    /** {@code ip addr} (all devices, lo first). */
    public String ipAddr() {
        return IpRender.addr(this, null);
    }

    /** {@code nstat -az NAMES}. */
    public String nstat(String... names) {
        return stats.nstat(names);
    }

    /** nstat with the counters a protocol keeps itself ({@code kept}, by nstat name: TCP's). */
    public String nstat(java.util.Map<String, Long> kept, String... names) {
        return stats.nstat(kept, names);
    }

    @Override
    public String toString() {
        return "netns " + displayName();
    }
}
