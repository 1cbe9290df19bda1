package io.dockwire.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.trace.CapturedFrame;
import io.dockwire.trace.PcapngReader;
import io.dockwire.wire.FrameSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelftestCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryHopOfArpAndPingWithNamedInterfaces() throws Exception {
        Path out = dir.resolve("s.pcapng");
        assertEquals(0, Main.execute("selftest", "-o", out.toString()));
        List<CapturedFrame> frames = PcapngReader.readAll(Files.readAllBytes(out));
        // ARP request: c1:eth0 -> its veth -> flooded to docker0 (host) and c2's veth -> c2:eth0.
        // Reply, request and reply: 4 hops each (learned unicast, never reaching docker0).
        assertEquals(5 + 4 + 4 + 4, frames.size());
        assertEquals("c1:eth0", frames.get(0).interfaceName());
        assertEquals("ARP, Request who-has 172.17.0.3 tell 172.17.0.2, length 28",
                FrameSummary.describe(frames.get(0).data()));
        assertTrue(frames.stream().noneMatch(f -> f.interfaceName().equals("docker0")
                && FrameSummary.describe(f.data()).contains("ICMP")), "bridged unicast never reaches docker0 (-p)");
        assertEquals("IP 172.17.0.3 > 172.17.0.2: ICMP echo reply, id 1, seq 1, length 64",
                FrameSummary.describe(frames.get(frames.size() - 1).data()));
    }

    @Test
    void sameSeedGivesByteIdenticalCapture() throws Exception {
        Path a = dir.resolve("a.pcapng");
        Path b = dir.resolve("b.pcapng");
        assertEquals(0, Main.execute("selftest", "-o", a.toString(), "--seed", "7"));
        assertEquals(0, Main.execute("selftest", "-o", b.toString(), "--seed", "7"));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void unwritableOutputIsAOneLineErrorWithExitCode1() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertEquals(1, Main.execute("selftest", "-o", blocker.resolve("sub/out.pcapng").toString()));
    }
}
