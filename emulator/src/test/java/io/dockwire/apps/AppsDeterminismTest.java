package io.dockwire.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same seed gives the same transcript and the same capture, byte for byte. */
class AppsDeterminismTest {
    private record Run(String transcript, long captureHash) {
    }

    private static Run scenario(long seed) {
        World w = new World(seed);
        HttpServer.start(w.k, "c1", Site.NGINX);
        DockerProxy.start(w.k, null, "0.0.0.0", 8080, "172.17.0.2", 80);
        DnsServer.embedded(w.k, "a1", Map.of("a2", "172.18.0.3"), List.of("192.168.1.20"), true);
        DnsServer.internet(w.k, "ext", "192.168.1.20");
        AppEnv alpine = AppEnv.busybox().withNameservers("127.0.0.11");
        StringBuilder sb = new StringBuilder();
        for (AppProcess p : List.of(
                w.run("c1", AppEnv.gnu(), "ping -c 3 -i 0.2 172.17.0.3"),
                w.run("ext", AppEnv.gnu(), "curl -s -w %{http_code} http://192.168.1.10:8080/"),
                w.run(null, AppEnv.gnu(), "curl -s -o /dev/null -w %{http_code} http://localhost:8080/"),
                w.run("c2", AppEnv.busybox(), "wget -O - http://172.17.0.2/"),
                w.run("a1", alpine, "nslookup a2"),
                w.run("a1", alpine, "nslookup google.com"),
                w.run("a1", alpine, "ping -c 2 a2"))) {
            sb.append(p.stdout()).append(p.stderr()).append(p.exitCode()).append('\n');
        }
        w.k.sim().runUntilQuiet();
        return new Run(sb.toString(), w.sink.hash());
    }

    @Test
    void sameSeedSameTranscriptAndCapture() {
        Run a = scenario(42);
        Run b = scenario(42);
        assertEquals(a.transcript(), b.transcript());
        assertEquals(a.captureHash(), b.captureHash());
    }

    @Test
    void anotherSeedChangesTheWireButNotTheText() {
        Run a = scenario(42);
        Run c = scenario(43);
        // Identifiers, ports and ISNs differ; what the tools print does not depend on them.
        assertNotEquals(a.captureHash(), c.captureHash());
        assertEquals(a.transcript(), c.transcript());
    }
}
