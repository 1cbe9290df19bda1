package io.dockwire.export;

import io.dockwire.wire.ArpView;
import io.dockwire.wire.Bytes;
import io.dockwire.wire.EthernetFrame;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A swarm's control plane as the real-Docker tier sets it aside: dockwire keeps the swarm as state
 * and sends none of its frames (traces/README.md), while real nodes talk all the time - raft and
 * the dispatcher over TLS on TCP 2377, gossip on TCP and UDP 7946 - at moments no emulator could
 * reproduce. Those frames go from both sides before the comparison, and so do ARP frames between
 * two Docker hosts: the control plane resolves the hosts' addresses long before the first VXLAN
 * frame, which on dockwire's side asks for them instead; and ICMP errors about control-plane
 * packets (a node that left refuses its peers' gossip). All are counted in the report; the
 * counters of the nat rules the control plane's connections cross are not compared.
 */
final class ControlPlane {
    static final Set<Integer> PORTS = Set.of(2377, 7946);
    /**
     * The nat rules every new control-plane connection to a host crosses (to DOCKER for local
     * destinations), as {@code iptables -L -n -v -x} lists them: their counters are set aside.
     */
    static final java.util.regex.Pattern LOCAL_COUNTERS = java.util.regex.Pattern.compile(
            "(?m)^ *\\d+ +\\d+( +DOCKER .*ADDRTYPE match dst-type LOCAL.*)$");

    private ControlPlane() {
    }

    /** Removes the control plane's frames from {@code frames}; returns how many went. */
    static int drop(Map<String, List<byte[]>> frames, Set<Integer> hostAddresses) {
        int n = 0;
        for (List<byte[]> l : frames.values()) {
            int before = l.size();
            l.removeIf(f -> isControl(f, hostAddresses));
            n += before - l.size();
        }
        frames.values().removeIf(List::isEmpty);
        return n;
    }

    static boolean isControl(byte[] f, Set<Integer> hosts) {
        if (f.length < 14) {
            return false;
        }
        int type = EthernetFrame.etherType(f, 0);
        if (type == EthernetFrame.ETHERTYPE_ARP && f.length >= 14 + 28) {
            return hosts.contains(Bytes.i32(f, 14 + ArpView.SENDER_IP_OFFSET))
                    && hosts.contains(Bytes.i32(f, 14 + ArpView.TARGET_IP_OFFSET));
        }
        if (type != EthernetFrame.ETHERTYPE_IPV4 || f.length < 14 + 20) {
            return false;
        }
        return isControlIp(f, 14, true);
    }

    /**
     * The IPv4 packet at {@code ip}: TCP or UDP from or to a control-plane port; with
     * {@code errors}, also an ICMP error about one (a node that left answers its peers' gossip
     * with port unreachable until they notice).
     */
    private static boolean isControlIp(byte[] f, int ip, boolean errors) {
        if (f.length < ip + 20 || (f[ip] & 0xF0) != 0x40) {
            return false;
        }
        int proto = Ipv4View.protocol(f, ip);
        int l4 = ip + Ipv4View.headerLength(f, ip);
        if (errors && proto == Ipv4View.PROTO_ICMP && f.length >= l4 + 8) {
            int type = f[l4] & 0xFF;
            return (type == 3 || type == 11 || type == 12) && isControlIp(f, l4 + 8, false);
        }
        if (proto != Ipv4View.PROTO_TCP && proto != Ipv4View.PROTO_UDP) {
            return false;
        }
        return f.length >= l4 + 4 && (PORTS.contains(Bytes.u16(f, l4)) || PORTS.contains(Bytes.u16(f, l4 + 2)));
    }

    /** The Docker hosts' LAN addresses, as ints. */
    static Set<Integer> addresses(List<String> dotted) {
        java.util.Set<Integer> s = new java.util.HashSet<>();
        for (String a : dotted) {
            s.add(Ipv4Address.parse(a));
        }
        return s;
    }
}
