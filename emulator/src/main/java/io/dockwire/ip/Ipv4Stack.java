package io.dockwire.ip;

import io.dockwire.link.NetDevice;
import io.dockwire.sim.FramePool;
import io.dockwire.sim.Simulator;
import io.dockwire.sim.TimerHandler;
import io.dockwire.wire.DropReason;
import io.dockwire.wire.EthernetFrame;
import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.MacAddress;

/**
 * IPv4 receive, forward and send for one namespace, in the order of Linux's
 * {@code ip_rcv_core} / {@code ip_rcv_finish} / {@code ip_forward} / {@code ip_local_out} /
 * {@code ip_finish_output2}, with the netfilter hooks where Linux has them and the kernel 6.x
 * counters ({@code IpOutRequests} for locally generated datagrams, {@code IpOutTransmits} for
 * everything handed to a device). The datagram always sits at offset 14 of its frame slot; the
 * Ethernet header is written when the frame leaves. The resolved-neighbour path allocates nothing.
 */
final class Ipv4Stack implements TimerHandler {
    private static final int L3 = EthernetFrame.HEADER_LENGTH;
    private static final int LO = NetNamespace.LOOPBACK_IFINDEX;

    private final NetNamespace ns;
    private final FramePool pool;
    private final Simulator sim;
    private final int timerHandler;

    // Result of the last route(): fields, so a lookup allocates nothing. Copy before calling out.
    private int rIf;
    private int rNextHop;
    private int rSrc;
    private String pendingComment;

    Ipv4Stack(NetNamespace ns) {
        this.ns = ns;
        this.pool = ns.pool();
        this.sim = ns.sim();
        this.timerHandler = sim.registerTimerHandler(this);
    }

    int routeSrc() {
        return rSrc;
    }

    /** The last route()'s output device (1 = lo) and next hop (the destination when on-link). */
    int routeIf() {
        return rIf;
    }

    int routeNextHop() {
        return rNextHop;
    }

    /** Output route lookup: local destinations go to lo; false = ENETUNREACH. */
    boolean route(int dst) {
        if (ns.isLocalAddress(dst)) {
            rIf = LO;
            rNextHop = dst;
            rSrc = (dst >>> 24) == 127 ? 0x7F00_0001 : dst;
            return true;
        }
        int r = lookupRoute(dst);
        if (r < 0) {
            return false;
        }
        int src = ns.routes().prefSrc(r);
        if (src == 0) {
            src = ns.addresses().primary(rIf);
        }
        if (src == 0 && ns.addresses().size() > 0) {
            src = ns.addresses().addr(0); // inet_select_addr falls back to any address in the namespace
        }
        rSrc = src;
        return true;
    }

    /** The FIB lookup alone (no local check, no source address): sets rIf, rNextHop; the route or -1. */
    private int lookupRoute(int dst) {
        RouteTable routes = ns.routes();
        int r = routes.lookup(dst);
        if (r >= 0) {
            rIf = routes.ifindex(r);
            rNextHop = routes.nextHop(r, dst);
        }
        return r;
    }

    // ---- receive -----------------------------------------------------------------------------

    void receive(NetDevice dev, int slot, long now) {
        byte[] b = pool.buf(slot);
        int len = pool.len(slot);
        if (len < L3) {
            ns.unknownEtherType++;
            pool.release(slot);
            return;
        }
        long dmac = EthernetFrame.dst(b, 0);
        boolean host = dmac == dev.mac();
        if (!host && !MacAddress.isMulticast(dmac)) {
            ns.otherHost++;
            pool.release(slot);
            return;
        }
        switch (EthernetFrame.etherType(b, 0)) {
            case EthernetFrame.ETHERTYPE_IPV4 -> input(dev.ifindex(), slot, host, now);
            case EthernetFrame.ETHERTYPE_ARP -> ns.neighbours().input(dev, slot, host, now);
            default -> {
                ns.unknownEtherType++;
                pool.release(slot);
            }
        }
    }

    /** ip_rcv_core: count, validate, trim the padding; then PREROUTING and the routing decision. */
    private void input(int inIf, int slot, boolean l2Host, long now) {
        IpStats st = ns.stats();
        st.inc(Mib.IpInReceives);
        byte[] b = pool.buf(slot);
        if (!pool.ipv4HeaderChecked(slot)) { // else checked on these bytes before (FramePool)
            DropReason r = Ipv4View.check(b, L3, pool.len(slot) - L3);
            if (r != DropReason.OK) {
                headerError(st, r, slot);
                return;
            }
            pool.setIpv4HeaderChecked(slot); // a forwarded frame needs no new check at the next hop's ip_rcv
        }
        int total = Ipv4View.totalLength(b, L3);
        PacketFilter f = ns.filter();
        String preComment = null;
        if (f != null) {
            slot = pool.writable(slot);
            b = pool.buf(slot);
            int v = f.hook(PacketFilter.PREROUTING, slot, b, L3, total, inIf, 0, now);
            if (v != PacketFilter.ACCEPT) {
                rejected(f, v, slot, inIf, true, now);
                return;
            }
            preComment = f.lastVerdictComment();
        }
        if (pool.len(slot) != L3 + total) {
            slot = pool.writable(slot); // pskb_trim_rcsum: the Ethernet padding goes
            pool.setLen(slot, L3 + total);
            b = pool.buf(slot);
        }
        int dst = Ipv4View.dst(b, L3);
        if (ns.addresses().isLocal(dst) || (inIf == LO && (dst >>> 24) == 127)) {
            deliver(inIf, slot, false, !l2Host, now);
        } else {
            notLocal(inIf, slot, dst, l2Host, preComment, now);
        }
    }

    /** ip_rcv_core's drops: a header that fails {@link Ipv4View#check}, counted as the kernel does. */
    private void headerError(IpStats st, DropReason r, int slot) {
        if (r == DropReason.TOTAL_LENGTH_EXCEEDS_FRAME) {
            st.inc(Mib.IpExtInTruncatedPkts);
        } else {
            if (r == DropReason.BAD_IP_CHECKSUM) {
                st.inc(Mib.IpExtInCsumErrors);
            }
            st.inc(Mib.IpInHdrErrors);
        }
        pool.release(slot);
    }

    /** The routing decision for a destination that is none of this host's addresses. */
    private void notLocal(int inIf, int slot, int dst, boolean l2Host, String preComment, long now) {
        IpStats st = ns.stats();
        if (dst == -1 || ns.addresses().isSubnetBroadcast(dst)) {
            deliver(inIf, slot, true, true, now);
        } else if ((dst >>> 28) == 0xE || (dst >>> 24) == 127) {
            pool.release(slot); // no multicast listeners; 127/8 from outside is a martian
        } else if (!ns.sysctls().ipForward) {
            st.inc(Mib.IpInAddrErrors); // ip_error for EHOSTUNREACH without forwarding
            pool.release(slot);
        } else if (!l2Host) {
            pool.release(slot); // ip_forward: pkt_type != PACKET_HOST
        } else {
            forward(inIf, slot, preComment, now);
        }
    }

    /** ip_local_deliver: (no reassembly), INPUT, then the protocol handler. */
    private void deliver(int inIf, int slot, boolean bcast, boolean noErrors, long now) {
        byte[] b = pool.buf(slot);
        int total = Ipv4View.totalLength(b, L3);
        if (isFragment(b)) {
            ns.fragmentsDropped++;
            pool.release(slot);
            return;
        }
        PacketFilter f = ns.filter();
        if (f != null) {
            int v = f.hook(PacketFilter.INPUT, slot, b, L3, total, inIf, 0, now);
            if (v != PacketFilter.ACCEPT) {
                rejected(f, v, slot, inIf, true, now);
                return;
            }
        }
        int proto = Ipv4View.protocol(b, L3);
        IpStats st = ns.stats();
        if (proto == Ipv4View.PROTO_ICMP) {
            ns.icmp().input(inIf, b, L3, total, bcast, noErrors, now);
            st.inc(Mib.IpInDelivers);
        } else if (proto == Ipv4View.PROTO_UDP) {
            ns.udp().input(b, L3, total, bcast, noErrors, pool.csumPartial(slot), pool.csumPartialInner(slot), now);
            st.inc(Mib.IpInDelivers);
        } else {
            L4Protocol p = ns.protocol(proto);
            if (p != null) {
                p.input(ns, b, L3, total, inIf, pool.csumPartial(slot), now);
                st.inc(Mib.IpInDelivers);
            } else {
                st.inc(Mib.IpInUnknownProtos);
                ns.icmp().error(b, L3, 3, 2, 0, noErrors, now);
            }
        }
        pool.release(slot);
    }

    private static boolean isFragment(byte[] b) {
        return (((b[L3 + 6] & 0xFF) << 8 | (b[L3 + 7] & 0xFF)) & 0x3FFF) != 0;
    }

    /** ip_forward: route, TTL, MTU, TTL decrement, FORWARD, then output. */
    private void forward(int inIf, int slot, String preComment, long now) {
        IpStats st = ns.stats();
        slot = pool.writable(slot);
        byte[] b = pool.buf(slot);
        int dst = Ipv4View.dst(b, L3);
        // input() forwards only a destination that is not local (nor 127/8), for which route()
        // would skip its local branch; the source address it picks is not needed here.
        if (lookupRoute(dst) < 0 || rIf == LO) {
            notForwarded(st, Mib.IpExtInNoRoutes, 3, 0, 0, slot, now); // ip_error, ENETUNREACH with forwarding on
            return;
        }
        int outIf = rIf;
        int nextHop = rNextHop;
        NetDevice out = ns.deviceByIndex(outIf);
        if ((b[L3 + Ipv4View.TTL_OFFSET] & 0xFF) <= 1) {
            notForwarded(st, Mib.IpInHdrErrors, 11, 0, 0, slot, now); // too_many_hops
            return;
        }
        int total = Ipv4View.totalLength(b, L3);
        if (total > out.mtu()) {
            tooBig(st, out.mtu(), slot, now);
            return;
        }
        Ipv4View.decrementTtl(b, L3);
        pendingComment = preComment;
        PacketFilter f = ns.filter();
        if (f != null) {
            int v = f.hook(PacketFilter.FORWARD, slot, b, L3, total, inIf, outIf, now);
            if (v != PacketFilter.ACCEPT) {
                pendingComment = null;
                rejected(f, v, slot, inIf, true, now);
                return;
            }
            String c = f.lastVerdictComment();
            if (c != null) {
                pendingComment = c;
            }
        }
        st.inc(Mib.IpForwDatagrams);
        postRouting(slot, outIf, nextHop, inIf, false, now);
    }

    /** ip_forward's drops with an ICMP error (type, code, info) and a MIB counter. */
    private void notForwarded(IpStats st, Mib counter, int type, int code, int info, int slot, long now) {
        st.inc(counter);
        ns.icmp().error(pool.buf(slot), L3, type, code, info, false, now);
        pool.release(slot);
    }

    /** Larger than the output's MTU: fragmentation needed (DF) or, unfragmented here, dropped. */
    private void tooBig(IpStats st, int mtu, int slot, long now) {
        st.inc(Mib.IpFragFails);
        byte[] b = pool.buf(slot);
        if ((b[L3 + 6] & 0x40) != 0) {
            ns.icmp().error(b, L3, 3, 4, mtu, false, now);
        } else {
            ns.oversizeDropped++;
        }
        pool.release(slot);
    }

    // ---- send --------------------------------------------------------------------------------

    int send(int src, int dst, int protocol, int ttl, int tos, boolean df, int ipId, byte[] l4, int l4Off, int l4Len,
            long now) {
        return send(src, dst, protocol, ttl, tos, df, ipId, false, l4, l4Off, l4Len, now);
    }

    /**
     * {@code confirmNeigh}: the packet carries its socket's pending neighbour confirmation
     * (skb_set_dst_pending_confirm); ip_finish_output2 confirms the next hop's entry
     * (sock_confirm_neigh) before neighbour output. A return of 0 means the packet got there.
     */
    int send(int src, int dst, int protocol, int ttl, int tos, boolean df, int ipId, boolean confirmNeigh, byte[] l4,
            int l4Off, int l4Len, long now) {
        if (!route(dst)) {
            ns.stats().inc(Mib.IpOutNoRoutes);
            return -Errno.ENETUNREACH;
        }
        int slot = packetSlot(l4Len);
        if (slot < 0) {
            return slot;
        }
        System.arraycopy(l4, l4Off, pool.buf(slot), L4, l4Len);
        return sendBuilt(slot, src, dst, protocol, ttl, tos, df, ipId, confirmNeigh, false, now);
    }

    /** Where a packet's transport header starts in a slot from {@link #packetSlot}. */
    static final int L4 = L3 + Ipv4View.HEADER_LENGTH;

    /** A slot for an IPv4 packet (no options) with {@code l4Len} bytes of payload at {@link #L4}; -EMSGSIZE when too big. */
    int packetSlot(int l4Len) {
        int total = Ipv4View.HEADER_LENGTH + l4Len;
        if (L3 + total > pool.slotSize() || total > 0xFFFF) {
            return -Errno.EMSGSIZE;
        }
        return pool.alloc(L3 + total);
    }

    /**
     * The packet in {@code slot} (from {@link #packetSlot}, its payload written) gets its IPv4
     * header and leaves, right after {@code route(dst)} succeeded. Src 0: the route's.
     */
    int sendBuilt(int slot, int src, int dst, int protocol, int ttl, int tos, boolean df, int ipId, boolean confirmNeigh,
                  boolean innerPartial, long now) {
        if (src == 0) {
            src = rSrc;
        }
        int total = pool.len(slot) - L3;
        if (protocol == Ipv4View.PROTO_UDP || protocol == Ipv4View.PROTO_TCP) {
            // __ip_append_data's csummode and __tcp_v4_send_check: a UDP or TCP packet leaving by a
            // device with checksum offload (every device here is a veth) is CHECKSUM_PARTIAL.
            pool.setCsumPartial(slot);
            if (innerPartial) {
                pool.setCsumPartialInner(slot);
            }
        }
        byte[] b = pool.buf(slot);
        b[L3] = 0x45;
        b[L3 + 1] = (byte) tos;
        b[L3 + 2] = (byte) (total >>> 8);
        b[L3 + 3] = (byte) total;
        int id = ipId >= 0 ? ipId : df ? 0 : ns.nextIpId();
        b[L3 + 4] = (byte) (id >>> 8);
        b[L3 + 5] = (byte) id;
        b[L3 + 6] = (byte) (df ? 0x40 : 0);
        b[L3 + 7] = 0;
        b[L3 + 8] = (byte) (ttl > 0 ? ttl : ns.sysctls().defaultTtl);
        b[L3 + 9] = (byte) protocol;
        b[L3 + 10] = 0;
        b[L3 + 11] = 0;
        io.dockwire.wire.Ipv4Address.write(b, L3 + Ipv4View.SRC_OFFSET, src);
        io.dockwire.wire.Ipv4Address.write(b, L3 + Ipv4View.DST_OFFSET, dst);
        int c = io.dockwire.wire.Checksum.compute(b, L3, Ipv4View.HEADER_LENGTH);
        b[L3 + 10] = (byte) (c >>> 8);
        b[L3 + 11] = (byte) c;
        ns.stats().inc(Mib.IpOutRequests);
        return localOut(slot, confirmNeigh, now);
    }

    /** __ip_local_out after the first route lookup (in the fields): OUTPUT, re-route if NATed, MTU. */
    private int localOut(int slot, boolean confirmNeigh, long now) {
        byte[] b = pool.buf(slot);
        int total = Ipv4View.totalLength(b, L3);
        PacketFilter f = ns.filter();
        if (f != null) {
            int dst = Ipv4View.dst(b, L3);
            int v = f.hook(PacketFilter.OUTPUT, slot, b, L3, total, 0, rIf, now);
            if (v != PacketFilter.ACCEPT) {
                rejected(f, v, slot, rIf, false, now);
                return -Errno.EPERM;
            }
            pendingComment = f.lastVerdictComment();
            int nd = Ipv4View.dst(b, L3);
            if (nd != dst && !route(nd)) { // ip_route_me_harder
                ns.stats().inc(Mib.IpOutNoRoutes);
                pool.release(slot);
                pendingComment = null;
                return -Errno.ENETUNREACH;
            }
        }
        int outIf = rIf;
        if (outIf != LO) {
            NetDevice out = ns.deviceByIndex(outIf);
            if (out == null || total > out.mtu()) {
                ns.stats().inc(Mib.IpFragFails);
                pool.release(slot);
                pendingComment = null;
                return -Errno.EMSGSIZE;
            }
        }
        int rc = postRouting(slot, outIf, rNextHop, 0, confirmNeigh, now);
        return rc;
    }

    /** ip_output / ip_finish_output2: POSTROUTING, then loopback, broadcast or the neighbour. */
    private int postRouting(int slot, int outIf, int nextHop, int inIf, boolean confirmNeigh, long now) {
        byte[] b = pool.buf(slot);
        PacketFilter f = ns.filter();
        if (f != null) {
            int v = f.hook(PacketFilter.POSTROUTING, slot, b, L3, Ipv4View.totalLength(b, L3), inIf, outIf, now);
            if (v != PacketFilter.ACCEPT) {
                rejected(f, v, slot, outIf, false, now);
                pendingComment = null;
                return -Errno.EPERM;
            }
            String c = f.lastVerdictComment();
            if (c != null) {
                pendingComment = c;
            }
        }
        ns.stats().inc(Mib.IpOutTransmits);
        if (outIf == LO) {
            // Loopback: delivered at the same instant, as its own event (netif_rx), never re-entrantly.
            sim.schedule(now, timerHandler, 0, slot);
            pendingComment = null;
            return 0;
        }
        NetDevice out = ns.deviceByIndex(outIf);
        int dst = Ipv4View.dst(b, L3);
        if (dst == -1 || ns.addresses().isSubnetBroadcast(dst)) {
            xmit(out, MacAddress.BROADCAST, slot, now);
        } else {
            ns.neighbours().output(out, nextHop, slot, confirmNeigh, now);
        }
        pendingComment = null;
        return 0;
    }

    /** Writes the Ethernet header and hands the frame to the device. */
    void xmit(NetDevice out, long dstMac, int slot, long now) {
        byte[] b = pool.buf(slot);
        EthernetFrame.dst(b, 0, dstMac);
        EthernetFrame.src(b, 0, out.mac());
        EthernetFrame.etherType(b, 0, EthernetFrame.ETHERTYPE_IPV4);
        String c = pendingComment;
        pendingComment = null;
        out.transmit(slot, now, c);
    }

    /** A DROP or STOLEN verdict: note the drop on the capture (with the filter's comment) and let go. */
    private void rejected(PacketFilter f, int verdict, int slot, int ifindex, boolean framed, long now) {
        String c = f.lastVerdictComment();
        if (verdict == PacketFilter.DROP && c != null) {
            NetDevice d = ns.deviceByIndex(ifindex);
            if (d != null) {
                byte[] b = pool.buf(slot);
                if (!framed) {
                    // Not yet framed (OUTPUT/POSTROUTING): the next hop is unknown, so dst is zero.
                    EthernetFrame.dst(b, 0, 0);
                    EthernetFrame.src(b, 0, d.mac());
                    EthernetFrame.etherType(b, 0, EthernetFrame.ETHERTYPE_IPV4);
                }
                d.captureNote(slot, now, c);
            }
        }
        pool.release(slot);
    }

    /** A looped-back datagram arrives on lo. */
    @Override
    public void onTimer(long now, int kind, long arg) {
        input(LO, (int) arg, true, now);
    }
}
