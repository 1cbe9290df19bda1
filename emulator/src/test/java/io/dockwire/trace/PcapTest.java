package io.dockwire.trace;

import static io.dockwire.trace.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapTest {
    private static final Pattern MESSAGE = Pattern.compile("pcap: (file header|record #\\d+) at byte offset \\d+: .+");

    private static byte[] sample() {
        var ch = new TestBytes.MemoryChannel();
        try (PcapWriter w = new PcapWriter(ch, 65535, 64)) {
            w.record(5_000_000_000_123L, new byte[] {1, 2, 3}, 0, 3, 3);
            w.record(7, new byte[] {4, 5, 6, 7, 8}, 1, 4, 60);
        }
        return ch.bytes();
    }

    @Test
    void writesNanosecondHeaderAndRecordsInHandWrittenLayout() {
        assertArrayEquals(bytes(
                "4D3CB2A1 0200 0400 00000000 00000000 FFFF0000 01000000", // ns magic, 2.4, snaplen, linktype 1
                "88130000 7B000000 03000000 03000000 010203",             // 5000 s + 123 ns, caplen 3, origlen 3
                "00000000 07000000 04000000 3C000000 05060708"),          // 7 ns, caplen 4, origlen 60
                sample());
    }

    @Test
    void readerRoundTripsNanosecondRecords() {
        PcapReader r = new PcapReader(sample());
        assertTrue(r.nanosecondResolution());
        assertEquals(65535, r.snaplen());
        assertEquals(1, r.linktype());
        List<CapturedFrame> frames = r.readAll();
        assertEquals(2, frames.size());
        assertEquals(5_000_000_000_123L, frames.get(0).timeNs());
        assertArrayEquals(new byte[] {5, 6, 7, 8}, frames.get(1).data());
        assertEquals(60, frames.get(1).originalLength());
        assertEquals(CaptureSink.DIR_UNKNOWN, frames.get(1).direction());
    }

    @Test
    void readerAcceptsBothMagicsInBothByteOrders() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (int magic : new int[] {PcapWriter.MAGIC_US, PcapWriter.MAGIC_NS}) {
                ByteBuffer b = ByteBuffer.allocate(24 + 16 + 2).order(order);
                b.putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
                b.putInt(3).putInt(250).putInt(2).putInt(2).put((byte) 0xAB).put((byte) 0xCD);
                CapturedFrame f = PcapReader.readAll(b.array()).get(0);
                long fraction = magic == PcapWriter.MAGIC_NS ? 250 : 250_000;
                assertEquals(3_000_000_000L + fraction, f.timeNs(), order + " " + Integer.toHexString(magic));
                assertArrayEquals(new byte[] {(byte) 0xAB, (byte) 0xCD}, f.data());
            }
        }
    }

    @Test
    void cuttingInsideTheHeaderOrARecordGivesAFormatError() {
        byte[] file = sample();
        List<Integer> boundaries = List.of(24, 24 + 16 + 3, file.length);
        for (int cut = 0; cut < file.length; cut++) {
            byte[] cutFile = Arrays.copyOf(file, cut);
            if (boundaries.contains(cut)) {
                assertEquals(boundaries.indexOf(cut), PcapReader.readAll(cutFile).size());
                continue;
            }
            TraceFormatException e = assertThrows(TraceFormatException.class, () -> PcapReader.readAll(cutFile));
            assertTrue(MESSAGE.matcher(e.getMessage()).matches(), e.getMessage());
            int expectedOffset = cut < 24 ? 0 : cut < 43 ? 24 : 43;
            assertEquals(expectedOffset, e.offset(), e.getMessage());
        }
    }

    @Test
    void corruptCapturedLengthNamesTheRecord() {
        byte[] file = sample();
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(43 + 8, 9999);
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> PcapReader.readAll(file));
        assertEquals("pcap: record #2 at byte offset 43: captured length 9999 exceeds remaining 4 bytes", e.getMessage());
    }

    @Test
    void directorySinkWritesOnePcapPerInterfaceWithColonsReplaced(@TempDir Path dir) throws Exception {
        byte[] arp = TestFrames.arpRequest(TestFrames.MAC_C1, TestFrames.IP_C1, TestFrames.IP_GW);
        try (PcapDirectorySink sink = new PcapDirectorySink(dir)) {
            assertEquals(0, sink.addInterface(CaptureInterface.named("docker0", -1)));
            assertEquals(1, sink.addInterface(CaptureInterface.named("c1:eth0", -1)));
            assertEquals(2, sink.addInterface(CaptureInterface.named("c1_eth0", -1)));
            sink.frame(1, 10, CaptureSink.DIR_OUT, arp, 0, arp.length, "dropped: pcap has no comments");
            sink.frame(0, 11, CaptureSink.DIR_IN, arp, 0, arp.length, null);
            sink.frame(1, 12, CaptureSink.DIR_IN, arp, 0, 20, null);
            assertEquals(List.of(dir.resolve("docker0.pcap"), dir.resolve("c1_eth0.pcap"), dir.resolve("c1_eth0-2.pcap")),
                    sink.files());
        }
        List<CapturedFrame> c1 = PcapReader.open(dir.resolve("c1_eth0.pcap")).readAll();
        assertEquals(2, c1.size());
        assertEquals(10, c1.get(0).timeNs());
        assertArrayEquals(arp, c1.get(0).data());
        assertEquals(20, c1.get(1).data().length);
        assertEquals(1, PcapReader.open(dir.resolve("docker0.pcap")).readAll().size());
        assertFalse(PcapReader.open(dir.resolve("c1_eth0-2.pcap")).readAll().iterator().hasNext());
    }

    @Property(tries = 300)
    void randomCorruptionNeverGivesAnyOtherException(@ForAll long seed) {
        Random rnd = new Random(seed);
        byte[] file = sample();
        for (int m = 1 + rnd.nextInt(3); m > 0; m--) {
            file[rnd.nextInt(file.length)] = (byte) rnd.nextInt(256);
        }
        if (rnd.nextBoolean()) {
            file = Arrays.copyOf(file, rnd.nextInt(file.length));
        }
        try {
            PcapReader.readAll(file);
        } catch (TraceFormatException e) {
            assertTrue(MESSAGE.matcher(e.getMessage()).matches(), e.getMessage());
        } catch (RuntimeException e) {
            fail("expected TraceFormatException, got " + e, e);
        }
    }
}
