package io.dockwire.trace;

import static io.dockwire.trace.TestBytes.ascii;
import static io.dockwire.trace.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngWriterTest {

    private static PcapngWriter writer(TestBytes.MemoryChannel ch, int bufferBytes) {
        return new PcapngWriter(ch, "0.1", null, 65535, bufferBytes);
    }

    @Test
    void tinyCaptureMatchesHandWrittenByteLayout() {
        var ch = new TestBytes.MemoryChannel();
        try (PcapngWriter w = writer(ch, 64)) { // a 64-byte buffer forces spills mid-block
            assertEquals(0, w.addInterface(new CaptureInterface("docker0", null, 0x0242AC110001L, 0xAC110001, 16)));
            assertEquals(1, w.addInterface(new CaptureInterface("c1:eth0", "container c1", -1, 0, 0)));
            w.frame(0, 0x1_0000_0002L, CaptureSink.DIR_OUT, new byte[] {9, 1, 2, 3, 4, 5, 9}, 1, 5, "hi");
            w.frame(1, 7, CaptureSink.DIR_IN, new byte[] {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC, (byte) 0xDD}, 0, 4, null);
        }
        byte[] expected = bytes(
                // Section Header Block: type, total length 48, byte-order magic, version 1.0, section length -1
                "0A0D0D0A 30000000 4D3C2B1A 0100 0000 FFFFFFFFFFFFFFFF",
                "0400 0C00", ascii("dockwire 0.1"),            // shb_userappl
                "0000 0000",                                   // opt_endofopt
                "30000000",
                // Interface Description Block: total 68, linktype 1, reserved, snaplen 65535
                "01000000 44000000 0100 0000 FFFF0000",
                "0200 0700", ascii("docker0"), "00",           // if_name, padded
                "0400 0800 AC110001 FFFF0000",                 // if_IPv4addr 172.17.0.1/16
                "0600 0600 0242AC110001 0000",                 // if_MACaddr
                "0900 0100 09 000000",                         // if_tsresol = 9 (ns)
                "0000 0000",
                "44000000",
                // Interface Description Block: total 60
                "01000000 3C000000 0100 0000 FFFF0000",
                "0200 0700", ascii("c1:eth0"), "00",
                "0300 0C00", ascii("container c1"),            // if_description
                "0900 0100 09 000000",
                "0000 0000",
                "3C000000",
                // Enhanced Packet Block: total 60, if 0, ts high 1 / low 2, caplen 5, origlen 5
                "06000000 3C000000 00000000 01000000 02000000 05000000 05000000",
                "0102030405 000000",
                "0200 0400 02000000",                          // epb_flags: outbound
                "0100 0200", ascii("hi"), "0000",              // opt_comment
                "0000 0000",
                "3C000000",
                // Enhanced Packet Block: total 48, if 1, ts 7, caplen 4, origlen 4
                "06000000 30000000 01000000 00000000 07000000 04000000 04000000",
                "AABBCCDD",
                "0200 0400 01000000",                          // epb_flags: inbound
                "0000 0000",
                "30000000");
        assertArrayEquals(expected, ch.bytes());
    }

    @Test
    void packetWithoutDirectionOrCommentHasNoOptions() {
        var ch = new TestBytes.MemoryChannel();
        try (PcapngWriter w = writer(ch, 4096)) {
            w.addInterface(CaptureInterface.named("docker0", -1));
            w.frame(0, 1, CaptureSink.DIR_UNKNOWN, new byte[] {1, 2, 3}, 0, 3, null);
        }
        byte[] all = ch.bytes();
        byte[] epb = java.util.Arrays.copyOfRange(all, all.length - 36, all.length);
        assertArrayEquals(bytes("06000000 24000000 00000000 00000000 01000000 03000000 03000000 010203 00 24000000"), epb);
    }

    @Test
    void shbOsIsWrittenBeforeUserApplicationWhenGiven() {
        var ch = new TestBytes.MemoryChannel();
        new PcapngWriter(ch, "1.2", "Linux", 65535, 4096).close();
        assertArrayEquals(bytes("0A0D0D0A 3C000000 4D3C2B1A 0100 0000 FFFFFFFFFFFFFFFF",
                "0300 0500", ascii("Linux"), "000000",
                "0400 0C00", ascii("dockwire 1.2"),
                "00000000 3C000000"), ch.bytes());
    }

    @Test
    void readerRecoversInterfacesFramesDirectionsCommentsAndLargeTimestamps() {
        var ch = new TestBytes.MemoryChannel();
        byte[] arp = TestFrames.arpRequest(TestFrames.MAC_C1, TestFrames.IP_C1, TestFrames.IP_GW);
        long big = 5_000_000_000_123L; // well beyond 2^32 ns
        try (PcapngWriter w = writer(ch, 100)) {
            w.addInterface(new CaptureInterface("docker0", "bridge", TestFrames.MAC_GW, TestFrames.IP_GW, 16));
            w.addInterface(CaptureInterface.named("veth1a2b3c4", 0x9A0B1C2D3E4FL));
            w.frame(1, big, CaptureSink.DIR_IN, arp, 0, arp.length, "ARP who-has 172.17.0.1");
            w.addInterface(CaptureInterface.named("c1:eth0", TestFrames.MAC_C1)); // declared lazily, mid-capture
            w.frame(2, big + 1, CaptureSink.DIR_OUT, arp, 0, arp.length, "café → 😀");
            w.frame(0, Long.MAX_VALUE, CaptureSink.DIR_UNKNOWN, arp, 0, arp.length, null);
        }
        PcapngReader r = new PcapngReader(ch.bytes());
        List<CapturedFrame> frames = r.readAll();
        assertEquals("dockwire 0.1", r.userApplication());
        assertEquals(List.of(
                new CaptureInterface("docker0", "bridge", TestFrames.MAC_GW, TestFrames.IP_GW, 16),
                CaptureInterface.named("veth1a2b3c4", 0x9A0B1C2D3E4FL),
                CaptureInterface.named("c1:eth0", TestFrames.MAC_C1)), r.interfaces());
        assertEquals(3, frames.size());
        CapturedFrame f0 = frames.get(0);
        assertEquals(1, f0.interfaceId());
        assertEquals("veth1a2b3c4", f0.interfaceName());
        assertEquals(big, f0.timeNs());
        assertEquals(CaptureSink.DIR_IN, f0.direction());
        assertEquals(List.of("ARP who-has 172.17.0.1"), f0.comments());
        assertArrayEquals(arp, f0.data());
        assertEquals(arp.length, f0.originalLength());
        CapturedFrame f1 = frames.get(1);
        assertEquals("c1:eth0", f1.interfaceName());
        assertEquals(CaptureSink.DIR_OUT, f1.direction());
        assertEquals(List.of("café → 😀"), f1.comments());
        CapturedFrame f2 = frames.get(2);
        assertEquals("docker0", f2.interfaceName());
        assertEquals(Long.MAX_VALUE, f2.timeNs());
        assertEquals(CaptureSink.DIR_UNKNOWN, f2.direction());
        assertEquals(List.of(), f2.comments());
    }

    @Test
    void framesLongerThanSnaplenAreCutButKeepTheirOriginalLength() {
        var ch = new TestBytes.MemoryChannel();
        byte[] big = new byte[100];
        try (PcapngWriter w = new PcapngWriter(ch, "0.1", null, 64, 4096)) {
            w.addInterface(CaptureInterface.named("docker0", -1));
            w.frame(0, 0, CaptureSink.DIR_OUT, big, 0, big.length, null);
            w.frame(0, 0, CaptureSink.DIR_OUT, big, 0, 50, 1500, null);
        }
        List<CapturedFrame> frames = PcapngReader.readAll(ch.bytes());
        assertEquals(64, frames.get(0).data().length);
        assertEquals(100, frames.get(0).originalLength());
        assertEquals(50, frames.get(1).data().length);
        assertEquals(1500, frames.get(1).originalLength());
    }

    @Test
    void commentsAreEncodedExactlyAsStringGetBytesWouldIncludingLoneSurrogates() {
        String[] samples = {"", "plain", "ünïcödé", "€", "😀x", "a\uD800b", "\uDC00", "end\uD83D"};
        for (String s : samples) {
            byte[] dst = new byte[3 * s.length() + 2];
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(dst, 2, Utf8.encode(s, dst, 2)), s);
            for (int bufferBytes : new int[] {64, 4096}) { // the block cut across buffers, or stored whole
                var ch = new TestBytes.MemoryChannel();
                try (PcapngWriter w = writer(ch, bufferBytes)) {
                    w.addInterface(CaptureInterface.named("docker0", -1));
                    w.frame(0, 0, CaptureSink.DIR_IN, new byte[1], 0, 1, s);
                }
                String back = PcapngReader.readAll(ch.bytes()).get(0).comments().get(0);
                assertEquals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), back, s);
            }
        }
    }

    @Test
    void bufferSizeDoesNotChangeTheOutput() {
        byte[] frame = TestFrames.icmpEcho(8, TestFrames.MAC_GW, TestFrames.MAC_C1, TestFrames.IP_C1, TestFrames.IP_GW, 1, 1);
        byte[][] outputs = new byte[3][];
        int[] sizes = {64, 97, 1 << 20};
        for (int k = 0; k < sizes.length; k++) {
            var ch = new TestBytes.MemoryChannel();
            try (PcapngWriter w = writer(ch, sizes[k])) {
                w.addInterface(CaptureInterface.named("docker0", 1));
                for (int i = 0; i < 200; i++) {
                    w.frame(0, i * 1000L, i % 3, frame, 0, i % frame.length, i % 5 == 0 ? "comment " + i : null);
                }
            }
            outputs[k] = ch.bytes();
        }
        assertArrayEquals(outputs[2], outputs[0]);
        assertArrayEquals(outputs[2], outputs[1]);
    }

    @Test
    void fileIsReadableAfterFlushWhileStillOpen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("live.pcapng");
        try (PcapngWriter w = PcapngWriter.open(file, "0.1")) {
            w.addInterface(CaptureInterface.named("docker0", -1));
            w.frame(0, 10, CaptureSink.DIR_IN, new byte[] {1, 2}, 0, 2, null);
            w.flush();
            assertEquals(1, PcapngReader.readAll(Files.readAllBytes(file)).size());
            w.frame(0, 20, CaptureSink.DIR_IN, new byte[] {3}, 0, 1, null);
            w.flush();
            assertEquals(2, PcapngReader.readAll(Files.readAllBytes(file)).size());
        }
        assertEquals(2, PcapngReader.open(file).readAll().size());
    }

    @Test
    void commentsUpToTheOptionLimitAreWrittenWhetherTheBlockFitsTheBufferOrNot() {
        String[] comments = {"x".repeat(65535), "é".repeat(32767), "€".repeat(21845), "→ ".repeat(100)};
        for (int bufferBytes : new int[] {64, 1 << 20}) {
            var ch = new TestBytes.MemoryChannel();
            try (PcapngWriter w = writer(ch, bufferBytes)) {
                w.addInterface(CaptureInterface.named("docker0", -1));
                for (String c : comments) {
                    w.frame(0, 0, CaptureSink.DIR_OUT, new byte[3], 0, 3, c);
                }
                w.frame(0, 0, CaptureSink.DIR_OUT, new byte[1], 0, 1, null);
            }
            List<CapturedFrame> frames = PcapngReader.readAll(ch.bytes());
            for (int i = 0; i < comments.length; i++) {
                assertEquals(List.of(comments[i]), frames.get(i).comments(), "buffer " + bufferBytes);
            }
            assertEquals(List.of(), frames.get(comments.length).comments());
        }
    }

    @Test
    void rejectsUndeclaredInterfacesBadArgumentsAndUseAfterClose() {
        PcapngWriter w = writer(new TestBytes.MemoryChannel(), 4096);
        assertThrows(IllegalArgumentException.class, () -> w.frame(0, 0, 0, new byte[1], 0, 1, null));
        w.addInterface(CaptureInterface.named("docker0", -1));
        assertThrows(IllegalArgumentException.class, () -> w.frame(1, 0, 0, new byte[1], 0, 1, null));
        assertThrows(IllegalArgumentException.class, () -> w.frame(0, -1, 0, new byte[1], 0, 1, null));
        assertThrows(IllegalArgumentException.class, () -> w.frame(0, 0, 3, new byte[1], 0, 1, null));
        assertThrows(IllegalArgumentException.class, () -> w.frame(0, 0, 0, new byte[1], 0, 1, "x".repeat(65536)));
        assertThrows(IllegalArgumentException.class, () -> w.frame(0, 0, 0, new byte[1], 0, 1, "é".repeat(32768)));
        w.close();
        w.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> w.frame(0, 0, 0, new byte[1], 0, 1, null));
    }

    @Test
    void writingFramesAllocatesNothingInSteadyState() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] frame = TestFrames.arpRequest(1, 2, 3);
        String comment = "ARP ✓";
        try (PcapngWriter w = new PcapngWriter(new TestBytes.NullChannel(), "0.1", null, 65535, 4096)) {
            w.addInterface(CaptureInterface.named("docker0", -1));
            for (int i = 0; i < 200_000; i++) { // warm up until compiled
                w.frame(0, i, CaptureSink.DIR_OUT, frame, 0, frame.length, comment);
            }
            long tid = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 100_000; i++) {
                w.frame(0, i, i & 1, frame, 0, frame.length, (i & 1) == 0 ? comment : null);
            }
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 100000 frames");
        }
    }
}
