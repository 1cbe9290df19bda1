package io.dockwire.tcp;

import io.dockwire.sim.TimerHandler;
import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.TcpView;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * One network namespace's TCP (Linux 6.x as observed on the wire): demultiplexing, listeners,
 * ephemeral ports, RSTs for segments nobody wants, counters and the timers of all connections.
 *
 * <p>Limits, stated first: no SYN cookies, no simultaneous open, no PAWS, no D-SACK, no TLP/RACK
 * (loss is repaired by the RTO and by fast retransmit on three duplicate ACKs), no zero-window
 * probing (receivers here consume at once, so windows never close), no window auto-tuning (the
 * advertised window stays at its post-handshake value), FIN-WAIT-2 has no orphan timeout.
 */
public final class TcpStack implements TimerHandler {
    static final int TIMER_RETRANSMIT = 1;
    static final int TIMER_DELACK = 2;
    static final int TIMER_TIME_WAIT = 3;

    /** Header 20 + options 40 + one MSS of payload. */
    private static final int SCRATCH = 20 + 40 + 1460;

    final TcpHost host;
    final TcpConfig config;
    final TcpCounters counters = new TcpCounters();
    final int timerHandler;
    final byte[] scratch = new byte[SCRATCH];
    final TcpView out = new TcpView();

    private final TcpView in = new TcpView();
    private final Segment seg = new Segment();
    private final ConnectionTable table = new ConnectionTable();
    private final Int2ObjectOpenHashMap<TcpListener> listeners = new Int2ObjectOpenHashMap<>();
    private final Int2IntOpenHashMap portUse = new Int2IntOpenHashMap();
    /** All live sockets in creation order, for ss; never used for demultiplexing. */
    private final List<TcpListener> listenerList = new ArrayList<>();
    private TcpConnection[] slots = new TcpConnection[16];
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int slotCount;

    public TcpStack(TcpHost host) {
        this(host, new TcpConfig());
    }

    public TcpStack(TcpHost host, TcpConfig config) {
        this.host = host;
        this.config = config;
        this.timerHandler = host.sim().registerTimerHandler(this);
    }

    public TcpCounters counters() {
        return counters;
    }

    /**
     * The MSS to advertise to {@code peer}: its route's MTU less 40 (ipv4_default_advmss), at most
     * the configured one (1460; loopback's 65536-byte MTU stays at that too: segments here are
     * Ethernet-sized).
     */
    int advMss(int peer) {
        int mtu = host.routeMtu(peer);
        return mtu <= 0 ? config.advMss : Math.min(config.advMss, mtu - 40);
    }

    public TcpConfig config() {
        return config;
    }

    // ---- sockets API ----------------------------------------------------------------------

    /**
     * listen(2) on {@code addr} (0 = INADDR_ANY) and {@code port}. Throws {@link TcpException}
     * with EADDRINUSE when a listener already covers that address and port, EADDRNOTAVAIL for
     * an address this namespace does not have.
     */
    public TcpListener listen(int addr, int port, int backlog, AcceptHandler handler) {
        if (addr != 0 && !host.isLocalAddress(addr)) {
            throw new TcpException(Errno.EADDRNOTAVAIL, "listen address not local, port=" + port);
        }
        for (TcpListener l = listeners.get(port); l != null; l = l.next) {
            if (l.addr == 0 || addr == 0 || l.addr == addr) {
                throw new TcpException(Errno.EADDRINUSE, "port already listened on, port=" + port);
            }
        }
        TcpListener l = new TcpListener(this, addr, port, Math.max(1, backlog), handler);
        l.next = listeners.get(port);
        listeners.put(port, l);
        listenerList.add(l);
        portUse.addTo(port, 1);
        return l;
    }

    /**
     * connect(2): picks a source address by route and an ephemeral port, sends the SYN. Errors
     * found at once (no route: ENETUNREACH; no free port: EADDRNOTAVAIL) reach
     * {@link TcpCallbacks#onError} before this returns; the rest arrive later.
     */
    public TcpConnection connect(int dst, int dport, TcpCallbacks callbacks) {
        long now = host.sim().now();
        TcpConnection c = newConnection(callbacks);
        int src = host.sourceAddressFor(dst);
        int port = src == 0 ? 0 : pickEphemeralPort();
        if (src == 0 || port == 0) {
            c.remoteAddr = dst;
            c.remotePort = dport;
            releaseSlot(c);
            c.error = src == 0 ? Errno.ENETUNREACH : Errno.EADDRNOTAVAIL;
            callbacks.onError(c, c.error);
            return c;
        }
        c.bind(src, port, dst, dport);
        register(c);
        counters.activeOpens++;
        c.startActiveOpen(now);
        return c;
    }

    /** ss -tan: a header and one line per socket, listeners first, each in creation order. */
    public String ss() {
        return SsFormat.render(listenerList, liveConnections(), host.sim().now());
    }

    /** Live connections in creation order of their slots (deterministic). */
    public List<TcpConnection> liveConnections() {
        List<TcpConnection> out = new ArrayList<>();
        long now = host.sim().now();
        for (int i = 0; i < slotCount; i++) {
            TcpConnection c = slots[i];
            if (c != null && c.inTable && !c.timeWaitExpired(now)) {
                out.add(c);
            }
        }
        out.sort((a, b) -> Long.compare(a.serial, b.serial));
        return out;
    }

    // ---- input ----------------------------------------------------------------------------

    /**
     * A whole IPv4 packet carrying TCP (not a fragment), header already validated by the IP
     * layer; the TCP length comes from the total length field, so Ethernet padding beyond it is
     * ignored. Follows
     * tcp_v4_rcv: count, check header and checksum, look up a connection, then a listener,
     * else answer with a RST.
     */
    public void input(byte[] buf, int ipOff, int ipLen, long now) {
        input(buf, ipOff, ipLen, false, now);
    }

    /** As above; {@code csumUnnecessary}: a CHECKSUM_PARTIAL segment from this host, not verified. */
    public void input(byte[] buf, int ipOff, int ipLen, boolean csumUnnecessary, long now) {
        counters.inSegs++;
        int ihl = Ipv4View.headerLength(buf, ipOff);
        int l4Len = Math.min(Ipv4View.totalLength(buf, ipOff), ipLen) - ihl;
        int src = Ipv4View.src(buf, ipOff);
        int dst = Ipv4View.dst(buf, ipOff);
        TcpView t = in.wrap(buf, ipOff + ihl, l4Len);
        if (l4Len < TcpView.HEADER_LENGTH || t.headerLength() > l4Len) {
            return; // discard_it: truncated, counted only in InSegs
        }
        if (t.dataOffset() < 5) {
            counters.inErrs++;
            return;
        }
        if (!csumUnnecessary && !t.verifyChecksum(src, dst)) {
            counters.inCsumErrors++;
            counters.inErrs++;
            return;
        }
        Segment s = seg;
        s.parse(src, dst, t);
        TcpConnection c = table.find(dst, s.dstPort, src, s.srcPort);
        if (c != null && c.timeWaitExpired(now)) {
            destroy(c);
            c = null;
        }
        if (c != null) {
            c.input(s, now);
            return;
        }
        TcpListener l = findListener(dst, s.dstPort);
        if (l != null) {
            listenInput(l, s, now);
            return;
        }
        if (!s.has(TcpView.RST)) {
            sendReset(s, now);
        }
    }

    /**
     * An ICMP error that quotes one of our segments (the IP layer calls this for ICMP it
     * received and for the host-unreachable it makes itself when ARP gives up, as Linux's
     * arp_error_report does). {@code quotedOff} points at the quoted IP header, which must be
     * followed by at least the 8 TCP bytes RFC 792 requires; {@code mtu} is the next-hop MTU of
     * a fragmentation-needed message. As tcp_v4_err: the quoted sequence number must lie in
     * [snd_una, snd_nxt]; a connection still opening fails with the errno of the message
     * (connect reports "No route to host" after ARP fails); an established one only takes
     * fragmentation-needed (its MSS shrinks and the data is sent again), other errors are soft
     * and ignored.
     */
    public void icmpError(int type, int code, int mtu, byte[] buf, int quotedOff, int quotedLen, long now) {
        int ihl = Ipv4View.headerLength(buf, quotedOff);
        if (quotedLen < ihl + 8 || Ipv4View.protocol(buf, quotedOff) != Ipv4View.PROTO_TCP) {
            return;
        }
        int local = Ipv4View.src(buf, quotedOff);
        int remote = Ipv4View.dst(buf, quotedOff);
        TcpView t = in.wrap(buf, quotedOff + ihl, 8);
        TcpConnection c = table.find(local, t.srcPort(), remote, t.dstPort());
        int errno = IcmpErrors.errno(type, code);
        if (c != null && errno != 0 && !c.timeWaitExpired(now)) {
            c.icmpError(type, code, errno, mtu, (int) t.seq(), now);
        }
    }

    /** RFC 9293 3.10.7.2 LISTEN: RST ignored, ACK answered with RST, SYN starts a handshake. */
    private void listenInput(TcpListener l, Segment s, long now) {
        if (s.has(TcpView.RST)) {
            return;
        }
        if (s.has(TcpView.ACK)) {
            sendReset(s, now);
            return;
        }
        if (!s.has(TcpView.SYN) || l.pending >= l.backlog) {
            return;
        }
        TcpConnection c = newConnection(null);
        c.bind(s.dst, l.port, s.src, s.srcPort);
        c.listener = l;
        l.pending++;
        register(c);
        c.startPassiveOpen(s, now);
    }

    private TcpListener findListener(int addr, int port) {
        TcpListener wildcard = null;
        for (TcpListener l = listeners.get(port); l != null; l = l.next) {
            if (l.addr == addr) {
                return l;
            }
            if (l.addr == 0) {
                wildcard = l;
            }
        }
        return wildcard;
    }

    /**
     * tcp_v4_send_reset for a segment with no socket (RFC 9293 3.10.7.1): with ACK, RST with
     * seq = their ack; without, RST,ACK with seq 0 and ack = their seq + length. Window 0, no
     * options, IP ID 0.
     */
    void sendReset(Segment s, long now) {
        int flags;
        int seq;
        int ack;
        if (s.has(TcpView.ACK)) {
            flags = TcpView.RST;
            seq = s.ack;
            ack = 0;
        } else {
            flags = TcpView.RST | TcpView.ACK;
            seq = 0;
            ack = s.seq + s.seqLen();
        }
        counters.outRsts++;
        emit(s.dst, s.src, s.dstPort, s.srcPort, seq, ack, flags, 0, 0, 0, 0, false, now);
    }

    /**
     * Fills the fixed header in {@link #scratch} (options and payload already written after it),
     * the checksum over the pseudo-header, and hands the segment to the IP layer.
     */
    int emit(int src, int dst, int sport, int dport, int seq, int ack, int flags, int window, int optLen,
            int payloadLen, int ipId, boolean retransmission, long now) {
        return emit(src, dst, sport, dport, seq, ack, flags, window, optLen, payloadLen, ipId, retransmission, false,
                now);
    }

    /** As above; {@code confirmNeigh}: the segment carries its socket's pending neighbour confirmation. */
    int emit(int src, int dst, int sport, int dport, int seq, int ack, int flags, int window, int optLen,
            int payloadLen, int ipId, boolean retransmission, boolean confirmNeigh, long now) {
        int len = TcpView.HEADER_LENGTH + optLen + payloadLen;
        TcpView o = out.wrap(scratch, 0, len);
        o.srcPort(sport).dstPort(dport).seq(Seq.unsigned(seq)).ack(Seq.unsigned(ack))
                .dataOffset((TcpView.HEADER_LENGTH + optLen) / 4).flags(flags).window(window).urgent(0);
        o.fillChecksum(src, dst);
        if (retransmission) {
            counters.retransSegs++;
        } else {
            counters.outSegs++;
        }
        return host.sendIp(src, dst, scratch, 0, len, ipId & 0xFFFF, confirmNeigh, now);
    }

    // ---- ports ----------------------------------------------------------------------------

    /**
     * Linux __inet_hash_connect: a random start in ip_local_port_range, even offset first, then
     * probing in steps of two, then the other parity. A port is taken here when any socket of
     * this namespace uses it as its local port (stricter than Linux, which only refuses an
     * identical four-tuple).
     */
    int pickEphemeralPort() {
        int low = host.ephemeralLow();
        int remaining = host.ephemeralHigh() - low + 1;
        int offset = host.random().nextInt(remaining) & ~1;
        for (int parity = 0; parity < 2; parity++, offset++) {
            for (int i = 0; i < remaining; i += 2) {
                int port = low + (offset + i) % remaining;
                if (portUse.get(port) == 0) {
                    return port;
                }
            }
        }
        return 0;
    }

    // ---- connection lifecycle -------------------------------------------------------------

    private long serials;

    private TcpConnection newConnection(TcpCallbacks callbacks) {
        int id;
        if (freeCount > 0) {
            id = freeSlots[--freeCount];
        } else {
            if (slotCount == slots.length) {
                slots = java.util.Arrays.copyOf(slots, slotCount * 2);
                freeSlots = java.util.Arrays.copyOf(freeSlots, slotCount * 2);
            }
            id = slotCount++;
        }
        TcpConnection c = new TcpConnection(this, id, serials++, callbacks);
        slots[id] = c;
        return c;
    }

    private void register(TcpConnection c) {
        table.add(c);
        c.inTable = true;
        portUse.addTo(c.localPort, 1);
    }

    /** Removes a connection for good: timers cancelled, four-tuple and port released. */
    void destroy(TcpConnection c) {
        c.state = TcpState.CLOSED;
        c.cancelTimers();
        if (c.inTable) {
            table.remove(c);
            c.inTable = false;
            if (portUse.addTo(c.localPort, -1) == 1) {
                portUse.remove(c.localPort);
            }
        }
        if (c.listener != null) {
            c.listener.pending--;
            c.listener = null;
        }
        releaseSlot(c);
    }

    private void releaseSlot(TcpConnection c) {
        if (slots[c.id] == c) {
            slots[c.id] = null;
            freeSlots[freeCount++] = c.id;
        }
    }

    void unlisten(TcpListener l) {
        TcpListener head = listeners.get(l.port);
        if (head == l) {
            if (l.next == null) {
                listeners.remove(l.port);
            } else {
                listeners.put(l.port, l.next);
            }
        } else {
            for (TcpListener p = head; p != null; p = p.next) {
                if (p.next == l) {
                    p.next = l.next;
                    break;
                }
            }
        }
        listenerList.remove(l);
        if (portUse.addTo(l.port, -1) == 1) {
            portUse.remove(l.port);
        }
    }

    // ---- timers ---------------------------------------------------------------------------

    long schedule(TcpConnection c, long time, int kind) {
        return host.sim().schedule(time, timerHandler, kind, c.id);
    }

    long scheduleDaemon(TcpConnection c, long time, int kind) {
        return host.sim().scheduleDaemon(time, timerHandler, kind, c.id);
    }

    @Override
    public void onTimer(long now, int kind, long arg) {
        TcpConnection c = slots[(int) arg];
        if (c != null) {
            c.onTimer(kind, now);
        }
    }
}
