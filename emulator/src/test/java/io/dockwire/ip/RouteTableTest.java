package io.dockwire.ip;

import static io.dockwire.wire.Ipv4Address.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final int ETH0 = 2;
    private static final int DOCKER0 = 3;
    private static final int BR_A = 4;

    private static String dev(int ifindex) {
        return switch (ifindex) {
            case ETH0 -> "eth0";
            case DOCKER0 -> "docker0";
            case BR_A -> "br-aaaaaaaaaaaa";
            default -> "if" + ifindex;
        };
    }

    @Test
    void longestPrefixWinsOverDefault() {
        RouteTable t = new RouteTable();
        t.addDefault(parse("192.168.1.1"), ETH0);
        t.addConnected(parse("192.168.1.10"), 24, ETH0);
        t.addConnected(parse("172.17.0.1"), 16, DOCKER0);

        int r = t.lookup(parse("172.17.0.3"));
        assertEquals(DOCKER0, t.ifindex(r));
        assertEquals(parse("172.17.0.3"), t.nextHop(r, parse("172.17.0.3")));

        r = t.lookup(parse("8.8.8.8"));
        assertEquals(ETH0, t.ifindex(r));
        assertEquals(parse("192.168.1.1"), t.nextHop(r, parse("8.8.8.8")));
    }

    @Test
    void noRouteGivesMinusOne() {
        RouteTable t = new RouteTable();
        t.addConnected(parse("172.17.0.2"), 16, ETH0);
        assertEquals(-1, t.lookup(parse("10.0.0.1")));
    }

    @Test
    void duplicateRouteIsRefusedLikeRtnetlink() {
        RouteTable t = new RouteTable();
        t.addConnected(parse("172.17.0.2"), 16, ETH0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.addConnected(parse("172.17.0.9"), 16, ETH0));
        assertEquals("RTNETLINK answers: File exists", e.getMessage());
    }

    @Test
    void removingADeviceDropsItsRoutesOnly() {
        RouteTable t = new RouteTable();
        t.addConnected(parse("172.17.0.1"), 16, DOCKER0);
        t.addConnected(parse("192.168.1.10"), 24, ETH0);
        t.removeDevice(DOCKER0);
        assertEquals(1, t.size());
        assertEquals(-1, t.lookup(parse("172.17.0.2")));
    }

    @Test
    void rendersHostRoutesLikeIproute2() {
        RouteTable t = new RouteTable();
        t.addConnected(parse("192.168.1.10"), 24, ETH0);
        t.addConnected(parse("172.18.0.1"), 16, BR_A);
        t.addConnected(parse("172.17.0.1"), 16, DOCKER0);
        assertEquals("""
                172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 \n\
                172.18.0.0/16 dev br-aaaaaaaaaaaa proto kernel scope link src 172.18.0.1 \n\
                192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.10 \n""",
                t.render(RouteTableTest::dev));
    }

    @Test
    void rendersContainerRoutesLikeIproute2() {
        RouteTable t = new RouteTable();
        t.addConnected(parse("172.17.0.2"), 16, ETH0);
        t.addDefault(parse("172.17.0.1"), ETH0);
        assertEquals("default via 172.17.0.1 dev eth0 \n"
                + "172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 \n", t.render(RouteTableTest::dev));
    }
}
