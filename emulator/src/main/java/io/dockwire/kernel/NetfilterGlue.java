package io.dockwire.kernel;

import io.dockwire.ip.NetNamespace;
import io.dockwire.ip.PacketFilter;
import io.dockwire.link.NetDevice;
import io.dockwire.netfilter.Netfilter;
import io.dockwire.netfilter.NetfilterHost;
import io.dockwire.netfilter.NfPacket;
import io.dockwire.netfilter.RejectReplies;
import io.dockwire.netfilter.RejectWith;
import io.dockwire.netfilter.Verdict;
import io.dockwire.l2.Bridge;
import io.dockwire.wire.EthernetFrame;
import io.dockwire.wire.Ipv4View;
import java.util.function.Consumer;

/**
 * Joins one namespace's IP stack ({@link PacketFilter} seam) to its {@link Netfilter}.
 *
 * <p>Netfilter keeps per-packet state across the hooks of one packet (the conntrack reference
 * Linux keeps in {@code skb->_nfct}). A packet here lives in one frame-pool slot from its first
 * hook to its last, so that state is kept per slot: a packet starts at PREROUTING or OUTPUT
 * (re-pointing the slot's {@link NfPacket}, which also returns an unconfirmed entry a dropped
 * earlier packet in that slot left behind) and ends at INPUT, POSTROUTING or a drop. The array
 * grows with the frame pool during warm-up and not after.
 *
 * <p>REJECT replies are built while netfilter runs and sent right after the hook returns, as
 * {@link NetfilterHost#sendReject} asks.
 */
public final class NetfilterGlue implements PacketFilter, NetfilterHost {
    private final NetNamespace ns;
    private final Netfilter nf;
    /** Per frame-pool slot, made on the slot's first packet. */
    private NfPacket[] packets = new NfPacket[64];
    /**
     * A bridged packet passes its three hooks inside {@link #bridged} and is released there, so one
     * NfPacket serves them all (no lookup by buffer).
     */
    private final NfPacket bridgedPacket = new NfPacket();
    private final byte[] reject = new byte[RejectReplies.MAX_ICMP_ERROR];
    private int rejectLen;
    private String note;
    private Consumer<String> log = line -> { };

    public NetfilterGlue(NetNamespace ns) {
        this.ns = ns;
        this.nf = new Netfilter(this);
        ns.setFilter(this);
    }

    public Netfilter netfilter() {
        return nf;
    }

    /** Where LOG lines and conntrack warnings go (the transcript's kernel log). */
    public void setLog(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public int hook(int hook, int slot, byte[] buf, int l3Off, int l3Len, int inIfindex, int outIfindex, long now) {
        if (nf.passive()) {
            // No rule and no tracking anywhere in this namespace: nothing to see or count. All the
            // hooks of one packet run within one event, so no packet is between a skipped hook
            // and a looked-at one when rules change (commands run between events).
            note = null;
            return ACCEPT;
        }
        NfPacket[] ps = packets;
        NfPacket p = slot < ps.length ? ps[slot] : null;
        if (p == null) {
            p = packet(slot);
        }
        if (hook == PREROUTING) {
            p.csumPartial(ns.sim().pool().csumPartial(slot));
        }
        return hook(p, hook, buf, l3Off, l3Len, inIfindex, outIfindex, now);
    }

    private int hook(NfPacket p, int hook, byte[] buf, int l3Off, int l3Len, int inIfindex, int outIfindex, long now) {
        if (hook == PREROUTING || hook == OUTPUT || p.buffer() != buf || p.offset() != l3Off) {
            p.wrap(buf, l3Off, l3Len);
        }
        Verdict v = nf.hook(hook, p, inIfindex, outIfindex, now);
        note = p.note();
        boolean last = v != Verdict.ACCEPT || hook == INPUT || hook == POSTROUTING;
        if (last) {
            p.release();
        }
        if (rejectLen > 0) {
            sendRejectNow(now);
        }
        return switch (v) {
            case ACCEPT -> ACCEPT;
            case DROP -> DROP;
            default -> STOLEN;
        };
    }

    /**
     * br_netfilter for a frame bridge {@code br} forwards between two of its ports: when
     * {@code net.bridge.bridge-nf-call-iptables} is 1 in this namespace, a valid IPv4 packet passes
     * PREROUTING, FORWARD and POSTROUTING with the bridge as both input and output device (what
     * {@code -i docker0 -o docker0} matches), conntrack included; an invalid one is dropped, as
     * br_validate_ipv4 does. Returns the slot, or -1 when dropped.
     */
    public int bridged(Bridge br, int slot, long now) {
        if (!ns.sysctls().bridgeNfCallIptables()) {
            return slot;
        }
        io.dockwire.sim.FramePool pool = ns.sim().pool();
        byte[] b = pool.buf(slot);
        int len = pool.len(slot) - EthernetFrame.HEADER_LENGTH;
        if (EthernetFrame.etherType(b, 0) != EthernetFrame.ETHERTYPE_IPV4) {
            return slot;
        }
        int l3 = EthernetFrame.HEADER_LENGTH;
        if (Ipv4View.check(b, l3, len) != io.dockwire.wire.DropReason.OK) {
            pool.release(slot);
            return -1;
        }
        pool.setIpv4HeaderChecked(slot);
        if (nf.passive()) {
            note = null; // as hook() for each of the three
            return slot;
        }
        NfPacket p = bridgedPacket.wrap(b, l3, Ipv4View.totalLength(b, l3));
        p.csumPartial(pool.csumPartial(slot));
        Verdict v = nf.bridge(p, br.ifindex(), now);
        note = p.note();
        p.release();
        if (rejectLen > 0) {
            sendRejectNow(now);
        }
        if (v != Verdict.ACCEPT) {
            if (note != null) {
                br.captureNote(slot, now, note);
            }
            pool.release(slot);
            return -1;
        }
        return slot;
    }

    /** The slot's NfPacket, made on the slot's first packet. */
    private NfPacket packet(int slot) {
        if (slot >= packets.length) {
            packets = java.util.Arrays.copyOf(packets, Math.max(slot + 1, 2 * packets.length));
        }
        NfPacket p = new NfPacket();
        packets[slot] = p;
        return p;
    }

    @Override
    public String lastVerdictComment() {
        return note;
    }

    // ---- NetfilterHost --------------------------------------------------------------------

    @Override
    public String interfaceName(int ifindex) {
        return ifindex == 0 ? "" : ns.deviceName(ifindex);
    }

    @Override
    public int interfaceNamesVersion() {
        int v = ns.deviceNamesVersion();
        return v == NAMES_UNVERSIONED ? v + 1 : v;
    }

    @Override
    public boolean isLocalAddress(int addr) {
        return ns.isLocalAddress(addr);
    }

    @Override
    public int primaryAddress(int ifindex) {
        NetDevice d = ns.deviceByIndex(ifindex);
        return d == null ? 0 : ns.primaryAddress(d);
    }

    @Override
    public void sendReject(RejectWith with, byte[] packet, int l3Off, int l3Len, int inIfindex) {
        if (with == RejectWith.TCP_RESET) {
            rejectLen = RejectReplies.tcpReset(packet, l3Off, l3Len, reject, 0);
        } else {
            int src = primaryAddress(inIfindex);
            if (src == 0) {
                src = ns.sourceAddressFor(Ipv4View.src(packet, l3Off));
            }
            rejectLen = RejectReplies.icmpUnreachable(packet, l3Off, l3Len, with.icmpCode(), src, reject, 0);
        }
    }

    @Override
    public void log(String line) {
        log.accept(line);
    }

    /** Sends the queued REJECT datagram through the namespace's output path (OUTPUT hook included). */
    private void sendRejectNow(long now) {
        int len = rejectLen;
        rejectLen = 0;
        if (len <= 0) {
            return;
        }
        byte[] b = reject;
        int ihl = Ipv4View.headerLength(b, 0);
        boolean df = (b[6] & 0x40) != 0;
        ns.sendIp(Ipv4View.src(b, 0), Ipv4View.dst(b, 0), Ipv4View.protocol(b, 0), b[8] & 0xFF, b[1] & 0xFF, df,
                ((b[4] & 0xFF) << 8) | (b[5] & 0xFF), b, ihl, len - ihl, now);
    }
}
