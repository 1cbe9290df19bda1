package io.dockwire.ip;

import io.dockwire.wire.Checksum;
import io.dockwire.wire.Icmpv4View;
import io.dockwire.wire.Ipv4View;

/**
 * ICMP for one namespace (Linux {@code net/ipv4/icmp.c}): input with counters, echo replies,
 * dispatch of replies and errors to listeners and transports, and error generation.
 *
 * <p>Errors follow {@code icmp_send}: never about an ICMP error, a non-first fragment, a
 * broadcast/multicast destination or a frame received as link-layer broadcast (RFC 1122
 * 3.2.2); quoting as much of the offending datagram as fits in 576 bytes; TOS
 * {@code (tos & 0x1E) | 0xC0} (precedence "internetwork control"); no DF (the ICMP socket uses
 * IP_PMTUDISC_DONT); source = the offending datagram's destination when that is ours (port
 * unreachable), otherwise the route's source towards the original sender
 * (icmp_errors_use_inbound_ifaddr=0, the default). Rate limiting is not modelled.
 */
final class Icmp {
    private final NetNamespace ns;
    private final byte[] scratch;

    Icmp(NetNamespace ns) {
        this.ns = ns;
        this.scratch = new byte[ns.pool().slotSize()];
    }

    void input(int inIf, byte[] b, int l3, int total, boolean bcast, boolean noErrors, long now) {
        IpStats st = ns.stats();
        int ihl = Ipv4View.headerLength(b, l3);
        int off = l3 + ihl;
        int len = total - ihl;
        st.inc(Mib.IcmpInMsgs);
        if (len < Icmpv4View.HEADER_LENGTH) {
            st.inc(Mib.IcmpInErrors);
            return;
        }
        if (!Checksum.verify(b, off, len)) {
            st.inc(Mib.IcmpInCsumErrors);
            st.inc(Mib.IcmpInErrors);
            return;
        }
        int type = b[off] & 0xFF;
        switch (type) {
            case Icmpv4View.TYPE_ECHO_REPLY -> {
                st.inc(Mib.IcmpInEchoReps);
                IcmpListener l = ns.icmpListener(u16(b, off + 4));
                if (l != null) {
                    l.echoReply(ns, b, l3, total, now);
                }
            }
            case Icmpv4View.TYPE_ECHO_REQUEST -> {
                st.inc(Mib.IcmpInEchos);
                if (!(bcast && ns.sysctls().echoIgnoreBroadcasts)) {
                    echoReply(b, l3, off, len, now);
                }
            }
            case Icmpv4View.TYPE_DEST_UNREACHABLE, Icmpv4View.TYPE_TIME_EXCEEDED -> {
                st.inc(type == 3 ? Mib.IcmpInDestUnreachs : Mib.IcmpInTimeExcds);
                errorInput(b, l3, total, off, len, now);
            }
            case 4 -> st.inc(Mib.IcmpInSrcQuenchs);
            case 5 -> st.inc(Mib.IcmpInRedirects);
            case 12 -> st.inc(Mib.IcmpInParmProbs);
            case 13 -> st.inc(Mib.IcmpInTimestamps);
            case 14 -> st.inc(Mib.IcmpInTimestampReps);
            case 17 -> st.inc(Mib.IcmpInAddrMasks);
            case 18 -> st.inc(Mib.IcmpInAddrMaskReps);
            default -> {
            }
        }
    }

    /** icmp_unreach: hand the error to whoever sent the quoted datagram. */
    private void errorInput(byte[] b, int l3, int total, int off, int len, long now) {
        int q = off + Icmpv4View.HEADER_LENGTH;
        int qlen = len - Icmpv4View.HEADER_LENGTH;
        if (qlen < Ipv4View.HEADER_LENGTH || qlen < Ipv4View.headerLength(b, q)) {
            ns.stats().inc(Mib.IcmpInErrors);
            return;
        }
        int qihl = Ipv4View.headerLength(b, q);
        int proto = Ipv4View.protocol(b, q);
        int from = Ipv4View.src(b, l3);
        if (proto == Ipv4View.PROTO_ICMP) {
            if (qlen >= qihl + 8 && (b[q + qihl] & 0xFF) == Icmpv4View.TYPE_ECHO_REQUEST) {
                IcmpListener l = ns.icmpListener(u16(b, q + qihl + 4));
                if (l != null) {
                    l.error(ns, b, l3, total, now);
                }
            }
        } else if (proto == Ipv4View.PROTO_UDP) {
            ns.udp().error(from, b[off] & 0xFF, b[off + 1] & 0xFF, b, q, qlen, now);
        } else {
            L4Protocol p = ns.protocol(proto);
            if (p != null) {
                p.error(ns, from, b[off] & 0xFF, b[off + 1] & 0xFF, b, off, len, now);
            }
        }
    }

    /** icmp_echo / icmp_reply: same id, sequence and data, from the address asked, TOS kept. */
    private void echoReply(byte[] b, int l3, int off, int len, long now) {
        System.arraycopy(b, off, scratch, 0, len);
        scratch[0] = Icmpv4View.TYPE_ECHO_REPLY;
        scratch[2] = 0;
        scratch[3] = 0;
        int c = Checksum.compute(scratch, 0, len);
        scratch[2] = (byte) (c >>> 8);
        scratch[3] = (byte) c;
        int src = Ipv4View.dst(b, l3);
        if (!ns.isLocalAddress(src)) {
            src = 0; // a broadcast echo (when allowed) is answered from the route's source
        }
        int rc = ns.ip().send(src, Ipv4View.src(b, l3), Ipv4View.PROTO_ICMP, 0, b[l3 + 1] & 0xFF, false, -1,
                scratch, 0, len, now);
        if (rc != -Errno.ENETUNREACH) {
            ns.stats().inc(Mib.IcmpOutMsgs);
            ns.stats().inc(Mib.IcmpOutEchoReps);
        }
    }

    /**
     * icmp_send about the datagram at {@code b[l3]} (its total length is trusted: it passed
     * validation). {@code info}: the next-hop MTU for 3/4, else 0.
     */
    void error(byte[] b, int l3, int type, int code, int info, boolean noErrors, long now) {
        if (noErrors) {
            return;
        }
        int total = Ipv4View.totalLength(b, l3);
        int ihl = Ipv4View.headerLength(b, l3);
        int fragField = u16(b, l3 + 6);
        if ((fragField & 0x1FFF) != 0) {
            return; // only the first fragment may draw an error
        }
        if (Ipv4View.protocol(b, l3) == Ipv4View.PROTO_ICMP && total >= ihl + 1) {
            int t = b[l3 + ihl] & 0xFF;
            if (t > 18 || t == 3 || t == 4 || t == 5 || t == 11 || t == 12) {
                return; // never an error about an error
            }
        }
        int origSrc = Ipv4View.src(b, l3);
        int origDst = Ipv4View.dst(b, l3);
        if (origSrc == 0 || origSrc == -1 || (origSrc >>> 28) == 0xE || origDst == -1 || (origDst >>> 28) == 0xE
                || ns.addresses().isSubnetBroadcast(origDst)) {
            return;
        }
        int quote = Math.min(total, Icmpv4View.LINUX_MAX_QUOTE);
        int len = Icmpv4View.writeError(scratch, 0, type, code, info & 0xFFFF, b, l3, quote);
        int src = ns.isLocalAddress(origDst) ? origDst : 0;
        int tos = (b[l3 + 1] & 0x1E) | 0xC0;
        int rc = ns.ip().send(src, origSrc, Ipv4View.PROTO_ICMP, 0, tos, false, -1, scratch, 0, len, now);
        if (rc != -Errno.ENETUNREACH) {
            IpStats st = ns.stats();
            st.inc(Mib.IcmpOutMsgs);
            st.inc(type == 3 ? Mib.IcmpOutDestUnreachs : Mib.IcmpOutTimeExcds);
        }
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }
}
