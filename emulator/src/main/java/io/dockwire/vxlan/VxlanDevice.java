package io.dockwire.vxlan;

import io.dockwire.ip.Emulation;
import io.dockwire.ip.NetNamespace;
import io.dockwire.link.DropReason;
import io.dockwire.link.NetDevice;
import io.dockwire.link.World;
import io.dockwire.sim.Injector;
import io.dockwire.wire.Bytes;
import io.dockwire.wire.MacAddress;

/**
 * A Linux vxlan device (drivers/net/vxlan): frames it transmits leave as UDP datagrams to the
 * tunnel endpoint its forwarding table names for the destination MAC; datagrams for its VNI that
 * arrive at its socket come out of it as received frames.
 *
 * <p>Transmit (vxlan_xmit): with {@code proxy}, every ARP frame is consumed and a request whose
 * target the namespace's neighbour table knows is answered by the device itself (arp_reduce); an
 * unknown target is an L3 miss, a netlink notice nobody listens to here. Any other frame needs a
 * forwarding entry for its destination (or the all-zeros default), else it is an L2 miss and
 * dropped (tx_dropped). The outer packet (vxlan_xmit_one): UDP from the flow-hash source port
 * ({@link #sourcePort}) to the device's destination port, IPv4 with TTL "auto" (the namespace's
 * default), DF unset, TOS 0 plus the inner ECN, from the socket's namespace, which routes it,
 * resolves the next hop and runs its netfilter hooks; the 8-byte header carries the I flag and
 * the VNI.
 *
 * <p>Receive (vxlan_rcv): the I flag must be set; a frame from the device's own MAC is dropped
 * (a loop); with {@code learning} the sender's MAC is learned at the outer source address
 * (vxlan_snoop) unless a permanent entry has it; then the inner frame is received by the device
 * at the same instant (gro_cells).
 */
public final class VxlanDevice extends NetDevice {
    static final int HEADER = 8;
    /** A namespace key no device has (compared by identity): the port range is not looked up yet. */
    private static final String UNSET = new String("unset");

    private final Emulation emu;
    private final VxlanSockets.Socket socket;
    private final String underlay;
    private final int vni;
    private final int dstPort;
    private final boolean learning;
    private final boolean proxy;
    private final boolean l2miss;
    private final boolean l3miss;
    private final boolean udpCsum;
    private final int ageingSeconds;
    private final VxlanFdb fdb = new VxlanFdb();
    /** The 8-byte VXLAN header every frame gets: the I flag and the VNI (RFC 7348). */
    private final byte[] header;
    private final byte[] arp = new byte[42];
    private final int selfChannel;
    /** The namespace whose ip_local_port_range the source ports come from: the device's own, looked up once per move. */
    private String portRangeKey = UNSET;
    private NetNamespace portRangeNs;

    VxlanDevice(World world, Emulation emu, String name, String namespace, long mac, VxlanSockets.Socket socket,
                VxlanSockets.Config c) {
        super(world, name, namespace, mac);
        this.emu = emu;
        this.socket = socket;
        this.underlay = namespace;
        this.vni = c.vni();
        this.dstPort = c.dstPort();
        this.learning = c.learning();
        this.proxy = c.proxy();
        this.l2miss = c.l2miss();
        this.l3miss = c.l3miss();
        this.udpCsum = c.udpCsum();
        this.ageingSeconds = c.ageing();
        this.header = new byte[] {0x08, 0, 0, 0, (byte) (vni >>> 16), (byte) (vni >>> 8), (byte) vni, 0};
        this.selfChannel = sim.addChannel(this);
        setMtu(1450); // vxlan_config_apply: 1500 less the IPv4 + UDP + VXLAN + inner Ethernet overhead
        setTxQueueLen(1000);
        socket.add(this);
    }

    public int vni() {
        return vni;
    }

    public int dstPort() {
        return dstPort;
    }

    private long ageingNs() {
        return ageingSeconds * 1_000_000_000L;
    }

    /** {@code bridge fdb append MAC dev DEV dst IP self permanent}; false when a permanent entry exists. */
    public boolean addPermanent(long mac, int remote) {
        return fdb.addPermanent(mac, remote, sim.now());
    }

    /** {@code bridge fdb del MAC dev DEV self}; false when there was none. */
    public boolean removeEntry(long mac) {
        return fdb.remove(mac);
    }

    /** The remote tunnel endpoint for {@code mac} now, or 0. */
    public int remoteFor(long mac) {
        VxlanFdb.Entry e = fdb.find(mac, sim.now(), ageingNs());
        return e == null ? 0 : e.remote;
    }

    @Override
    public String fdbSelfEntries(long now) {
        return fdb.show(name(), !java.util.Objects.equals(namespace(), underlay), now, ageingNs());
    }

    /** iproute2's {@code ip -d link} details line for the device. */
    public String details() {
        return "vxlan id " + vni + " srcport 0 0 dstport " + dstPort + (learning ? "" : " nolearning")
                + (proxy ? " proxy" : "") + (l2miss ? " l2miss" : "") + (l3miss ? " l3miss" : "")
                + " ttl auto ageing " + ageingSeconds + (udpCsum ? " udpcsum" : " noudpcsum")
                + " noudp6zerocsumtx noudp6zerocsumrx";
    }

    @Override
    protected String carrierState() {
        return "UNKNOWN"; // vxlan does not track carrier: operstate stays unknown
    }

    @Override
    protected String linkSuffix() {
        // iproute2 prints IFLA_LINK (the device's own index) when the link namespace is another one.
        return java.util.Objects.equals(namespace(), underlay) ? "" : "@if" + ifindex();
    }

    @Override
    protected String linkNetns() {
        return java.util.Objects.equals(namespace(), underlay) ? "" : " link-netnsid 0";
    }

    @Override
    protected void removed() {
        socket.remove(this);
    }

    // ---- transmit ----------------------------------------------------------------------------

    @Override
    protected void xmit(int slot, int len, long now) {
        byte[] b = pool.buf(slot);
        if (len < 14) {
            dropTx(DropReason.NO_TX_TARGET, slot);
            return;
        }
        int type = Bytes.u16(b, 12);
        if (proxy && type == 0x0806) {
            arpReduce(b, len, now);
            pool.release(slot);
            return;
        }
        long dst = MacAddress.read(b, 0);
        VxlanFdb.Entry f = fdb.find(dst, now, ageingNs());
        if (f == null) {
            f = fdb.find(0L, now, ageingNs());
        }
        if (f == null) {
            // vxlan_fdb_miss (l2miss) notifies user space; nobody answers here.
            dropTx(DropReason.NO_TX_TARGET, slot);
            return;
        }
        int tos = type == 0x0800 && len >= 34 ? ecn(b[15] & 3) : 0;
        countTx(len);
        socket.send(f.remote, sourcePort(b, len), dstPort, header, b, len, tos, pool.csumPartial(slot), now);
        pool.release(slot);
    }

    /** INET_ECN_encapsulate(0, inner): the inner ECN codepoint, CE becoming ECT(0). */
    private static int ecn(int inner) {
        return inner == 3 ? 2 : inner;
    }

    /**
     * udp_flow_src_port: the inner packet's hash scaled into the namespace's local port range. For
     * most packets that is the flow dissector's hash, symmetric in the flow's two ends (a ping and
     * its reply share a source port); a TCP segment carries its socket's own hash, so each
     * direction of a connection has its own port (both as a real kernel showed them).
     */
    int sourcePort(byte[] b, int len) {
        int h;
        int type = Bytes.u16(b, 12);
        if (type == 0x0800 && len >= 34) {
            int ihl = (b[14] & 0x0F) * 4;
            int src = Bytes.i32(b, 26);
            int dst = Bytes.i32(b, 30);
            int proto = b[23] & 0xFF;
            boolean hasPorts = (proto == 6 || proto == 17) && len >= 14 + ihl + 4;
            int ports = hasPorts ? Bytes.i32(b, 14 + ihl) : 0; // source port << 16 | destination port
            if (proto != 6 && Integer.compareUnsigned(src, dst) > 0) {
                // The dissector's hash is symmetric: both ends in one order (__flow_hash_consistentify).
                int t = src;
                src = dst;
                dst = t;
                ports = ports >>> 16 | ports << 16;
            }
            // A TCP socket's packets carry its sk_txhash (random per socket), not the dissector's: each
            // direction of a connection has its own, so its own port. Stand-in: the directional 4-tuple.
            h = mix(mix(mix(socket.hashSeed(), src), dst), ports ^ proto);
        } else {
            h = mix(mix(socket.hashSeed(), (int) (MacAddress.read(b, 0) ^ MacAddress.read(b, 6))), type);
        }
        h ^= h << 16;
        if (namespace() != portRangeKey) { // moved (libnetwork moves it into the overlay's namespace)
            portRangeKey = namespace();
            portRangeNs = emu.namespaceOf(this);
        }
        NetNamespace ns = portRangeNs;
        int min = ns == null ? 32768 : ns.ephemeralPortLow();
        int max = ns == null ? 60999 : ns.ephemeralPortHigh();
        return (int) (((h & 0xFFFF_FFFFL) * (max - min)) >>> 32) + min;
    }

    private static int mix(int h, int v) {
        h ^= v * 0x9E3779B1;
        h = Integer.rotateLeft(h, 13) * 5 + 0xE6546B64;
        return h ^ (h >>> 16);
    }

    /**
     * arp_reduce: a request for a target the neighbour table knows (a permanent entry, as libnetwork
     * programs one per remote endpoint) gets a reply from that MAC, received by this device.
     */
    private void arpReduce(byte[] b, int len, long now) {
        if (len < 42 || Bytes.u16(b, 14) != 1 || Bytes.u16(b, 16) != 0x0800 || b[18] != 6 || b[19] != 4
                || Bytes.u16(b, 20) != 1) {
            return; // only requests are answered; everything ARP is consumed
        }
        int tip = Bytes.i32(b, 38);
        NetNamespace ns = emu.namespaceOf(this);
        long mac = ns == null ? -1 : ns.connectedNeighbour(this, tip);
        if (mac < 0) {
            // vxlan_ip_miss (l3miss): a netlink notice nobody listens to here.
            return;
        }
        // arp_create(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, n->ha, sha)
        System.arraycopy(b, 22, arp, 0, 6);        // Ethernet dst: the asker
        MacAddress.write(arp, 6, mac);                  // Ethernet src: the neighbour
        arp[12] = 0x08;
        arp[13] = 0x06;
        arp[14] = 0;
        arp[15] = 1;
        arp[16] = 0x08;
        arp[17] = 0;
        arp[18] = 6;
        arp[19] = 4;
        arp[20] = 0;
        arp[21] = 2;
        MacAddress.write(arp, 22, mac);                 // sender: the target's MAC and address
        System.arraycopy(b, 38, arp, 28, 4);
        System.arraycopy(b, 22, arp, 32, 10);      // target: the asker's MAC and address
        int slot = pool.allocCopy(arp, 0, 42);
        sim.send(selfChannel, now, slot, Injector.RECEIVE);
    }

    // ---- receive -----------------------------------------------------------------------------

    /** A datagram for this device's VNI: {@code b[off, off + len)} is the VXLAN header and the frame. */
    void decap(byte[] b, int off, int len, int outerSrc, boolean innerPartial, long now) {
        int inner = off + HEADER;
        int innerLen = len - HEADER;
        if (!isUp() || innerLen < 14) {
            return;
        }
        long src = MacAddress.read(b, inner + 6);
        if (src == mac()) {
            return; // our own frame came back: a loop
        }
        if (learning && (src & 0x0100_0000_0000L) == 0) {
            fdb.learn(src, outerSrc, now);
        }
        // gro_cells_receive: the frame comes out of the device at once (the outer packet's slot is
        // still held by the caller, so this is a copy), CHECKSUM_PARTIAL as it went in.
        int slot = pool.allocCopy(b, inner, innerLen);
        if (innerPartial) {
            pool.setCsumPartial(slot);
        }
        receive(slot, now);
    }

    /** Whether {@code b[off]} starts a VXLAN header this device takes (I flag set). */
    static boolean valid(byte[] b, int off, int len) {
        return len >= HEADER && (b[off] & 0x08) != 0;
    }

    static int vniOf(byte[] b, int off) {
        return (b[off + 4] & 0xFF) << 16 | (b[off + 5] & 0xFF) << 8 | (b[off + 6] & 0xFF);
    }
}
