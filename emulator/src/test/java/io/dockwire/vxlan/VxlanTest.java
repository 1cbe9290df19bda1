package io.dockwire.vxlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.apps.AppEnv;
import io.dockwire.apps.AppProcess;
import io.dockwire.apps.Apps;
import io.dockwire.command.CommandResult;
import io.dockwire.kernel.Kernel;
import io.dockwire.sim.Simulator;
import io.dockwire.testing.RecordingSink;
import io.dockwire.wire.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two hosts on a LAN, each with libnetwork's overlay namespace (br0 with the gateway address,
 * vxlan0 made in the host and moved in, a veth to a container): the containers ping each other
 * through VXLAN, the frames on the hosts' NICs are the kernel's (outer TTL 64, DF unset, UDP to
 * 4789 from one flow-hash port used both ways, the checksum on, the I flag and VNI), and no ARP
 * for a container crosses the LAN.
 */
class VxlanTest {
    private final RecordingSink sink = new RecordingSink();
    private final Kernel k = new Kernel(new Simulator(7), sink);

    private void sh(String ns, String line) {
        CommandResult r = k.exec(ns, List.of(line.split(" ")));
        assertEquals(0, r.exitCode(), () -> line + ": " + r.stderr());
    }

    private String out(String ns, String line) {
        CommandResult r = k.exec(ns, List.of(line.split(" ")));
        assertEquals(0, r.exitCode(), () -> line + ": " + r.stderr());
        return r.stdout();
    }

    private void host(String h, int last) {
        sh(null, "ip netns add " + h);
        sh(h, "ip link set lo up");
        sh(null, "ip link add " + h + " type veth peer name eth0 netns " + h);
        sh(null, "ip link set " + h + " master lan");
        sh(null, "ip link set " + h + " up");
        sh(h, "ip link set eth0 up");
        sh(h, "ip addr add 192.168.1." + last + "/24 dev eth0");
        k.emulation().world().addMachineRoot(h); // its namespaces are its own: h/NAME
    }

    /** Host h's overlay namespace ov and container c at 10.0.1.X with its peers. */
    private void overlay(String h, String ov, String c, int x) {
        sh(h, "ip netns add " + ov);
        sh(h, "ip -n " + ov + " link add br0 type bridge");
        sh(h, "ip -n " + ov + " addr add 10.0.1.1/24 dev br0");
        sh(h, "ip -n " + ov + " link set br0 up");
        sh(h, "ip link add vx-001001-abcde mtu 1450 type vxlan id 4097 dstport 4789 proxy l2miss l3miss learning");
        sh(h, "ip link set vx-001001-abcde netns " + ov);
        sh(h, "ip -n " + ov + " link set vx-001001-abcde name vxlan0");
        sh(h, "ip -n " + ov + " link set vxlan0 master br0");
        sh(h, "ip -n " + ov + " link set vxlan0 up");
        sh(h, "ip netns add " + c);
        sh(h, "ip link add veth" + c + " mtu 1450 type veth peer name eth0 netns " + c);
        sh(h, "ip link set veth" + c + " netns " + ov);
        sh(h, "ip -n " + ov + " link set veth" + c + " name veth0");
        sh(h, "ip -n " + ov + " link set veth0 master br0");
        sh(h, "ip -n " + ov + " link set veth0 up");
        sh(h, "ip -n " + c + " link set eth0 mtu 1450");
        sh(h, String.format("ip -n %s link set eth0 address 02:42:0a:00:01:%02x", c, x));
        sh(h, "ip -n " + c + " addr add 10.0.1." + x + "/24 dev eth0");
        sh(h, "ip -n " + c + " link set eth0 up");
    }

    private void peer(String h, String ov, int x, String remote) {
        String mac = String.format("02:42:0a:00:01:%02x", x);
        sh(h, "ip -n " + ov + " neigh add 10.0.1." + x + " lladdr " + mac + " dev vxlan0 nud permanent");
        sh(h + "/" + ov, "bridge fdb append " + mac + " dev vxlan0 dst " + remote + " self permanent");
    }

    /** h1 (.11) with a1 (10.0.1.2) and h2 (.12) with a2 (10.0.1.4), each knowing the other as a peer. */
    private void twoHosts() {
        sh(null, "ip link add lan type bridge");
        sh(null, "ip link set lan up");
        host("h1", 11);
        host("h2", 12);
        overlay("h1", "ov", "a1", 2);
        overlay("h2", "ov", "a2", 4);
        peer("h1", "ov", 4, "192.168.1.12");
        peer("h2", "ov", 2, "192.168.1.11");
    }

    @Test
    void containersOnTwoHostsPingThroughVxlan() {
        twoHosts();
        AppProcess p = Apps.start(k, "h1/a1", List.of("ping", "-c", "1", "10.0.1.4"), AppEnv.busybox());
        assertTrue(Apps.await(k, p, k.sim().now() + 10_000_000_000L));
        assertTrue(p.stdout().contains("1 packets transmitted, 1 packets received"), p.stdout());

        List<RecordingSink.Frame> wire = sink.on("h1:eth0");
        // ARP between the hosts (the outer next hop), then the echo and its reply in VXLAN.
        List<byte[]> vx = wire.stream().map(RecordingSink.Frame::bytes).filter(b -> Bytes.u16(b, 12) == 0x0800).toList();
        assertEquals(2, vx.size());
        byte[] req = vx.get(0);
        byte[] rep = vx.get(1);
        assertEquals(148, req.length);
        assertEquals(64, req[22] & 0xFF);                 // TTL auto: the default 64
        assertEquals(0, req[20] & 0x40);                  // DF unset
        assertEquals(17, req[23]);
        assertEquals(4789, Bytes.u16(req, 36));
        assertEquals(Bytes.u16(req, 34), Bytes.u16(rep, 34)); // one source port for both directions
        int sport = Bytes.u16(req, 34);
        assertTrue(sport >= 32768 && sport < 60999, "sport " + sport);
        // udpcsum: the checksum is on, finished as a NIC puts it on the wire.
        assertTrue(Bytes.u16(req, 40) != 0);
        assertTrue(io.dockwire.wire.Checksum.verifyWithPseudoHeader(req, 34, 114, 0xC0A8010B, 0xC0A8010C, 17));
        assertTrue(io.dockwire.wire.Checksum.verifyWithPseudoHeader(rep, 34, 114, 0xC0A8010C, 0xC0A8010B, 17));
        assertEquals(0x08, req[42]);                      // I flag
        assertEquals(4097, (req[46] & 0xFF) << 16 | (req[47] & 0xFF) << 8 | (req[48] & 0xFF));
        assertEquals(0x0800, Bytes.u16(req, 50 + 12));    // the inner frame is the echo request
        // The container's ARP for 10.0.1.4 was answered by vxlan0's proxy: none on the LAN.
        assertEquals(0, wire.stream().filter(f -> Bytes.u16(f.bytes(), 12) == 0x0806
                && Bytes.i32(f.bytes(), 38) == 0x0A000104).count());
        assertEquals(1, sink.on("h1/a1:eth0").stream().filter(f -> Bytes.u16(f.bytes(), 12) == 0x0806
                && Bytes.u16(f.bytes(), 20) == 2).count());
    }

    @Test
    void fdbShowListsTheTunnelEntriesAndAnUnknownDestinationIsDropped() {
        sh(null, "ip link add lan type bridge");
        sh(null, "ip link set lan up");
        host("h1", 11);
        overlay("h1", "ov", "a1", 2);
        peer("h1", "ov", 4, "192.168.1.12");
        String fdb = out("h1/ov", "bridge fdb show dev vxlan0");
        assertTrue(fdb.contains("02:42:0a:00:01:04 dev vxlan0 dst 192.168.1.12 link-netnsid 0 self permanent\n"), fdb);
        AppProcess p = Apps.start(k, "h1/a1", List.of("ping", "-c", "1", "-W", "1", "10.0.1.9"), AppEnv.busybox());
        assertTrue(Apps.await(k, p, k.sim().now() + 10_000_000_000L));
        assertTrue(p.stdout().contains("0 packets received"), p.stdout());
        assertTrue(sink.on("h1:eth0").isEmpty(), "nothing left the host");
    }

    @Test
    void badVxlanOptionsAreIproute2Errors() {
        CommandResult r = k.exec(null, List.of("ip", "link", "add", "vx0", "type", "vxlan", "dstport", "4789"));
        assertEquals(255, r.exitCode());
        assertEquals("vxlan: missing virtual network identifier\n", r.stderr());
        r = k.exec(null, List.of("ip", "link", "add", "vx0", "type", "vxlan", "id", "x"));
        assertEquals("Error: argument \"x\" is wrong: invalid id\n", r.stderr());
    }

    @Test
    void tcpOverTheOverlayAdvertisesItsMtusMssAndEachDirectionHasItsOwnTunnelPort() {
        twoHosts();
        AppProcess server = Apps.start(k, "h2/a2", List.of("nc", "-l", "-p", "80"), AppEnv.busybox());
        AppProcess client = Apps.start(k, "h1/a1", List.of("nc", "-z", "10.0.1.4", "80"), AppEnv.busybox());
        assertTrue(Apps.await(k, client, k.sim().now() + 10_000_000_000L));
        assertTrue(Apps.await(k, server, k.sim().now() + 10_000_000_000L));
        List<byte[]> syns = sink.on("h2/a2:eth0").stream().map(RecordingSink.Frame::bytes)
                .filter(b -> Bytes.u16(b, 12) == 0x0800 && b[23] == 6 && (b[47] & 0x02) != 0).toList();
        assertEquals(2, syns.size(), "SYN and SYN-ACK");
        for (byte[] syn : syns) {
            // The first option is the MSS: 1450 - 40.
            assertEquals(2, syn[54]);
            assertEquals(1410, Bytes.u16(syn, 56));
        }
        assertEquals(64860, Bytes.u16(syns.get(0), 48)); // 46 x 1410
        List<Integer> ports = sink.on("h1:eth0").stream().map(RecordingSink.Frame::bytes)
                .filter(b -> Bytes.u16(b, 12) == 0x0800 && b[23] == 17).map(b -> Bytes.u16(b, 34)).distinct().toList();
        assertEquals(2, ports.size(), "one source port per direction of the connection: " + ports);
    }
}
