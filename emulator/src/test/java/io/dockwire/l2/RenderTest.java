package io.dockwire.l2;

import io.dockwire.link.IpLink;
import io.dockwire.link.VethPair;
import io.dockwire.link.World;
import io.dockwire.testing.Frames;
import io.dockwire.wire.MacAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Renderings against the real tool output in shared/reference/real-outputs.md. */
class RenderTest {
    private final World world = new World();

    private VethPair container(Bridge br, String hostName, String ns, String hostMac, String ethMac) {
        VethPair p = world.vethPair(hostName, null, "eth0", ns);
        p.a().setMac(MacAddress.parse(hostMac));
        p.b().setMac(MacAddress.parse(ethMac));
        br.addPort(p.a());
        return p;
    }

    @Test
    void fdbShowMatchesIproute2() {
        Bridge docker0 = new Bridge(world, "docker0");
        VethPair c1 = container(docker0, "vethc100001", "c1", "1a:fb:42:b0:69:7e", "02:42:ac:11:00:02");
        VethPair c2 = container(docker0, "vethc200002", "c2", "be:ba:e0:db:9e:3f", "02:42:ac:11:00:03");
        // The multicast groups (self permanent) are the ones the kernel joins for a bridge and a port.
        for (VethPair p : List.of(c1, c2)) {
            world.transmitAt(p.b(), 0, Frames.eth(MacAddress.BROADCAST, p.b().mac(), 60));
        }
        world.sim().runUntilQuiet();
        assertEquals("""
                33:33:00:00:00:01 dev docker0 self permanent
                01:00:5e:00:00:6a dev docker0 self permanent
                33:33:00:00:00:6a dev docker0 self permanent
                01:00:5e:00:00:01 dev docker0 self permanent
                02:42:ac:11:00:02 dev vethc100001 master docker0\s
                1a:fb:42:b0:69:7e dev vethc100001 master docker0 permanent
                33:33:00:00:00:01 dev vethc100001 self permanent
                01:00:5e:00:00:01 dev vethc100001 self permanent
                02:42:ac:11:00:03 dev vethc200002 master docker0\s
                be:ba:e0:db:9e:3f dev vethc200002 master docker0 permanent
                33:33:00:00:00:01 dev vethc200002 self permanent
                01:00:5e:00:00:01 dev vethc200002 self permanent
                """, BridgeTools.fdbShow(docker0, world.now()));
        // The bridge took its lowest port's MAC, as Linux does for a bridge without an explicit one.
        assertEquals("1a:fb:42:b0:69:7e", MacAddress.toString(docker0.mac()));
    }

    @Test
    void fdbShowListsAnExplicitBridgeMacAndHidesExpiredEntries() {
        Bridge br = new Bridge(world, "br0");
        br.setMac(MacAddress.parse("02:42:00:00:00:01"));
        VethPair c1 = container(br, "veth1", "c1", "0a:00:00:00:00:01", "02:42:ac:11:00:02");
        world.transmitAt(c1.b(), 0, Frames.eth(MacAddress.BROADCAST, c1.b().mac(), 60));
        world.sim().runUntilQuiet();
        world.sim().runFor(Bridge.DEFAULT_AGEING_NS);
        // Without a list of their own, devices show the groups the kernel joins for them.
        assertEquals("""
                33:33:00:00:00:01 dev br0 self permanent
                01:00:5e:00:00:6a dev br0 self permanent
                33:33:00:00:00:6a dev br0 self permanent
                01:00:5e:00:00:01 dev br0 self permanent
                02:42:00:00:00:01 dev br0 master br0 permanent
                0a:00:00:00:00:01 dev veth1 master br0 permanent
                33:33:00:00:00:01 dev veth1 self permanent
                01:00:5e:00:00:01 dev veth1 self permanent
                """, BridgeTools.fdbShow(br, world.now()));
    }

    @Test
    void brctlShowMatchesBridgeUtils() {
        Bridge docker0 = new Bridge(world, "docker0");
        Bridge a = new Bridge(world, "br-aaaaaaaaaaaa");
        Bridge b = new Bridge(world, "br-bbbbbbbbbbbb");
        Bridge empty = new Bridge(world, "br-empty");
        empty.setMac(MacAddress.parse("02:42:00:00:00:09"));
        container(docker0, "vethc200002", "c2", "be:ba:e0:db:9e:3f", "02:42:ac:11:00:03");
        container(docker0, "vethc100001", "c1", "1a:fb:42:b0:69:7e", "02:42:ac:11:00:02");
        container(a, "vetha100003", "a1", "1a:62:61:eb:42:dd", "02:42:ac:12:00:02");
        container(a, "vethm000004", "m", "16:29:25:13:f7:b7", "02:42:ac:12:00:03");
        container(b, "vethb100005", "b1", "7a:2e:6f:30:8f:87", "02:42:ac:13:00:02");
        world.vethPair("vethm100006", null, "eth1", "m").a().setMac(MacAddress.parse("22:6d:2d:1b:84:70"));
        b.addPort(world.device("vethm100006"));
        assertEquals("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"
                + "br-aaaaaaaaaaaa\t\t8000.16292513f7b7\tno\t\tvetha100003\n"
                + "\t\t\t\t\t\t\tvethm000004\n"
                + "br-bbbbbbbbbbbb\t\t8000.226d2d1b8470\tno\t\tvethb100005\n"
                + "\t\t\t\t\t\t\tvethm100006\n"
                + "br-empty\t\t8000.024200000009\tno\t\t\n"
                + "docker0\t\t8000.1afb42b0697e\tno\t\tvethc100001\n"
                + "\t\t\t\t\t\t\tvethc200002\n", BridgeTools.brctlShow(List.of(docker0, a, b, empty)));
    }

    @Test
    void ipLinkMatchesIproute2() {
        world.setRootNamespaceName("dh");
        Bridge docker0 = new Bridge(world, "docker0");                                     // 1
        // 2 in the root namespace; eth0 is the first device of c1's own numbering (a bare world has no lo).
        VethPair c1 = container(docker0, "vethc100001", "c1", "1a:fb:42:b0:69:7e", "02:42:ac:11:00:02"); // 2, 1
        assertEquals("2: vethc100001@if1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0"
                + " state UP mode DEFAULT group default qlen 1000\n"
                + "    link/ether 1a:fb:42:b0:69:7e brd ff:ff:ff:ff:ff:ff link-netns c1", IpLink.render(c1.a(), true));
        assertEquals("1: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n"
                + "    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff link-netns dh", IpLink.render(c1.b(), false));
        assertEquals("1: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n"
                + "    link/ether 1a:fb:42:b0:69:7e brd ff:ff:ff:ff:ff:ff", IpLink.render(docker0, false));
        c1.b().setUp(false);
        // No M-DOWN: iproute2 looks the peer's flags up only when it is in the same namespace.
        assertEquals("2: vethc100001@if1: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue master docker0"
                + " state LOWERLAYERDOWN mode DEFAULT group default qlen 1000\n"
                + "    link/ether 1a:fb:42:b0:69:7e brd ff:ff:ff:ff:ff:ff link-netns c1", IpLink.render(c1.a(), true));
        assertEquals("1: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default qlen 1000\n"
                + "    link/ether 1a:fb:42:b0:69:7e brd ff:ff:ff:ff:ff:ff", IpLink.render(docker0, false));
        assertEquals("1: eth0@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"
                + "    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff link-netns dh", IpLink.render(c1.b(), true));
    }
}
