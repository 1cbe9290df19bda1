package io.dockwire.conformance;

import io.dockwire.wire.ArpView;
import io.dockwire.wire.EthernetFrame;
import io.dockwire.wire.Icmpv4View;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.MacAddress;
import io.dockwire.wire.TcpView;
import io.dockwire.wire.UdpView;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a frame into one line that keeps what two runs of the same scenario must agree on and
 * drops what legitimately differs between any two runs (linux-behaviour.md, "Normalising two
 * captures"):
 * <ul>
 *   <li>kept: addresses, TTL, DF, protocol, ICMP type/code/seq, TCP flags, window, MSS/wscale/SACK
 *       options, relative seq/ack, payload lengths, ARP operation and addresses; VXLAN's flags,
 *       VNI and the frame it carries (normalized the same way);</li>
 *   <li>dropped: IP ID, checksums (a kernel capture carries unfinished offloaded ones), TCP
 *       timestamp values;</li>
 *   <li>aliased by first appearance: MACs ({@code mac1}, {@code mac2} ... unless a role name is
 *       given), ICMP echo ids, ephemeral ports (>= 32768), TCP initial sequence numbers (seq/ack
 *       are printed relative to each direction's first SYN or first seen seq).</li>
 * </ul>
 * One normalizer per capture (per side): aliases are numbered in that capture's frame order, so
 * the same story told by two captures gives the same lines. Not for the hot path.
 */
public final class FrameNormalizer {
    private final Map<Long, String> macAliases = new HashMap<>();
    private final Map<Integer, String> echoIds = new HashMap<>();
    private final Map<Integer, String> ports = new HashMap<>();
    private final Map<String, Long> isn = new HashMap<>();
    private final Ipv4View ip = new Ipv4View();
    private final TcpView tcp = new TcpView();
    private final UdpView udp = new UdpView();
    private final Icmpv4View icmp = new Icmpv4View();
    private final ArpView arp = new ArpView();
    /** ICMP echo identifiers: aliased by first appearance (true), or not compared at all. */
    private final boolean echoIdAliases;

    public FrameNormalizer() {
        this(true);
    }

    /**
     * {@code echoIdAliases} false: echo identifiers are not compared - BusyBox ping uses its pid,
     * and in containers (a pid namespace each) two pings often have the same one.
     */
    public FrameNormalizer(boolean echoIdAliases) {
        this.echoIdAliases = echoIdAliases;
    }

    /** Gives a MAC a role name ({@code docker0}, {@code c1}) instead of a numbered alias. */
    public FrameNormalizer role(long mac, String name) {
        macAliases.put(mac, name);
        return this;
    }

    public String normalize(byte[] f) {
        if (f.length < EthernetFrame.HEADER_LENGTH) {
            return "truncated ethernet, length " + f.length;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(mac(EthernetFrame.src(f, 0))).append(" > ").append(mac(EthernetFrame.dst(f, 0))).append(", ");
        int type = EthernetFrame.etherType(f, 0);
        int off = EthernetFrame.HEADER_LENGTH;
        int len = f.length - off;
        if (type == EthernetFrame.ETHERTYPE_ARP) {
            arp(sb, f, off, len);
        } else if (type == EthernetFrame.ETHERTYPE_IPV4) {
            ipv4(sb, f, off, len);
        } else {
            sb.append(String.format("ethertype 0x%04x, length %d", type, len));
        }
        return sb.toString();
    }

    private void arp(StringBuilder sb, byte[] f, int off, int len) {
        if (len < ArpView.LENGTH) {
            sb.append("ARP truncated");
            return;
        }
        arp.wrap(f, off, ArpView.LENGTH);
        sb.append("ARP ").append(arp.operation() == ArpView.OP_REQUEST ? "request" : arp.operation() == ArpView.OP_REPLY
                ? "reply" : "op " + arp.operation());
        sb.append(" sender ").append(mac(arp.senderMac())).append(' ').append(Ipv4Address.toString(arp.senderIp()));
        sb.append(" target ").append(mac(arp.targetMac())).append(' ').append(Ipv4Address.toString(arp.targetIp()));
    }

    private void ipv4(StringBuilder sb, byte[] f, int off, int len) {
        if (Ipv4View.check(f, off, len) != io.dockwire.wire.DropReason.OK) {
            sb.append("IPv4 malformed (").append(Ipv4View.check(f, off, len)).append(')');
            return;
        }
        ip.wrap(f, off, len);
        sb.append("IP ").append(Ipv4Address.toString(ip.src())).append(" > ").append(Ipv4Address.toString(ip.dst()));
        sb.append(" ttl ").append(ip.ttl()).append(ip.dontFragment() ? " DF" : "");
        int p = ip.payloadOffset();
        int pl = ip.payloadLength();
        switch (ip.protocol()) {
            case Ipv4View.PROTO_ICMP -> icmp(sb, f, p, pl);
            case Ipv4View.PROTO_TCP -> tcp(sb, f, p, pl, ip.src(), ip.dst());
            case Ipv4View.PROTO_UDP -> udp(sb, f, p, pl);
            default -> sb.append(" proto ").append(ip.protocol()).append(" length ").append(pl);
        }
    }

    private void icmp(StringBuilder sb, byte[] f, int off, int len) {
        if (len < Icmpv4View.HEADER_LENGTH) {
            sb.append(" ICMP truncated");
            return;
        }
        icmp.wrap(f, off, len);
        sb.append(" ICMP ").append(icmp.type()).append('/').append(icmp.code());
        if (icmp.type() == Icmpv4View.TYPE_ECHO_REQUEST || icmp.type() == Icmpv4View.TYPE_ECHO_REPLY) {
            sb.append(" id ").append(echoIdAliases ? alias(echoIds, icmp.identifier(), "id") : "*").append(" seq ")
                    .append(icmp.sequence());
        } else if (icmp.code() == Icmpv4View.CODE_FRAG_NEEDED && icmp.type() == Icmpv4View.TYPE_DEST_UNREACHABLE) {
            sb.append(" mtu ").append(icmp.nextHopMtu());
        }
        sb.append(" length ").append(len - Icmpv4View.HEADER_LENGTH);
    }

    private void udp(StringBuilder sb, byte[] f, int off, int len) {
        if (len < UdpView.HEADER_LENGTH) {
            sb.append(" UDP truncated");
            return;
        }
        udp.wrap(f, off, len);
        sb.append(" UDP ").append(port(udp.srcPort())).append(" > ").append(port(udp.dstPort()))
                .append(" length ").append(len - UdpView.HEADER_LENGTH);
        int v = off + UdpView.HEADER_LENGTH;
        if (udp.dstPort() == VXLAN_PORT && off + len - v >= 8 + EthernetFrame.HEADER_LENGTH) {
            // VXLAN (RFC 7348): flags and VNI, then the carried frame, normalized as any other.
            int vni = (f[v + 4] & 0xFF) << 16 | (f[v + 5] & 0xFF) << 8 | (f[v + 6] & 0xFF);
            sb.append(String.format(" VXLAN flags 0x%02x vni %d [", f[v] & 0xFF, vni))
                    .append(normalize(java.util.Arrays.copyOfRange(f, v + 8, off + len))).append(']');
        }
    }

    /** The IANA VXLAN port (Linux's vxlan and Docker's overlay driver use it). */
    private static final int VXLAN_PORT = 4789;

    private void tcp(StringBuilder sb, byte[] f, int off, int len, int src, int dst) {
        if (len < TcpView.HEADER_LENGTH) {
            sb.append(" TCP truncated");
            return;
        }
        tcp.wrap(f, off, len);
        int flags = tcp.flags();
        String fwd = src + ":" + tcp.srcPort() + ">" + dst + ":" + tcp.dstPort();
        String rev = dst + ":" + tcp.dstPort() + ">" + src + ":" + tcp.srcPort();
        if ((flags & TcpView.SYN) != 0 || !isn.containsKey(fwd)) {
            isn.put(fwd, tcp.seq());
        }
        sb.append(" TCP ").append(port(tcp.srcPort())).append(" > ").append(port(tcp.dstPort()));
        sb.append(" [").append(flags(flags)).append(']');
        sb.append(" seq ").append(rel(tcp.seq(), isn.get(fwd)));
        if ((flags & TcpView.ACK) != 0) {
            Long peer = isn.get(rev);
            sb.append(" ack ").append(peer == null ? "?" : rel(tcp.ack(), peer));
        }
        sb.append(" win ").append(tcp.window());
        io.dockwire.wire.TcpOptions o = io.dockwire.wire.TcpOptions.parse(f, tcp.optionsOffset(), tcp.optionsLength());
        if (o.mss() != io.dockwire.wire.TcpOptions.NO_MSS) {
            sb.append(" mss ").append(o.mss());
        }
        if (o.sackPermitted()) {
            sb.append(" sackOK");
        }
        if (o.timestamps()) {
            sb.append(" TS");
        }
        if (o.windowScale() != io.dockwire.wire.TcpOptions.NO_WSCALE) {
            sb.append(" wscale ").append(o.windowScale());
        }
        sb.append(" length ").append(len - tcp.headerLength());
    }

    private static long rel(long v, long base) {
        return (v - base) & 0xFFFF_FFFFL;
    }

    private static String flags(int f) {
        StringBuilder s = new StringBuilder();
        if ((f & TcpView.SYN) != 0) {
            s.append('S');
        }
        if ((f & TcpView.FIN) != 0) {
            s.append('F');
        }
        if ((f & TcpView.RST) != 0) {
            s.append('R');
        }
        if ((f & TcpView.PSH) != 0) {
            s.append('P');
        }
        if ((f & TcpView.ACK) != 0) {
            s.append('.');
        }
        return s.toString();
    }

    private String port(int p) {
        return p >= 32768 ? alias(ports, p, "eph") : Integer.toString(p);
    }

    private String mac(long m) {
        if (m == MacAddress.BROADCAST) {
            return "broadcast";
        }
        if (m == 0) {
            return "00:00:00:00:00:00";
        }
        return macAliases.computeIfAbsent(m, k -> "mac" + (macAliases.size() + 1));
    }

    private static String alias(Map<Integer, String> map, int value, String prefix) {
        return map.computeIfAbsent(value, k -> prefix + (map.size() + 1));
    }
}
