package io.dockwire.netfilter;

import io.dockwire.wire.Icmpv4View;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;

/**
 * NAT on top of conntrack (nf_nat_core.c). A binding is made once per connection and manip type,
 * on its first packet: it rewrites the entry's reply tuple (nf_nat_setup_info) and sets
 * SRC_NAT/DST_NAT. Every later packet is rewritten from the tuples alone (nf_nat_packet), replies
 * the other way round; ICMP errors RELATED to a connection get their quoted datagram and outer
 * header translated back (nf_nat_icmp_reply_translation).
 *
 * <p>Source-port choice on a clash: the original port when free, else the next free one upwards
 * within the range (Linux starts at a hash-derived offset; sequential keeps runs reproducible).
 * An IP range always yields its first address.
 */
final class Nat {
    private final Conntrack t;
    private final NetfilterHost host;
    private final NatRewrite rw = new NatRewrite();
    private final Icmpv4View icmp = new Icmpv4View();

    Nat(Conntrack t, NetfilterHost host) {
        this.t = t;
        this.host = host;
    }

    static int doneBit(int manip) {
        return manip == NatRewrite.SRC ? Conntrack.SRC_NAT_DONE : Conntrack.DST_NAT_DONE;
    }

    /**
     * Makes the binding for {@code manip} from a NAT target (null = no rule matched: the null
     * binding, which still moves the source port off a clash). Returns a capture note when the
     * mapping changed something, "" when not, null when no unique tuple exists (drop).
     */
    String setup(NfPacket p, int manip, Target tg, long now) {
        int e = p.ct;
        int o = 2 * e;
        int r = o + 1;
        int pr = t.proto[e];
        boolean ports = pr == Ipv4View.PROTO_TCP || pr == Ipv4View.PROTO_UDP;
        t.status[e] |= doneBit(manip);
        if (manip == NatRewrite.DST) {
            if (tg == null) {
                return "";
            }
            int newIp;
            if (tg.kind == Target.REDIRECT) {
                // nf_nat_redirect_ipv4: the primary address of the input device, 127.0.0.1 if local.
                newIp = p.inIf > 0 ? host.primaryAddress(p.inIf) : 0x7F000001;
                if (newIp == 0) {
                    return null;
                }
            } else {
                newIp = tg.hasIp ? tg.minIp : p.dst;
            }
            int newPort = p.dport;
            if (ports && tg.hasPorts && (p.dport < tg.minPort || p.dport > tg.maxPort)) {
                newPort = tg.minPort;
            }
            t.tSrc[r] = newIp;
            if (ports) {
                t.tSport[r] = newPort;
            }
            if (newIp != p.dst || (ports && newPort != p.dport)) {
                t.status[e] |= Conntrack.DST_NAT;
                return endpoint(p.dst, p.dport, ports) + " -> " + endpoint(newIp, newPort, ports);
            }
            return "";
        }
        int newIp = p.src;
        if (tg != null) {
            newIp = tg.kind == Target.MASQUERADE ? host.primaryAddress(p.outIf) : tg.minIp;
            if (newIp == 0) {
                return null; // masquerade on an interface without an address: the kernel drops
            }
        }
        boolean idLike = pr == Ipv4View.PROTO_ICMP;
        int orig = idLike ? t.tSport[o] : p.sport;
        int lo;
        int hi;
        boolean specified = tg != null && tg.hasPorts && ports;
        if (specified) {
            lo = tg.minPort;
            hi = tg.maxPort;
        } else if (idLike) {
            lo = 0;
            hi = 0xFFFF;
        } else if (orig < 512) {
            lo = 1;
            hi = 511;
        } else if (orig < 1024) {
            lo = 600;
            hi = 1023;
        } else {
            lo = 1024;
            hi = 0xFFFF;
        }
        int chosen = -1;
        if (!ports && !idLike) {
            chosen = 0;
            if (used(r, newIp, 0, pr, false, now)) {
                return null;
            }
        } else if ((!specified || (orig >= lo && orig <= hi)) && !used(r, newIp, orig, pr, idLike, now)) {
            // get_unique_tuple: keep the original port when free (in range only matters if a range was given).
            chosen = orig;
        } else {
            int size = hi - lo + 1;
            int start = orig >= lo && orig <= hi ? orig - lo + 1 : 0;
            for (int i = 0; i < size; i++) {
                int cand = lo + (start + i) % size;
                if (!used(r, newIp, cand, pr, idLike, now)) {
                    chosen = cand;
                    break;
                }
            }
            if (chosen < 0) {
                return null;
            }
        }
        t.tDst[r] = newIp;
        if (idLike) {
            t.tSport[r] = chosen;
        } else if (ports) {
            t.tDport[r] = chosen;
        }
        if (newIp != p.src || ((ports || idLike) && chosen != orig)) {
            t.status[e] |= Conntrack.SRC_NAT;
            return endpoint(p.src, orig, ports || idLike) + " -> " + endpoint(newIp, chosen, ports || idLike);
        }
        return "";
    }

    /** nf_nat_used_tuple: would the reply tuple with this destination clash with a confirmed entry? */
    private boolean used(int r, int newIp, int port, int pr, boolean idLike, long now) {
        if (idLike) {
            return t.taken(t.tSrc[r], newIp, port, 0, pr, now);
        }
        return t.taken(t.tSrc[r], newIp, t.tSport[r], port, pr, now);
    }

    private static String endpoint(int ip, int port, boolean withPort) {
        return withPort ? Ipv4Address.toString(ip) + ":" + port : Ipv4Address.toString(ip);
    }

    /** nf_nat_packet: rewrite this packet for {@code manip} if its connection was NATed that way. */
    void apply(NfPacket p, int manip) {
        int e = p.ct;
        int bit = manip == NatRewrite.SRC ? Conntrack.SRC_NAT : Conntrack.DST_NAT;
        if (p.dir == Conntrack.REPLY) {
            bit ^= Conntrack.SRC_NAT | Conntrack.DST_NAT;
        }
        if ((t.status[e] & bit) == 0) {
            return;
        }
        int other = 2 * e + (1 - p.dir);
        if (p.ctState == CtState.RELATED) {
            icmpReply(p, manip, other);
            return;
        }
        boolean idLike = t.proto[e] == Ipv4View.PROTO_ICMP;
        // Target = inverse of the other direction's tuple.
        int addr;
        int port;
        if (manip == NatRewrite.SRC) {
            addr = t.tDst[other];
            port = idLike ? t.tSport[other] : t.tDport[other];
        } else {
            addr = t.tSrc[other];
            port = t.tSport[other];
        }
        rw.manip(p.buf, p.off, p.len, manip, addr, port);
        p.natRewritten(manip, addr, port);
    }

    /**
     * The quoted datagram gets the opposite manip with the other direction's tuple as is ("look
     * like the incoming packet"), then the ICMP checksum is recomputed and the outer header gets
     * the normal manip.
     */
    private void icmpReply(NfPacket p, int manip, int other) {
        int inner = p.l4Off + Icmpv4View.HEADER_LENGTH;
        int innerLen = p.l4Len - Icmpv4View.HEADER_LENGTH;
        int innerManip = 1 - manip;
        boolean idLike = t.proto[other >> 1] == Ipv4View.PROTO_ICMP;
        if (innerManip == NatRewrite.SRC) {
            rw.manip(p.buf, inner, innerLen, innerManip, t.tSrc[other], t.tSport[other]);
        } else {
            rw.manip(p.buf, inner, innerLen, innerManip, t.tDst[other], idLike ? t.tSport[other] : t.tDport[other]);
        }
        icmp.wrap(p.buf, p.l4Off, p.l4Len).fillChecksum();
        rw.manipAddress(p.buf, p.off, manip, manip == NatRewrite.SRC ? t.tDst[other] : t.tSrc[other]);
        p.parse();
    }
}
