package io.dockwire.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.dockwire.testing.Tshark;

/**
 * Checks our files with Wireshark's own tools. Skipped when tshark/capinfos are missing, unless
 * DOCKWIRE_REQUIRE_TSHARK=1 (CI), where a missing tool is a failure.
 */
class WiresharkValidationTest {
    private static final String FILTER =
            "_ws.malformed || _ws.expert.severity >= warning || ip.checksum.status == \"Bad\"";
    private static final long T0 = 1_700_000_000_000_000_000L; // simulated epoch, ns

    @BeforeAll
    static void toolsPresent() {
        Tshark.assumePresent();
    }

    /** ARP and a ping between container c1 and the docker0 gateway, seen at each hop. */
    private static void capture(CaptureSink sink) {
        int c1 = sink.addInterface(new CaptureInterface("c1:eth0", "eth0 in container c1", TestFrames.MAC_C1, TestFrames.IP_C1, 16));
        int veth = sink.addInterface(CaptureInterface.named("veth1a2b3c4", 0x9A0B1C2D3E4FL));
        int br = sink.addInterface(new CaptureInterface("docker0", "bridge", TestFrames.MAC_GW, TestFrames.IP_GW, 16));
        byte[] arp = TestFrames.arpRequest(TestFrames.MAC_C1, TestFrames.IP_C1, TestFrames.IP_GW);
        byte[] req = TestFrames.icmpEcho(8, TestFrames.MAC_GW, TestFrames.MAC_C1, TestFrames.IP_C1, TestFrames.IP_GW, 0x77, 1);
        byte[] rep = TestFrames.icmpEcho(0, TestFrames.MAC_C1, TestFrames.MAC_GW, TestFrames.IP_GW, TestFrames.IP_C1, 0x77, 1);
        sink.frame(c1, T0, CaptureSink.DIR_OUT, arp, 0, arp.length, "ARP who-has 172.17.0.1");
        sink.frame(veth, T0 + 1, CaptureSink.DIR_IN, arp, 0, arp.length, null);
        sink.frame(br, T0 + 2, CaptureSink.DIR_IN, arp, 0, arp.length, null);
        sink.frame(c1, T0 + 1000, CaptureSink.DIR_OUT, req, 0, req.length, "ping 172.17.0.1");
        sink.frame(veth, T0 + 1001, CaptureSink.DIR_IN, req, 0, req.length, null);
        sink.frame(br, T0 + 1002, CaptureSink.DIR_IN, req, 0, req.length, null);
        sink.frame(br, T0 + 2000, CaptureSink.DIR_OUT, rep, 0, rep.length, "echo reply");
        sink.frame(veth, T0 + 2001, CaptureSink.DIR_OUT, rep, 0, rep.length, null);
        sink.frame(c1, T0 + 2002, CaptureSink.DIR_IN, rep, 0, rep.length, null);
    }

    @Test
    void pcapngIsAcceptedByCapinfosAndTsharkWithNamesAndComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trace.pcapng");
        try (AsyncCaptureSink sink = new AsyncCaptureSink(PcapngWriter.open(file, "0.1"))) {
            capture(sink);
        }
        Tshark.Result info = Tshark.run("capinfos", file.toString());
        assertEquals(0, info.exit(), info.toString());
        for (String name : List.of("c1:eth0", "veth1a2b3c4", "docker0")) {
            assertTrue(info.out().contains("Name = " + name), info.toString());
        }
        assertTrue(info.out().contains("nanoseconds"), info.toString());

        assertHealthy(file);

        Tshark.Result fields = Tshark.run("tshark", "-n", "-r", file.toString(), "-T", "fields",
                "-e", "frame.interface_name", "-e", "frame.comment");
        assertEquals(0, fields.exit(), fields.toString());
        assertEquals(List.of(
                "c1:eth0\tARP who-has 172.17.0.1", "veth1a2b3c4\t", "docker0\t",
                "c1:eth0\tping 172.17.0.1", "veth1a2b3c4\t", "docker0\t",
                "docker0\techo reply", "veth1a2b3c4\t", "c1:eth0\t"), fields.lines());

        Tshark.Result dirs = Tshark.run("tshark", "-n", "-r", file.toString(), "-T", "fields", "-e", "frame.packet_flags_direction");
        // tshark prints the direction bits in hex; how many digits varies between versions
        assertEquals(List.of(2L, 1L, 1L, 2L, 1L, 1L, 2L, 2L, 1L),
                dirs.lines().stream().map(Long::decode).collect(Collectors.toList()), dirs.toString());
    }

    @Test
    void pcapngWrittenInChunksSmallerThanItsBlocksIsAcceptedByTshark(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chunked.pcapng");
        byte[] jumbo = TestFrames.icmpEcho(8, TestFrames.MAC_GW, TestFrames.MAC_C1, TestFrames.IP_C1, TestFrames.IP_GW,
                0x78, 1, 8972); // a 9000-byte IP packet, 140 chunks long
        // 100-byte buffers: nearly every block is cut across chunks, the writer thread writes them one by one.
        try (AsyncCaptureSink sink = new AsyncCaptureSink(new PcapngWriter(FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), "0.1", null, PcapngWriter.DEFAULT_SNAPLEN, 100), 8, 9216)) {
            capture(sink);
            for (int i = 0; i < 20; i++) {
                sink.frame(0, T0 + 3000 + i, CaptureSink.DIR_OUT, jumbo, 0, jumbo.length, i % 2 == 0 ? "jumbo → " + i : null);
            }
        }
        assertHealthy(file);
        Tshark.Result fields = Tshark.run("tshark", "-n", "-r", file.toString(), "-T", "fields", "-e", "frame.len",
                "-e", "frame.comment");
        assertEquals(0, fields.exit(), fields.toString());
        assertEquals(29, fields.lines().size(), fields.toString());
        assertEquals("9014\tjumbo → 18", fields.lines().get(27));
    }

    @Test
    void classicPcapFilesAreAcceptedByCapinfosAndTshark(@TempDir Path dir) throws Exception {
        List<Path> files;
        try (PcapDirectorySink sink = new PcapDirectorySink(dir)) {
            capture(sink);
            files = sink.files();
        }
        assertEquals(dir.resolve("c1_eth0.pcap"), files.get(0));
        for (Path file : files) {
            Tshark.Result info = Tshark.run("capinfos", file.toString());
            assertEquals(0, info.exit(), info.toString());
            assertTrue(info.out().contains("Number of packets:   3") || info.out().matches("(?s).*Number of packets:\\s+3\\b.*"),
                    info.toString());
            assertHealthy(file);
            Tshark.Result times = Tshark.run("tshark", "-n", "-r", file.toString(), "-T", "fields", "-e", "frame.time_epoch");
            assertTrue(times.lines().get(0).startsWith("1700000000.000000"), times.toString());
        }
    }

    @Test
    void healthCheckFlagsABadIpChecksumSoItIsNotVacuous(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.pcapng");
        byte[] req = TestFrames.icmpEcho(8, TestFrames.MAC_GW, TestFrames.MAC_C1, TestFrames.IP_C1, TestFrames.IP_GW, 1, 1);
        req[25] ^= 1; // break the IPv4 header checksum
        try (PcapngWriter w = PcapngWriter.open(file, "0.1")) {
            w.addInterface(CaptureInterface.named("docker0", -1));
            w.frame(0, T0, CaptureSink.DIR_IN, req, 0, req.length, null);
        }
        assertEquals(1, healthCheck(file).lines().size());
    }

    private static Tshark.Result healthCheck(Path file) throws Exception {
        return Tshark.run("tshark", "-n", "-r", file.toString(), "-o", "ip.check_checksum:TRUE",
                "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-Y", FILTER);
    }

    private static void assertHealthy(Path file) throws Exception {
        Tshark.Result check = healthCheck(file);
        assertEquals(0, check.exit(), check.toString());
        assertEquals("", check.out().trim(), check.toString());
        assertEquals("", check.err().trim(), check.toString());
    }
}
