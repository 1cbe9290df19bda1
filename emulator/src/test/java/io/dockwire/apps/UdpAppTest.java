package io.dockwire.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** nc -u and docker-proxy's UDP relay. */
class UdpAppTest {
    private final World w = new World(1);

    @Test
    void udpNetcatPairExchangesOneDatagramEachWayAndIdlesOut() {
        AppProcess server = w.start("c1", AppEnv.busybox().withStdin("pong\n"), "nc -u -l -p 5000 -w 2");
        long t0 = w.now();
        AppProcess client = w.run("c2", AppEnv.gnu().withStdin("ping\n"), "nc -u -w 1 172.17.0.2 5000");
        assertEquals("pong\n", client.stdout());
        assertEquals(0, client.exitCode());
        w.await(server);
        assertEquals("ping\n", server.stdout());
        assertEquals(0, server.exitCode());
        assertTrue(w.now() - t0 < 3 * World.S);
    }

    @Test
    void udpToAClosedPortEndsOnThePortUnreachable() {
        AppProcess client = w.run("c2", AppEnv.gnu().withStdin("x"), "nc -u -w 5 172.17.0.2 9");
        assertEquals(1, client.exitCode());
        List<String> f = w.sink.summaries("c2:eth0");
        assertTrue(f.stream().anyMatch(s -> s.contains("ICMP 172.17.0.2 udp port 9 unreachable")), f.toString());
    }

    @Test
    void udpProbeSucceedsUnlessAPortUnreachableComesBack() {
        AppProcess closed = w.run("c2", AppEnv.gnu(), "nc -zuv 172.17.0.2 53");
        assertEquals("", closed.stderr());
        assertEquals(1, closed.exitCode());
        assertEquals(0, w.k.find("c1").ns().udpOpen((s, a, b, c, d, e, f, g, h) -> { }).bind(0, 53));
        AppProcess open = w.run("c2", AppEnv.gnu(), "nc -zuv 172.17.0.2 53");
        assertEquals("Connection to 172.17.0.2 53 port [udp/domain] succeeded!\n", open.stderr());
        assertEquals(0, open.exitCode());
    }

    @Test
    void dockerProxyRelaysUdpFromTheGatewayAddress() {
        AppProcess server = w.start("c1", AppEnv.gnu().withStdin("answer"), "nc -u -l -p 53 -w 5");
        DockerUdpProxy proxy = DockerUdpProxy.start(w.k, null, "0.0.0.0", 5353, "172.17.0.2", 53);
        AppProcess client = w.run(null, AppEnv.gnu().withStdin("question"), "nc -u -w 1 127.0.0.1 5353");
        assertEquals("answer", client.stdout());
        assertEquals(1, proxy.flows());
        w.await(server);
        assertEquals("question", server.stdout());
        List<String> f = w.sink.summaries("vethc1");
        assertTrue(f.stream().anyMatch(s -> s.startsWith("IP 172.17.0.1.") && s.contains(" > 172.17.0.2.53: ")),
                f.toString());
        w.k.sim().runFor(91 * World.S);
        assertEquals(0, proxy.flows());
    }
}
