package io.dockwire.netfilter;

import io.dockwire.wire.Bytes;

import io.dockwire.wire.Icmpv4View;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;

/**
 * One IPv4 packet on its way through the hooks of one namespace: the bytes (rewritten in place by
 * NAT) plus what {@code skb->_nfct} holds in Linux (the conntrack entry, the direction and the
 * ctinfo). The IP stack keeps one per packet in flight and re-points it with {@link #wrap} for
 * each new packet; reusing it allocates nothing.
 *
 * <p>The IP header must already have passed {@link Ipv4View#check()} (ip_rcv_core runs before
 * PREROUTING). Fragments are not reassembled (Linux defragments before conntrack): a non-first
 * fragment has no ports and is tracked as INVALID.
 */
public final class NfPacket {
    byte[] buf;
    int off;
    int len;

    /** Conntrack entry index, -1 when none (untracked or INVALID). */
    int ct = -1;
    /** Direction of this packet in {@link #ct}: 0 original, 1 reply. */
    int dir;
    /** {@link CtState} bit for ctstate matching; 0 before conntrack saw the packet. */
    int ctState;
    Conntrack ctOwner;
    /** What rules decided or rewrote, for capture comments; null when nothing noteworthy. */
    String note;

    /**
     * The fields below describe the bytes: set by {@link #parse}, cleared by {@link #wrap}. Between
     * the hooks of one packet the stack changes no byte they are read from (only the TTL and the
     * header checksum, in ip_forward), and NAT re-parses what it rewrites, so a packet is parsed
     * once, at its first hook.
     */
    boolean parsed;
    // Parsed fields.
    int proto;
    int src;
    int dst;
    int totalLen;
    int l4Off;
    int l4Len;
    /** True when the L4 header the protocol needs is present and this is the first fragment. */
    boolean l4Ok;
    int sport;
    int dport;
    int icmpType;
    int icmpCode;
    int tcpFlags;
    String inName = "";
    String outName = "";
    int inIf;
    int outIf;
    /**
     * The packet came as CHECKSUM_PARTIAL from a local sender (see FramePool): conntrack does not
     * verify its transport checksum at PREROUTING. Set by the caller before PREROUTING.
     */
    boolean csumPartial;
    /**
     * A routed packet whose PREROUTING was replayed from {@link PassMemo} line {@code pass} (-1:
     * none): the stage its next hook is, and the line's stamp then (see {@link PassMemo#stamp}).
     */
    int pass = -1;
    int passStage;
    int passStamp;

    /** Whether the packet about to pass PREROUTING is CHECKSUM_PARTIAL (see the field). */
    public void csumPartial(boolean partial) {
        csumPartial = partial;
    }

    /** Points at a new packet: forgets the previous packet's conntrack reference and note. */
    public NfPacket wrap(byte[] buf, int l3Off, int l3Len) {
        release();
        this.buf = buf;
        this.off = l3Off;
        this.len = l3Len;
        this.ctState = 0;
        this.note = null;
        this.parsed = false;
        this.pass = -1;
        return this;
    }

    /**
     * Drops the conntrack reference; an entry created for this packet and never confirmed, or one
     * its own conntrack step deleted, goes back to the pool (as when Linux frees an skb holding the
     * last reference to a conntrack). Call it when
     * the IP stack drops the packet between hooks (no route, TTL exceeded).
     */
    public void release() {
        if (ct >= 0 && ctOwner != null) {
            ctOwner.release(ct);
        }
        ct = -1;
        ctOwner = null;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    public int length() {
        return len;
    }

    /** Noteworthy decisions about this packet, e.g. {@code nat/DOCKER #2 DNAT ... (ct new)}; null if none. */
    public String note() {
        return note;
    }

    /** The conntrack entry index this packet belongs to, -1 when untracked or invalid. */
    public int conntrackEntry() {
        return ct;
    }

    void addNote(String s) {
        note = note == null ? s : note + "; " + s;
    }

    void parse() {
        parsed = true;
        byte[] b = buf;
        proto = Ipv4View.protocol(b, off);
        src = Ipv4View.src(b, off);
        dst = Ipv4View.dst(b, off);
        totalLen = Ipv4View.totalLength(b, off);
        int ihl = Ipv4View.headerLength(b, off);
        l4Off = off + ihl;
        l4Len = Math.min(totalLen, len) - ihl;
        boolean first = (Bytes.u16(b, off + Ipv4View.FLAGS_FRAGMENT_OFFSET) & 0x1FFF) == 0;
        sport = 0;
        dport = 0;
        icmpType = -1;
        icmpCode = -1;
        tcpFlags = 0;
        l4Ok = false;
        if (!first) {
            return;
        }
        switch (proto) {
            case Ipv4View.PROTO_TCP -> {
                if (l4Len >= 20) {
                    l4Ok = true;
                    sport = Bytes.u16(b, l4Off);
                    dport = Bytes.u16(b, l4Off + 2);
                    tcpFlags = b[l4Off + 13] & 0xFF;
                }
            }
            case Ipv4View.PROTO_UDP -> {
                if (l4Len >= 8) {
                    l4Ok = true;
                    sport = Bytes.u16(b, l4Off);
                    dport = Bytes.u16(b, l4Off + 2);
                }
            }
            case Ipv4View.PROTO_ICMP -> {
                if (l4Len >= Icmpv4View.HEADER_LENGTH) {
                    l4Ok = true;
                    icmpType = b[l4Off] & 0xFF;
                    icmpCode = b[l4Off + 1] & 0xFF;
                }
            }
            default -> l4Ok = true;
        }
    }

    /** Source and destination port in one int (sport high), as the memos key on them. */
    int ports() {
        return (sport << 16) | dport;
    }

    /**
     * NAT rewrote the source ({@link NatRewrite#SRC}) or destination address to {@code addr} and,
     * where the packet has ports that {@link #parse} reads, the port to {@code port}
     * ({@link NatRewrite#manip} writes exactly those): the parsed fields become what a new parse
     * would read, without re-reading the packet.
     */
    void natRewritten(int manip, int addr, int port) {
        boolean ports = l4Ok && (proto == Ipv4View.PROTO_TCP || proto == Ipv4View.PROTO_UDP);
        if (manip == NatRewrite.SRC) {
            src = addr;
            if (ports) {
                sport = port;
            }
        } else {
            dst = addr;
            if (ports) {
                dport = port;
            }
        }
    }

    @Override
    public String toString() {
        return "NfPacket[" + Ipv4Address.toString(src) + " -> " + Ipv4Address.toString(dst) + " proto=" + proto + "]";
    }
}
