package io.dockwire.netfilter;

import io.dockwire.wire.Bytes;
import io.dockwire.wire.DropReason;
import io.dockwire.wire.Icmpv4View;

import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.TcpView;
import io.dockwire.wire.UdpView;

/**
 * Per-packet conntrack work at PREROUTING/OUTPUT (nf_conntrack_in): classify the packet, find or
 * create its entry, run the protocol state machine and refresh the timer. Allocation free once
 * the entry exists.
 */
final class ConntrackIn {
    private final Conntrack t;
    private final Ipv4View ip = new Ipv4View();
    private final UdpView udp = new UdpView();
    private final TcpView tcp = new TcpView();
    private final Icmpv4View icmp = new Icmpv4View();

    /**
     * What the last {@link #track} found, for {@link PassMemo}: the slot (entry and direction)
     * of an existing entry, -1 when it made one or tracked nothing; then the entry's status and
     * TCP state before the packet's step.
     */
    int foundSlot = -1;
    int foundStatus;
    int foundTcpState;

    ConntrackIn(Conntrack t) {
        this.t = t;
    }

    /**
     * False when the packet must be dropped: a new flow with the table full. {@code prerouting}:
     * at PREROUTING (not OUTPUT), where the protocols' error() handlers check the transport
     * checksum of a packet that is not CHECKSUM_PARTIAL (net.netfilter.nf_conntrack_checksum=1,
     * the default): a bad one leaves the packet INVALID, untracked, so NAT does not touch it.
     */
    boolean track(NfPacket p, boolean prerouting, long now, NetfilterHost host) {
        if (p.ct >= 0) {
            return true; // already tracked (looped back through lo)
        }
        foundSlot = -1;
        p.ctState = CtState.INVALID;
        if (!p.l4Ok) {
            return true;
        }
        if (prerouting && !p.csumPartial && !l4Valid(p)) {
            return true;
        }
        int pr = p.proto;
        int sp = p.sport;
        int dp = p.dport;
        if (pr == Ipv4View.PROTO_ICMP) {
            if (IcmpQuery.isError(p.icmpType)) {
                related(p, now);
                return true;
            }
            if (!IcmpQuery.isQuery(p.icmpType)) {
                return true;
            }
            sp = Bytes.u16(p.buf, p.l4Off + 4);
            dp = 0;
        }
        int slot = t.find(p.src, p.dst, sp, dp, pr, now);
        int e;
        int dir;
        boolean fresh = false;
        if (slot >= 0) {
            e = slot >> 1;
            dir = slot & 1;
            foundSlot = slot;
            foundStatus = t.status[e];
            foundTcpState = t.tcpState[e];
        } else {
            // icmp_new: only a request starts a connection; tcp_new: the table says what may.
            if (pr == Ipv4View.PROTO_ICMP && !IcmpQuery.isRequest(p.icmpType)) {
                return true;
            }
            if (pr == Ipv4View.PROTO_TCP && TcpTracker.next(Conntrack.ORIGINAL, TcpTracker.NONE, p.tcpFlags) == TcpTracker.IV) {
                return true;
            }
            e = t.alloc(now);
            if (e < 0) {
                host.log("nf_conntrack: table full, dropping packet");
                return false;
            }
            t.proto[e] = pr;
            t.setTuple(2 * e, p.src, p.dst, sp, dp);
            if (pr == Ipv4View.PROTO_ICMP) {
                t.setTuple(2 * e + 1, p.dst, p.src, sp, 0);
                t.icmpType[e] = p.icmpType;
                t.icmpCode[e] = p.icmpCode;
            } else {
                t.setTuple(2 * e + 1, p.dst, p.src, dp, sp);
            }
            dir = Conntrack.ORIGINAL;
            fresh = true;
        }
        if (!protocolPacket(p, e, dir, now)) {
            if (fresh) {
                t.release(e);
            }
            return true; // INVALID, not attached
        }
        if (p.ct == -2) {
            // TCP reopen in TIME_WAIT/CLOSE: the old entry was killed, track again (-NF_REPEAT).
            p.ct = -1;
            return track(p, prerouting, now, host);
        }
        attach(p, e, dir);
        return true;
    }

    /**
     * A packet whose pass {@link PassMemo} remembers: found in {@code slot}, whose entry has the
     * status and TCP state the remembered packet's had, so the step cannot fail or kill the entry
     * (it did not then). Runs the step (timers, TCP state, ASSURED) and attaches the packet.
     */
    void known(NfPacket p, int slot, long now) {
        int e = slot >> 1;
        int dir = slot & 1;
        protocolPacket(p, e, dir, now);
        attach(p, e, dir);
    }

    private void attach(NfPacket p, int e, int dir) {
        int st = t.status[e];
        p.ctState = dir == Conntrack.REPLY || (st & Conntrack.SEEN_REPLY) != 0 ? CtState.ESTABLISHED : CtState.NEW;
        if (dir == Conntrack.REPLY) {
            t.status[e] = st | Conntrack.SEEN_REPLY;
        }
        p.ct = e;
        p.dir = dir;
        p.ctOwner = t;
    }

    /**
     * udp_error, tcp_error and icmp_error at PREROUTING: the UDP length within the packet, and the
     * checksum (nf_ip_checksum; a UDP checksum of 0 means none). Other protocols: no check.
     */
    boolean l4Valid(NfPacket p) {
        if (ip.wrap(p.buf, p.off, Ipv4View.HEADER_LENGTH).moreFragments()) {
            // A first fragment: the kernel's conntrack sees the datagram only after nf_defrag
            // reassembled it; its length and checksum cannot be judged from one fragment.
            return true;
        }
        // p.l4Len: the IP layer has checked the total length against the frame.
        return switch (p.proto) {
            case Ipv4View.PROTO_UDP -> udp.wrap(p.buf, p.l4Off, p.l4Len).check(p.src, p.dst) == DropReason.OK;
            case Ipv4View.PROTO_TCP -> tcp.wrap(p.buf, p.l4Off, p.l4Len).verifyChecksum(p.src, p.dst);
            case Ipv4View.PROTO_ICMP -> icmp.wrap(p.buf, p.l4Off, p.l4Len).check() == DropReason.OK;
            default -> true;
        };
    }

    /** The l4proto packet() handlers; false for an invalid packet. */
    private boolean protocolPacket(NfPacket p, int e, int dir, long now) {
        switch (p.proto) {
            case Ipv4View.PROTO_TCP -> {
                int old = t.tcpState[e];
                int next = TcpTracker.next(dir, old, p.tcpFlags);
                if (next == TcpTracker.IV) {
                    return false;
                }
                if (next == TcpTracker.IG) {
                    return true;
                }
                if (dir == Conntrack.ORIGINAL && next == TcpTracker.SYN_SENT && old >= TcpTracker.TIME_WAIT
                        && old <= TcpTracker.CLOSE) {
                    t.kill(e);
                    p.ct = -2;
                    return true;
                }
                t.tcpState[e] = next;
                if ((p.tcpFlags & TcpView.RST) != 0 && (t.status[e] & Conntrack.SEEN_REPLY) == 0) {
                    // "If only reply is a RST, we can consider ourselves not to have an established
                    // connection": nf_ct_kill_acct. The RST still belongs to the flow (ESTABLISHED
                    // as a reply) and is NATed back as one; the entry dies when it is done.
                    t.killHeld(e);
                    return true;
                }
                // Assured once the handshake completes (SYN_RECV/ESTABLISHED -> ESTABLISHED).
                if ((old == TcpTracker.SYN_RECV || old == TcpTracker.ESTABLISHED) && next == TcpTracker.ESTABLISHED) {
                    t.status[e] |= Conntrack.ASSURED;
                }
                t.refresh(e, now, TcpTracker.timeoutSeconds(next));
            }
            case Ipv4View.PROTO_UDP -> {
                // nf_conntrack_udp_packet (Linux 6.x): replied and still active 2 s after the first
                // packet -> stream: 120 s and ASSURED; otherwise 30 s.
                if ((t.status[e] & Conntrack.SEEN_REPLY) != 0) {
                    if (now - t.started[e] > 2 * Conntrack.SEC) {
                        t.refresh(e, now, Conntrack.UDP_STREAM_TIMEOUT);
                        t.status[e] |= Conntrack.ASSURED;
                    } else {
                        t.refresh(e, now, Conntrack.UDP_TIMEOUT);
                    }
                } else {
                    t.refresh(e, now, Conntrack.UDP_TIMEOUT);
                }
            }
            case Ipv4View.PROTO_ICMP -> t.refresh(e, now, Conntrack.ICMP_TIMEOUT);
            default -> t.refresh(e, now, Conntrack.GENERIC_TIMEOUT);
        }
        return true;
    }

    /**
     * icmp_error_message: an ICMP error quoting a packet of a tracked flow is RELATED to it. The
     * quoted tuple is inverted (the error travels against the quoted packet) and looked up; the
     * direction it matches is the error's direction. No timer refresh.
     */
    private void related(NfPacket p, long now) {
        byte[] b = p.buf;
        int inner = p.l4Off + 8;
        int avail = p.l4Len - 8;
        if (avail < Ipv4View.HEADER_LENGTH) {
            return;
        }
        int ihl = Ipv4View.headerLength(b, inner);
        int ipr = Ipv4View.protocol(b, inner);
        int isrc = Ipv4View.src(b, inner);
        int idst = Ipv4View.dst(b, inner);
        int il4 = inner + ihl;
        if (avail - ihl < 8) {
            return;
        }
        int slot;
        if (ipr == Ipv4View.PROTO_TCP || ipr == Ipv4View.PROTO_UDP) {
            slot = t.find(idst, isrc, Bytes.u16(b, il4 + 2), Bytes.u16(b, il4), ipr, now);
        } else if (ipr == Ipv4View.PROTO_ICMP) {
            if (!IcmpQuery.isQuery(b[il4] & 0xFF)) {
                return;
            }
            slot = t.find(idst, isrc, Bytes.u16(b, il4 + 4), 0, ipr, now);
        } else {
            slot = t.find(idst, isrc, 0, 0, ipr, now);
        }
        if (slot < 0) {
            return;
        }
        p.ct = slot >> 1;
        p.dir = slot & 1;
        p.ctOwner = t;
        p.ctState = CtState.RELATED;
    }
}
