package io.dockwire.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.wire.Bytes;
import io.dockwire.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the real-Docker tier sets aside as a swarm's control plane, and what it keeps. */
class ControlPlaneTest {
    private static final Set<Integer> HOSTS = ControlPlane.addresses(List.of("192.168.1.10", "192.168.1.11"));

    /** An Ethernet + IPv4 frame from {@code src} to {@code dst} with protocol {@code proto} and {@code l4}. */
    private static byte[] ip(String src, String dst, int proto, byte[] l4) {
        byte[] f = new byte[14 + 20 + l4.length];
        f[12] = 0x08;
        f[14] = 0x45;
        f[14 + 9] = (byte) proto;
        Bytes.put32(f, 14 + 12, Ipv4Address.parse(src));
        Bytes.put32(f, 14 + 16, Ipv4Address.parse(dst));
        System.arraycopy(l4, 0, f, 34, l4.length);
        return f;
    }

    private static byte[] ports(int sport, int dport) {
        return new byte[] {(byte) (sport >>> 8), (byte) sport, (byte) (dport >>> 8), (byte) dport, 0, 8, 0, 0};
    }

    private static byte[] arp(String sender, String target) {
        byte[] f = new byte[42];
        f[12] = 0x08;
        f[13] = 0x06;
        Bytes.put32(f, 14 + 14, Ipv4Address.parse(sender));
        Bytes.put32(f, 14 + 24, Ipv4Address.parse(target));
        return f;
    }

    @Test
    void gossipRaftHostArpAndErrorsAboutThemGoTheDataPlaneStays() {
        byte[] gossip = ip("192.168.1.11", "192.168.1.10", 17, ports(7946, 7946));
        byte[] raft = ip("192.168.1.11", "192.168.1.10", 6, ports(40000, 2377));
        byte[] vxlan = ip("192.168.1.10", "192.168.1.11", 17, ports(50000, 4789));
        byte[] quoted = new byte[8 + 20 + 8];
        quoted[0] = 3;
        quoted[1] = 3;
        System.arraycopy(gossip, 14, quoted, 8, 28);
        byte[] refused = ip("192.168.1.10", "192.168.1.11", 1, quoted);
        byte[] echo = ip("192.168.1.10", "192.168.1.11", 1, new byte[] {8, 0, 0, 0, 0, 1, 0, 1});
        assertTrue(ControlPlane.isControl(gossip, HOSTS));
        assertTrue(ControlPlane.isControl(raft, HOSTS));
        assertTrue(ControlPlane.isControl(refused, HOSTS));
        assertTrue(ControlPlane.isControl(arp("192.168.1.10", "192.168.1.11"), HOSTS));
        assertFalse(ControlPlane.isControl(vxlan, HOSTS));
        assertFalse(ControlPlane.isControl(echo, HOSTS));
        assertFalse(ControlPlane.isControl(arp("192.168.1.20", "192.168.1.10"), HOSTS));
        Map<String, List<byte[]>> frames = new TreeMap<>();
        frames.put("manager:eth0", new ArrayList<>(List.of(gossip, vxlan, refused)));
        frames.put("lan:client", new ArrayList<>(List.of(raft)));
        assertEquals(3, ControlPlane.drop(frames, HOSTS));
        assertEquals(Set.of("manager:eth0"), frames.keySet()); // an interface left with nothing goes
        assertEquals(1, frames.get("manager:eth0").size());
    }
}
