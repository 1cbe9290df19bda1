package io.dockwire.ip;

import io.dockwire.command.CommandResult;
import io.dockwire.wire.MacAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IpCommandTest {
    private static String mac(Net n, String ns, String dev) {
        return MacAddress.toString(ns == null ? n.emu.world().device(dev).mac() : n.dev(ns, dev).mac());
    }

    @Test
    void containerAddrRouteAndNeighRenderAsTheReferenceHost() {
        Net n = Net.docker(1, "c1", "c2");
        n.listen("c1", 1);
        n.ping("c1", "172.17.0.3", 1, 1, 0, Net.MS);
        n.ping("c1", "8.8.8.8", 1, 2, 0, 2 * Net.MS); // via the gateway: resolves 172.17.0.1
        n.run();
        assertEquals("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                2: eth0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff link-netns dh
                    inet 172.17.0.2/16 scope global eth0
                       valid_lft forever preferred_lft forever
                """, n.emu.ipLine("-n c1 addr").stdout());
        assertEquals("""
                default via 172.17.0.1 dev eth0 \n\
                172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 \n\
                """, n.emu.ipLine("-n c1 route").stdout());
        assertEquals("172.17.0.1 dev eth0 lladdr " + mac(n, null, "docker0") + " REACHABLE \n"
                + "172.17.0.3 dev eth0 lladdr 02:42:ac:11:00:03 REACHABLE \n", n.emu.ipLine("-n c1 neigh").stdout());
        assertEquals("172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 \n",
                n.emu.ipLine("r").stdout());
        assertEquals("""
                2: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                    link/ether %s brd ff:ff:ff:ff:ff:ff
                    inet 172.17.0.1/16 scope global docker0
                       valid_lft forever preferred_lft forever
                3: vethc1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default qlen 1000
                    link/ether %s brd ff:ff:ff:ff:ff:ff link-netns c1
                """.formatted(mac(n, null, "docker0"), mac(n, null, "vethc1")),
                String.join("\n", java.util.Arrays.copyOfRange(n.emu.ipLine("a").stdout().split("\n"), 4, 10)) + "\n");
    }

    @Test
    void addressesWithBrdSecondaryAndHostPrefixRenderAsIproute2() {
        Net n = new Net();
        n.ip("netns add t");
        n.ip("-n t link add va type veth peer name vb");
        n.ip("-n t link set vb up");
        n.ip("-n t link set va up");
        n.ip("-n t addr add 10.2.0.1/24 brd + dev vb");
        n.ip("-n t addr add 10.3.0.1 dev vb");
        n.ip("-n t addr add 10.2.0.7/24 dev vb");
        assertEquals("""
                2: vb@va: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                    link/ether %s brd ff:ff:ff:ff:ff:ff
                    inet 10.2.0.1/24 brd 10.2.0.255 scope global vb
                       valid_lft forever preferred_lft forever
                    inet 10.3.0.1/32 scope global vb
                       valid_lft forever preferred_lft forever
                    inet 10.2.0.7/24 scope global secondary vb
                       valid_lft forever preferred_lft forever
                """.formatted(mac(n, "t", "vb")), n.emu.ipLine("-n t addr show dev vb").stdout());
        assertEquals("10.2.0.0/24 dev vb proto kernel scope link src 10.2.0.1 \n", n.emu.ipLine("-n t route").stdout());
        assertEquals("""
                1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                2: vb@va: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                    link/ether %s brd ff:ff:ff:ff:ff:ff
                3: va@vb: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                    link/ether %s brd ff:ff:ff:ff:ff:ff
                """.formatted(mac(n, "t", "vb"), mac(n, "t", "va")), n.emu.ipLine("-n t link").stdout());
    }

    @Test
    void briefFamilyFiltersAndRouteGetAsIproute2PrintsThem() {
        // Formats checked against iproute2 6.1 in a namespace with the same devices on this machine.
        Net n = new Net();
        n.ip("netns add t");
        n.ip("-n t link set lo up");
        n.ip("-n t link add va type veth peer name vb");
        n.ip("-n t link set va up");
        n.ip("-n t link set vb up");
        n.ip("-n t addr add 10.0.0.1/24 brd + dev va");
        assertEquals("lo               UNKNOWN        127.0.0.1/8 \n"
                + "vb@va            UP             \n"
                + "va@vb            UP             10.0.0.1/24 \n", n.emu.ipLine("-n t -br addr").stdout());
        assertEquals("lo               UNKNOWN        127.0.0.1/8 \n"
                + "va@vb            UP             10.0.0.1/24 \n", n.emu.ipLine("-n t -br -4 addr").stdout());
        assertEquals("vb@va            UP             " + mac(n, "t", "vb") + " <BROADCAST,MULTICAST,UP,LOWER_UP> \n",
                n.emu.ipLine("-n t -br link show vb").stdout());
        assertEquals("""
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                3: va@vb: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                    inet 10.0.0.1/24 brd 10.0.0.255 scope global va
                       valid_lft forever preferred_lft forever
                """, n.emu.ipLine("-n t -4 addr").stdout());
        assertEquals("10.0.0.7 dev va src 10.0.0.1 uid 0 \n    cache \n", n.emu.ipLine("-n t route get 10.0.0.7").stdout());
        assertEquals(new CommandResult("", "RTNETLINK answers: Network is unreachable\n", 2),
                n.emu.ipLine("-n t route get 8.8.8.8"));
        assertEquals(new CommandResult("", "dockwire: ip -s is not emulated\n", 1), n.emu.ipLine("-n t -s link"));
    }

    @Test
    void routesAddDeleteAndRenderInKernelOrder() {
        Net n = new Net();
        n.ip("netns add t");
        n.ip("-n t link add va type veth peer name vb");
        n.ip("-n t link set va up");
        n.ip("-n t link set vb up");
        n.ip("-n t addr add 10.1.0.1/16 dev va");
        n.ip("-n t addr add 10.2.0.1/24 dev vb");
        n.ip("-n t route add default via 10.1.0.9");
        n.ip("-n t route add 10.8.0.0/16 dev vb");
        n.ip("-n t route add 10.7.0.0/16 via 10.1.0.7 dev va");
        assertEquals("""
                default via 10.1.0.9 dev va \n\
                10.1.0.0/16 dev va proto kernel scope link src 10.1.0.1 \n\
                10.2.0.0/24 dev vb proto kernel scope link src 10.2.0.1 \n\
                10.7.0.0/16 via 10.1.0.7 dev va \n\
                10.8.0.0/16 dev vb scope link \n\
                """, n.emu.ipLine("-n t route").stdout());
        n.ip("-n t route del 10.8.0.0/16");
        n.ip("-n t route del default");
        n.ip("-n t link set vb down");
        assertEquals("""
                10.1.0.0/16 dev va proto kernel scope link src 10.1.0.1 \n\
                10.7.0.0/16 via 10.1.0.7 dev va \n\
                """, n.emu.ipLine("-n t route show").stdout());
        n.ip("-n t link set vb up");
        assertEquals(3, n.ns("t").routes().size());
    }

    @Test
    void errorsMatchIproute2MessagesAndExitCodes() {
        Net n = new Net();
        n.ip("netns add t");
        n.ip("-n t link add br0 type bridge");
        n.ip("-n t link add va type veth peer name vb");
        n.ip("-n t link set va up");
        n.ip("-n t addr add 10.1.0.1/16 dev va");
        n.ip("-n t route add default via 10.1.0.9");
        List<String[]> cases = List.of(
                new String[] {"-n t link show eth9", "1", "Device \"eth9\" does not exist.\n"},
                new String[] {"-n t addr show dev eth9", "1", "Device \"eth9\" does not exist.\n"},
                new String[] {"-n t addr add 1.2.3.4/24 dev eth9", "1", "Cannot find device \"eth9\"\n"},
                new String[] {"-n t link set eth9 up", "1", "Cannot find device \"eth9\"\n"},
                new String[] {"-n t link del eth9", "1", "Cannot find device \"eth9\"\n"},
                new String[] {"-n t link add br0 type bridge", "2", "RTNETLINK answers: File exists\n"},
                new String[] {"-n t addr add 10.1.0.1/16 dev va", "2", "Error: ipv4: Address already assigned.\n"},
                new String[] {"-n t route add default via 10.9.9.9", "2", "Error: Nexthop has invalid gateway.\n"},
                new String[] {"-n t route add default via 10.1.0.9", "2", "RTNETLINK answers: File exists\n"},
                new String[] {"-n t route add 10.8.0.0/16 via 10.1.0.9 eth9", "255",
                        "Error: either \"to\" is duplicate, or \"eth9\" is a garbage.\n"},
                new String[] {"-n t route add 10.8.0.0/16 via 10.1.0.9 dev eth9", "1", "Cannot find device \"eth9\"\n"},
                new String[] {"-n t route del 10.6.0.0/16", "2", "RTNETLINK answers: No such process\n"},
                new String[] {"-n nope link", "255", "Cannot open network namespace \"nope\": No such file or directory\n"},
                new String[] {"netns add t", "1", "Cannot create namespace file \"/run/netns/t\": File exists\n"},
                new String[] {"foo", "1", "Object \"foo\" is unknown, try \"ip help\".\n"},
                new String[] {"-n t link set va netns nope", "255",
                        "Error: argument \"nope\" is wrong: Invalid \"netns\" value\n\n"},
                new String[] {"-n t link set va bogus", "255",
                        "Error: either \"dev\" is duplicate, or \"bogus\" is a garbage.\n"},
                new String[] {"-n t addr add 10.4.0.1/33 dev vb", "1",
                        "Error: any valid prefix is expected rather than \"10.4.0.1/33\".\n"},
                new String[] {"-n t addr add bogus dev vb", "1", "Error: any valid prefix is expected rather than \"bogus\".\n"},
                new String[] {"-n t route add bogus dev vb", "1", "Error: any valid prefix is expected rather than \"bogus\".\n"});
        for (String[] c : cases) {
            CommandResult r = n.emu.ipLine(c[0]);
            assertEquals(new CommandResult("", c[2], Integer.parseInt(c[1])), r, c[0]);
        }
        assertEquals("t\n", n.emu.ipLine("netns").stdout());
    }

    @Test
    void moveAndRenameKeepIfindexAndRecaptureUnderTheNewName() {
        Net n = new Net();
        n.ip("netns add c1");
        n.ip("link add vethx type veth peer name vethy");
        n.ip("link set vethy netns c1");
        n.ip("-n c1 link set vethy name eth0");
        assertEquals("2: eth0@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"
                + "    link/ether " + mac(n, "c1", "eth0") + " brd ff:ff:ff:ff:ff:ff link-netns dh\n",
                n.emu.ipLine("-n c1 link show eth0").stdout());
        // Declared lazily at its first frame, under the name it has then: none of the old names.
        assertEquals(io.dockwire.link.NetDevice.CAPTURE_PENDING, n.dev("c1", "eth0").captureId());
        assertEquals("c1:eth0", n.emu.world().captureName(n.dev("c1", "eth0")));
        assertEquals(0, n.sink.interfaces.size());
        n.ip("link del vethx");
        assertEquals("", n.emu.ipLine("-n c1 addr").stdout().replaceAll("(?s)1: lo.*", ""));
        assertEquals(0, n.ns("c1").devices().size());
    }

    @Test
    void sameSeedGivesTheSameCaptureAndCounters() {
        long[] hashes = new long[2];
        String[] nstat = new String[2];
        for (int i = 0; i < 2; i++) {
            Net n = Net.docker(42, "c1", "c2");
            n.listen("c1", 5);
            for (int s = 1; s <= 3; s++) {
                n.ping("c1", "172.17.0.3", 5, s, 0, s * Net.S);
            }
            n.ping("c2", "172.17.0.50", 6, 1, 0, Net.S);
            n.run();
            hashes[i] = n.sink.hash();
            nstat[i] = n.ns("c2").nstat() + n.ns("c1").nstat() + n.ns("c1").ipNeigh() + n.ns("c2").ipNeigh();
        }
        assertEquals(hashes[0], hashes[1]);
        assertEquals(nstat[0], nstat[1]);
    }
}
