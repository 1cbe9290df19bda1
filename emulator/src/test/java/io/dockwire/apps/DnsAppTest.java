package io.dockwire.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names: Docker's embedded DNS on a user-defined network, an upstream resolver, nslookup, ping by name. */
class DnsAppTest {
    private final World w = new World(1);
    private final AppEnv alpine = AppEnv.busybox().withNameservers("127.0.0.11");

    private DnsServer embeddedIn(String ns) {
        return DnsServer.embedded(w.k, ns, Map.of("a1", "172.18.0.2", "a2", "172.18.0.3"), List.of("192.168.1.20"), true);
    }

    @Test
    void busyboxPingsAContainerByNameThroughTheEmbeddedDns() {
        DnsServer dns = embeddedIn("a1");
        AppProcess p = w.run("a1", alpine, "ping -c 1 a2");
        assertEquals("""
                PING a2 (172.18.0.3): 56 data bytes
                64 bytes from 172.18.0.3: seq=0 ttl=64 time=0.016 ms

                --- a2 ping statistics ---
                1 packets transmitted, 1 packets received, 0% packet loss
                round-trip min/avg/max = 0.016/0.016/0.016 ms
                """, p.stdout());
        assertEquals(0, p.exitCode());
        assertEquals(2, dns.queries()); // A and AAAA, as getaddrinfo(AF_UNSPEC) asks
        // The query stayed on the container's loopback: the bridge saw only ARP and ICMP.
        assertTrue(w.sink.summaries("a1:eth0").stream().noneMatch(s -> s.contains("UDP") || s.contains(".53")),
                w.sink.summaries("a1:eth0").toString());
    }

    @Test
    void busyboxNslookupOfAContainerName() {
        embeddedIn("a1");
        AppProcess p = w.run("a1", alpine, "nslookup a2");
        assertEquals("Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n"
                + "Non-authoritative answer:\nName:\ta2\nAddress: 172.18.0.3\n\n"
                + "Non-authoritative answer:\n\n", p.stdout());
        assertEquals(0, p.exitCode());
    }

    @Test
    void unknownNamesAreForwardedUpstreamAndComeBackNxdomain() {
        embeddedIn("a1");
        DnsServer upstream = DnsServer.internet(w.k, "ext", "192.168.1.20");
        AppProcess p = w.run("a1", alpine, "nslookup nosuch");
        assertEquals("Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n"
                + "** server can't find nosuch: NXDOMAIN\n\n** server can't find nosuch: NXDOMAIN\n\n", p.stdout());
        assertEquals(1, p.exitCode());
        assertEquals(2, upstream.queries());
        // Forwarded from the container's namespace, masqueraded on the host's uplink.
        assertTrue(w.sink.summaries("ext:eth0").stream().anyMatch(s -> s.startsWith("IP 192.168.1.10.")
                && s.contains(" > 192.168.1.20.53: ")), w.sink.summaries("ext:eth0").toString());
    }

    @Test
    void iputilsPingResolvesAPublicNameThroughTheForwarder() {
        embeddedIn("a1");
        DnsServer.internet(w.k, "ext", "192.168.1.20");
        AppProcess p = w.run("a1", AppEnv.gnu().withNameservers("127.0.0.11"), "ping -c 1 -W 1 google.com");
        assertTrue(p.stdout().startsWith("PING google.com (142.250.206.206) 56(84) bytes of data.\n"), p.stdout());
    }

    @Test
    void defaultBridgeHasNoContainerNames() {
        DnsServer.internet(w.k, "ext", "192.168.1.20");
        AppProcess p = w.run("c1", AppEnv.busybox().withNameservers("192.168.1.20"), "ping -c 1 alpine2");
        assertEquals("ping: bad address 'alpine2'\n", p.stderr());
        assertEquals(1, p.exitCode());
        AppProcess g = w.run("c1", AppEnv.gnu().withNameservers("192.168.1.20"), "ping -c 1 alpine2");
        assertEquals("ping: alpine2: Name or service not known\n", g.stderr());
        assertEquals(2, g.exitCode());
    }

    @Test
    void anUnansweredResolverIsTriedTwiceFiveSecondsApart() {
        w.sh(null, "iptables -I DOCKER-USER -p udp --dport 53 -j DROP");
        DnsServer.internet(w.k, "ext", "192.168.1.20");
        long t0 = w.now();
        AppProcess g = w.run("c1", AppEnv.gnu().withNameservers("192.168.1.20"), "ping -c 1 web");
        assertEquals("ping: web: Temporary failure in name resolution\n", g.stderr());
        assertEquals(2, g.exitCode());
        assertEquals(10 * World.S, w.now() - t0);
        List<String> q = w.sink.summaries("c1:eth0").stream().filter(s -> s.contains(".53: ")).toList();
        // Each try asks A and AAAA back to back from one socket (glibc's sendmmsg); a new socket per try.
        assertEquals(4, q.size(), q.toString());
        String port0 = q.get(0).split(" ")[1];
        assertEquals(port0, q.get(1).split(" ")[1]);
        assertTrue(!port0.equals(q.get(2).split(" ")[1]), q.toString());
        assertEquals(q.get(2).split(" ")[1], q.get(3).split(" ")[1]);
    }

    @Test
    void curlByNameThroughTheEmbeddedDns() {
        embeddedIn("a1");
        HttpServer.start(w.k, "a2", Site.HTTPD);
        AppProcess p = w.run("a1", AppEnv.gnu().withNameservers("127.0.0.11"), "curl -s http://a2/");
        assertEquals(Site.HTTPD_INDEX, p.stdout());
        AppProcess missing = w.run("a1", AppEnv.gnu().withNameservers("127.0.0.11"), "curl http://a3/");
        assertEquals(6, missing.exitCode());
    }

    @Test
    void responsesUseDnsWireFormat() {
        DnsMessage q = DnsMessage.parse(DnsMessage.query(0x1234, "a2", DnsMessage.TYPE_A), 0, 19);
        assertEquals("a2", q.name());
        byte[] r = DnsMessage.response(q, DnsMessage.NOERROR, false, List.of(0xAC120003), 600);
        assertEquals(List.of(0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, // header: QR RD RA, 1 question, 1 answer
                2, 0x61, 0x32, 0, 0, 1, 0, 1, // question echoed
                0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0x02, 0x58, 0, 4, 172, 18, 0, 3), unsigned(r)); // A, TTL 600
        DnsMessage parsed = DnsMessage.parse(r, 0, r.length);
        assertEquals(List.of(0xAC120003), parsed.addrs());
        assertEquals(600, parsed.ttl());
    }

    private static List<Integer> unsigned(byte[] b) {
        List<Integer> out = new java.util.ArrayList<>();
        for (byte x : b) {
            out.add(x & 0xFF);
        }
        return out;
    }
}
