package io.dockwire.trace;

import static io.dockwire.trace.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PcapngReaderTest {
    private static final Pattern MESSAGE = Pattern.compile("pcapng: .+ #\\d+ at byte offset \\d+: .+");

    /** SHB, three IDBs (one declared mid-capture), five EPBs with and without options. */
    static byte[] sample() {
        var ch = new TestBytes.MemoryChannel();
        byte[] arp = TestFrames.arpRequest(TestFrames.MAC_C1, TestFrames.IP_C1, TestFrames.IP_GW);
        try (PcapngWriter w = new PcapngWriter(ch, "0.1", "Linux", 65535, 4096)) {
            w.addInterface(new CaptureInterface("docker0", "bridge", TestFrames.MAC_GW, TestFrames.IP_GW, 16));
            w.addInterface(CaptureInterface.named("veth1a2b3c4", -1));
            w.frame(0, 1, CaptureSink.DIR_IN, arp, 0, arp.length, "first");
            w.frame(1, 2, CaptureSink.DIR_OUT, arp, 0, 41, null);
            w.addInterface(CaptureInterface.named("c1:eth0", TestFrames.MAC_C1));
            w.frame(2, 1L << 40, CaptureSink.DIR_UNKNOWN, arp, 0, arp.length, null);
            w.frame(2, 1L << 41, CaptureSink.DIR_UNKNOWN, arp, 0, 3, "x");
            w.frame(0, 1L << 42, CaptureSink.DIR_IN, arp, 0, 0, "empty frame");
        }
        return ch.bytes();
    }

    /** Start offsets of every block plus the end of file, found by walking the total lengths. */
    static List<Integer> blockBoundaries(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> offsets = new ArrayList<>();
        for (int p = 0; p < file.length; p += b.getInt(p + 4)) {
            offsets.add(p);
        }
        offsets.add(file.length);
        return offsets;
    }

    private static TraceFormatException readFails(byte[] file) {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> PcapngReader.readAll(file));
        assertTrue(MESSAGE.matcher(e.getMessage()).matches(), e.getMessage());
        return e;
    }

    @Test
    void cuttingTheFileInsideAnyBlockGivesAFormatErrorNamingThatBlock() {
        byte[] file = sample();
        List<Integer> boundaries = blockBoundaries(file);
        int packetsSeen = 0;
        for (int cut = 0; cut < file.length; cut++) {
            byte[] cutFile = Arrays.copyOf(file, cut);
            int blockIndex = 0;
            while (boundaries.get(blockIndex + 1) <= cut) {
                blockIndex++;
            }
            if (cut > 0 && boundaries.contains(cut)) {
                packetsSeen = PcapngReader.readAll(cutFile).size(); // a cut between blocks is a shorter valid file
                continue;
            }
            TraceFormatException e = readFails(cutFile);
            int start = boundaries.get(blockIndex);
            assertEquals(start, e.offset(), e.getMessage());
            assertTrue(e.getMessage().contains("#" + (blockIndex + 1) + " at byte offset " + start), e.getMessage());
        }
        assertEquals(4, packetsSeen);
    }

    @Test
    void corruptedTotalLengthsAreReportedWithBlockNumberAndOffset() {
        byte[] file = sample();
        List<Integer> boundaries = blockBoundaries(file);
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            int start = boundaries.get(i);
            int total = boundaries.get(i + 1) - start;
            int remaining = file.length - start;
            int[] badLeading = {0, 4, 8, total + 1, total - 2, total + 4, remaining + 4, 0x7FFFFFF0, -4};
            for (int bad : badLeading) {
                byte[] copy = file.clone();
                ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(start + 4, bad);
                TraceFormatException e = readFails(copy);
                assertTrue(e.getMessage().contains("#" + (i + 1) + " at byte offset " + start), e.getMessage());
            }
            byte[] copy = file.clone();
            ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(start + total - 4, total + 4);
            TraceFormatException e = readFails(copy);
            assertTrue(e.getMessage().endsWith("trailing total length " + (total + 4)
                    + " differs from leading total length " + total), e.getMessage());
        }
    }

    @Test
    void overlongBlockMessageStatesLengthAndRemainingBytes() {
        byte[] file = sample();
        List<Integer> boundaries = blockBoundaries(file);
        int epb = boundaries.get(4); // SHB, IDB, IDB, EPB, EPB: block #5
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(epb + 4, 9999);
        TraceFormatException e = readFails(file);
        assertEquals("pcapng: Enhanced Packet Block #5 at byte offset " + epb + ": total length 9999 exceeds remaining "
                + (file.length - epb) + " bytes", e.getMessage());
    }

    @Test
    void capturedLengthBeyondTheBlockIsAFormatError() {
        byte[] file = sample();
        int epb = blockBoundaries(file).get(3);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(epb + 20, 5000);
        assertTrue(readFails(file).getMessage().contains("captured length 5000 exceeds"));
    }

    @Test
    void packetOnUndeclaredInterfaceIsAFormatError() {
        byte[] file = sample();
        int epb = blockBoundaries(file).get(3);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(epb + 8, 2); // only 0 and 1 declared yet
        assertTrue(readFails(file).getMessage().contains("refers to interface 2 but only 2 declared"));
    }

    @Test
    void optionOverrunningItsBlockIsAFormatError() {
        byte[] file = sample();
        int epb = blockBoundaries(file).get(3);
        int optionStart = epb + 28 + 44; // header fields, then 42 data bytes padded to 44
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putShort(optionStart + 2, (short) 200);
        assertTrue(readFails(file).getMessage().contains("option code 2 at byte offset " + optionStart + " has length 200"));
    }

    @Test
    void emptyInputAndNonPcapngInputAreFormatErrors() {
        readFails(new byte[0]);
        readFails(bytes("D4C3B2A1 02000400 00000000 00000000 FFFF0000 01000000"));
        byte[] badMagic = sample();
        badMagic[8] = 0;
        assertTrue(readFails(badMagic).getMessage().contains("byte-order magic"));
    }

    @Test
    void readsBigEndianSectionsWithMicrosecondDefaultResolution() {
        byte[] be = bytes(
                "0A0D0D0A 0000001C 1A2B3C4D 0001 0000 FFFFFFFFFFFFFFFF 0000001C",
                "00000001 00000020 0001 0000 0000FFFF 0002 0004 65746830 0000 0000 00000020",
                "00000006 00000030 00000000 00000000 0016E360 00000002 0000003C AABB0000",
                "0002 0004 00000001 0000 0000 00000030");
        List<CapturedFrame> frames = PcapngReader.readAll(be);
        assertEquals(1, frames.size());
        CapturedFrame f = frames.get(0);
        assertEquals("eth0", f.interfaceName());
        assertEquals(1_500_000_000L, f.timeNs());
        assertEquals(CaptureSink.DIR_IN, f.direction());
        assertArrayEquals(new byte[] {(byte) 0xAA, (byte) 0xBB}, f.data());
        assertEquals(60, f.originalLength());
    }

    @Test
    void unknownBlocksAreSkippedAndASecondSectionRestartsInterfaceIds() {
        byte[] first = sample();
        byte[] custom = bytes("AD0B0000 0C000000 0C000000");
        var ch = new TestBytes.MemoryChannel();
        try (PcapngWriter w = new PcapngWriter(ch, "0.2", null, 65535, 4096)) {
            w.addInterface(CaptureInterface.named("other0", -1));
            w.frame(0, 5, CaptureSink.DIR_OUT, new byte[] {7}, 0, 1, null);
        }
        byte[] both = bytes(first, custom, ch.bytes());
        PcapngReader r = new PcapngReader(both);
        List<CapturedFrame> frames = r.readAll();
        assertEquals(6, frames.size());
        assertEquals("other0", frames.get(5).interfaceName());
        assertEquals(0, frames.get(5).interfaceId());
        assertEquals("dockwire 0.2", r.userApplication());
        assertEquals(1, r.interfaces().size());
    }

    @Property(tries = 400)
    void randomCorruptionNeverGivesAnyOtherException(@ForAll long seed) {
        Random rnd = new Random(seed);
        byte[] file = sample();
        int mutations = 1 + rnd.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = rnd.nextInt(file.length);
            if (rnd.nextBoolean()) {
                file[at] = (byte) rnd.nextInt(256);
            } else {
                int word = at & ~3;
                int value = rnd.nextBoolean() ? rnd.nextInt() : rnd.nextInt(80);
                ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(word, value);
            }
        }
        if (rnd.nextInt(4) == 0) {
            file = Arrays.copyOf(file, rnd.nextInt(file.length));
        }
        try {
            PcapngReader.readAll(file);
        } catch (TraceFormatException e) {
            assertTrue(MESSAGE.matcher(e.getMessage()).matches(), e.getMessage());
        } catch (RuntimeException e) {
            fail("expected TraceFormatException, got " + e, e);
        }
    }
}
