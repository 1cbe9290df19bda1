package io.dockwire.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncCaptureSinkTest {
    private static final String[] COMMENTS = {null, null, null, "ARP who-has", "flood → 3 ports", "dropped: no route"};

    /** The same pseudo-random sequence of calls for a given seed; the caller buffer is scribbled after each frame. */
    private static void script(CaptureSink sink, long seed, int from, int to, int maxLen) {
        Random rnd = new Random(seed);
        byte[] buf = new byte[maxLen + 8];
        int interfaces = 0;
        long time = 0;
        for (int i = 0; i < to; i++) {
            boolean declare = interfaces < 2 || rnd.nextInt(100) == 0;
            int ifId = interfaces == 0 ? 0 : rnd.nextInt(interfaces);
            int off = rnd.nextInt(8);
            int len = rnd.nextInt(maxLen + 1);
            time += rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1_000_000);
            int direction = rnd.nextInt(3);
            String comment = COMMENTS[rnd.nextInt(COMMENTS.length)];
            rnd.nextBytes(buf);
            if (i < from) {
                interfaces += declare ? 1 : 0;
                continue;
            }
            if (declare) {
                String name = interfaces == 0 ? "docker0" : interfaces == 1 ? "veth1a2b3c4" : "c" + interfaces + ":eth0";
                assertEquals(interfaces++, sink.addInterface(CaptureInterface.named(name, interfaces)));
            } else {
                sink.frame(ifId, (1L << 33) + time, direction, buf, off, len, comment);
                Arrays.fill(buf, (byte) 0x5A); // the sink must have copied already
            }
        }
    }

    private static byte[] direct(long seed, int snaplen, int maxLen) {
        var ch = new TestBytes.MemoryChannel();
        try (PcapngWriter w = new PcapngWriter(ch, "0.1", null, snaplen, 4096)) {
            script(w, seed, 0, 3000, maxLen);
        }
        return ch.bytes();
    }

    @Test
    void outputIsByteIdenticalToWritingDirectly() {
        for (long seed = 1; seed <= 3; seed++) {
            var ch = new TestBytes.MemoryChannel();
            try (AsyncCaptureSink sink = new AsyncCaptureSink(new PcapngWriter(ch, "0.1", null, 65535, 4096), 8, 2048)) {
                script(sink, seed, 0, 3000, 1600);
            }
            assertArrayEquals(direct(seed, 65535, 1600), ch.bytes(), "seed " + seed);
        }
    }

    @Test
    void outputIsByteIdenticalWhenTheWriterIsSlow() {
        var ch = new TestBytes.MemoryChannel();
        try (AsyncCaptureSink sink = new AsyncCaptureSink(new SlowSink(new PcapngWriter(ch, "0.1", null, 65535, 4096)), 4, 2048)) {
            script(sink, 42, 0, 3000, 1600);
        }
        assertArrayEquals(direct(42, 65535, 1600), ch.bytes());
    }

    @Test
    void framesLongerThanTheRingSlotKeepTheirTrueLengthWhenSlotCoversSnaplen() {
        var ch = new TestBytes.MemoryChannel();
        try (AsyncCaptureSink sink = new AsyncCaptureSink(new PcapngWriter(ch, "0.1", null, 128, 4096), 16, 128)) {
            script(sink, 7, 0, 3000, 400);
        }
        assertArrayEquals(direct(7, 128, 400), ch.bytes());
    }

    @Test
    void flushWaitsUntilTheDelegateHasWrittenEverythingSoFar() {
        var directCh = new TestBytes.MemoryChannel();
        var asyncCh = new TestBytes.MemoryChannel();
        try (PcapngWriter w = new PcapngWriter(directCh, "0.1", null, 65535, 1 << 20);
             AsyncCaptureSink sink = new AsyncCaptureSink(new SlowSink(new PcapngWriter(asyncCh, "0.1", null, 65535, 1 << 20)), 64, 2048)) {
            script(w, 9, 0, 1000, 1500);
            script(sink, 9, 0, 1000, 1500);
            w.flush();
            sink.flush();
            assertArrayEquals(directCh.bytes(), asyncCh.bytes());
        }
    }

    @Test
    void aFailingDelegateSurfacesOnTheCallerThreadAndCloseStillReturns() {
        AtomicInteger frames = new AtomicInteger();
        RuntimeException boom = new RuntimeException("disk full");
        CaptureSink failing = new SlowSink(new PcapngWriter(new TestBytes.MemoryChannel(), "0.1")) {
            @Override
            public void frame(int ifId, long t, int dir, byte[] b, int off, int cap, int orig, String c) {
                if (frames.incrementAndGet() == 5) {
                    throw boom;
                }
                super.frame(ifId, t, dir, b, off, cap, orig, c);
            }
        };
        AsyncCaptureSink sink = new AsyncCaptureSink(failing, 8, 64);
        sink.addInterface(CaptureInterface.named("docker0", -1));
        try {
            for (int i = 0; i < 10; i++) {
                sink.frame(0, i, CaptureSink.DIR_IN, new byte[10], 0, 10, null);
            }
        } catch (IllegalStateException alreadyReported) {
            assertSame(boom, alreadyReported.getCause()); // the writer may fail before the loop ends
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, sink::flush);
        assertSame(boom, e.getCause());
        assertThrows(IllegalStateException.class, sink::close);
        sink.close(); // second close is a no-op
        assertThrows(IllegalStateException.class, () -> sink.frame(0, 0, 0, new byte[1], 0, 1, null));
    }

    @Test
    void rejectsBadArgumentsOnTheCallerThreadAndStaysUsable() {
        for (boolean chunked : new boolean[] {false, true}) {
            var ch = new TestBytes.MemoryChannel();
            PcapngWriter w = new PcapngWriter(ch, "0.1", null, 65535, 64);
            try (AsyncCaptureSink sink = new AsyncCaptureSink(chunked ? w : new SlowSink(w), 4, 64)) {
                assertThrows(IllegalArgumentException.class, () -> sink.frame(0, 0, 0, new byte[1], 0, 1, null));
                sink.addInterface(CaptureInterface.named("docker0", -1));
                assertThrows(IllegalArgumentException.class, () -> sink.frame(0, 0, 3, new byte[1], 0, 1, null));
                assertThrows(IllegalArgumentException.class, () -> sink.frame(0, -5, 0, new byte[1], 0, 1, null));
                assertThrows(IllegalArgumentException.class, () -> sink.frame(0, 0, 0, new byte[9], 0, 5, 4, null));
                assertThrows(IndexOutOfBoundsException.class, () -> sink.frame(0, 0, 0, new byte[1], 0, 2, null));
                assertThrows(IndexOutOfBoundsException.class, () -> sink.frame(0, 0, 0, new byte[100], 50, 70, 70, null));
                for (int i = 0; i < 10; i++) { // more than the ring holds: no slot was leaked above
                    sink.frame(0, i, CaptureSink.DIR_IN, new byte[1], 0, 1, null);
                }
            }
            assertEquals(10, PcapngReader.readAll(ch.bytes()).size(), "chunked " + chunked);
        }
    }

    @Test
    void writerRunsOnADaemonThread() {
        for (CaptureSink delegate : new CaptureSink[] {CaptureSink.NONE, new PcapngWriter(new TestBytes.NullChannel(), "0.1")}) {
            try (AsyncCaptureSink sink = new AsyncCaptureSink(delegate, 8, 64)) {
                sink.addInterface(CaptureInterface.named("docker0", -1));
                sink.flush();
                Thread writer = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("dockwire-capture-writer") && t.isAlive())
                        .findFirst().orElseThrow();
                assertTrue(writer.isDaemon());
            }
        }
    }

    @Test
    void publishingFramesAllocatesNothingOnTheSimulationThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] frame = TestFrames.arpRequest(1, 2, 3);
        try (AsyncCaptureSink sink = new AsyncCaptureSink(
                new PcapngWriter(new TestBytes.NullChannel(), "0.1", null, 65535, 1 << 16), 1024, 2048)) {
            sink.addInterface(CaptureInterface.named("docker0", -1));
            for (int i = 0; i < 200_000; i++) {
                sink.frame(0, i, CaptureSink.DIR_OUT, frame, 0, frame.length, "warm");
            }
            long tid = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 100_000; i++) {
                sink.frame(0, i, CaptureSink.DIR_IN, frame, 0, frame.length, (i & 1) == 0 ? "even" : null);
            }
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 100000 frames");
        }
    }

    // ---- a PcapngWriter delegate: encoded on the caller's thread, whole buffers to the writer ----

    @Test
    void chunkedOutputIsByteIdenticalWithRecordsStraddlingEveryChunk() {
        for (int bufferBytes : new int[] {64, 100, 4096}) {
            for (long seed = 1; seed <= 2; seed++) {
                var ch = new TestBytes.MemoryChannel();
                try (AsyncCaptureSink sink = new AsyncCaptureSink(
                        new PcapngWriter(ch, "0.1", null, 65535, bufferBytes), 8, 2048)) {
                    script(sink, seed, 0, 3000, 1600);
                }
                assertArrayEquals(direct(seed, 65535, 1600), ch.bytes(), "buffer " + bufferBytes + ", seed " + seed);
                assertTrue(straddled(ch), "some block spans two chunks, buffer " + bufferBytes);
            }
        }
    }

    /** Whether a write (one chunk) ended inside a block, not between two. */
    private static boolean straddled(TestBytes.MemoryChannel ch) {
        ByteBuffer b = ByteBuffer.wrap(ch.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        Set<Long> blockEnds = new HashSet<>();
        for (int p = 0; p < b.limit(); p += b.getInt(p + 4)) {
            blockEnds.add((long) p + b.getInt(p + 4));
        }
        long end = 0;
        for (int n : ch.writeSizes()) {
            end += n;
            if (!blockEnds.contains(end)) {
                return true;
            }
        }
        return false;
    }

    /** Record ends at every offset of a chunk, frames many chunks long, comments, every direction. */
    private static int boundaryScript(CaptureSink sink) {
        String longComment = "→ MASQUERADE ".repeat(100);
        byte[] frame = new byte[70_000];
        new Random(5).nextBytes(frame);
        sink.addInterface(CaptureInterface.named("docker0", 0x0242AC110001L));
        sink.addInterface(new CaptureInterface("c1:eth0", "eth0 in c1", -1, 0xAC110002, 16));
        int n = 0;
        for (int len = 0; len <= 300; len++) {
            String comment = len % 7 == 3 ? "é" : len % 11 == 5 ? longComment : null;
            sink.frame(len & 1, 1000L * len, len % 3, frame, len, len, comment);
            n++;
        }
        for (int len : new int[] {1514, 9018, 65535, 70_000}) { // the last is cut by snaplen
            sink.frame(1, 1L << 40, CaptureSink.DIR_OUT, frame, 0, len, null);
            sink.frame(0, 1L << 40, CaptureSink.DIR_IN, frame, 0, len, longComment);
            n += 2;
        }
        return n;
    }

    @Test
    void chunkedOutputIsByteIdenticalForHugeFramesAndCommentsAtEveryChunkOffset() {
        var directCh = new TestBytes.MemoryChannel();
        try (PcapngWriter w = new PcapngWriter(directCh, "0.1", null, 65535, 1 << 20)) {
            boundaryScript(w);
        }
        for (int bufferBytes : new int[] {64, 256, 1000, 1 << 20}) {
            var ch = new TestBytes.MemoryChannel();
            int frames;
            try (AsyncCaptureSink sink = new AsyncCaptureSink(new PcapngWriter(ch, "0.1", null, 65535, bufferBytes),
                    8, 65535)) {
                frames = boundaryScript(sink);
            }
            assertArrayEquals(directCh.bytes(), ch.bytes(), "buffer " + bufferBytes);
            assertEquals(frames, PcapngReader.readAll(ch.bytes()).size());
        }
    }

    @Test
    void chunkedAndPerRecordSinksCutFramesLongerThanTheSlotAlike() {
        var perRecord = new TestBytes.MemoryChannel();
        var chunked = new TestBytes.MemoryChannel();
        try (AsyncCaptureSink sink = new AsyncCaptureSink(new SlowSink(new PcapngWriter(perRecord, "0.1", null, 65535, 4096)), 16, 100)) {
            script(sink, 11, 0, 1000, 400);
        }
        try (AsyncCaptureSink sink = new AsyncCaptureSink(new PcapngWriter(chunked, "0.1", null, 65535, 4096), 16, 100)) {
            script(sink, 11, 0, 1000, 400);
        }
        assertArrayEquals(perRecord.bytes(), chunked.bytes());
        var frames = PcapngReader.readAll(chunked.bytes());
        assertTrue(frames.stream().anyMatch(f -> f.data().length == 100 && f.originalLength() > 100));
    }

    @Test
    void chunkedOutputIsByteIdenticalWhenTheFileIsSlow() {
        var ch = new TestBytes.MemoryChannel();
        var slow = new TestBytes.HookedChannel(ch, n -> {
            if (n % 5 == 0) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try (AsyncCaptureSink sink = new AsyncCaptureSink(new PcapngWriter(slow, "0.1", null, 65535, 512), 8, 2048)) {
            script(sink, 42, 0, 3000, 1600); // ~2.5 MB through 8 chunks of 512 bytes: the caller waits
        }
        assertArrayEquals(direct(42, 65535, 1600), ch.bytes());
    }

    @Test
    void chunkedFlushWritesEverythingSoFarAsAValidFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.pcapng");
        byte[] frame = TestFrames.arpRequest(1, 2, 3);
        try (AsyncCaptureSink sink = new AsyncCaptureSink(new PcapngWriter(FileChannel.open(file,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE), "0.1", null, 65535, 1000))) {
            sink.addInterface(CaptureInterface.named("docker0", -1));
            for (int i = 0; i < 1000; i++) {
                sink.frame(0, i, CaptureSink.DIR_IN, frame, 0, frame.length, i % 10 == 0 ? "tenth" : null);
                if (i == 499) {
                    sink.flush(); // mid-chunk: the file must hold every record so far, and nothing cut
                    assertEquals(500, PcapngReader.readAll(Files.readAllBytes(file)).size());
                }
            }
        }
        assertEquals(1000, PcapngReader.readAll(Files.readAllBytes(file)).size());
    }

    @Test
    void chunkedWriteFailureSurfacesOnTheCallerThreadAndCloseStillClosesTheFile() {
        IOException full = new IOException("No space left on device");
        var failing = new TestBytes.HookedChannel(new TestBytes.NullChannel(), n -> {
            if (n == 3) {
                throw full;
            }
        });
        AsyncCaptureSink sink = new AsyncCaptureSink(new PcapngWriter(failing, "0.1", null, 65535, 256), 8, 2048);
        sink.addInterface(CaptureInterface.named("docker0", -1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (int i = 0; i < 1_000_000; i++) { // fails at the latest when all chunks are in flight
                sink.frame(0, i, CaptureSink.DIR_IN, new byte[60], 0, 60, null);
            }
        });
        assertSame(full, e.getCause().getCause());
        e = assertThrows(IllegalStateException.class, sink::flush);
        assertSame(full, e.getCause().getCause());
        assertThrows(IllegalStateException.class, sink::close);
        assertFalse(failing.isOpen());
        sink.close(); // second close is a no-op
        assertThrows(IllegalStateException.class, () -> sink.frame(0, 0, 0, new byte[1], 0, 1, null));
    }

    /** A delegate that now and then stalls, as a slow disk would. */
    static class SlowSink implements CaptureSink {
        private final CaptureSink inner;
        private int calls;

        SlowSink(CaptureSink inner) {
            this.inner = inner;
        }

        private void maybeStall() {
            if (++calls % 97 == 0) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public int addInterface(CaptureInterface iface) {
            maybeStall();
            return inner.addInterface(iface);
        }

        @Override
        public void frame(int ifId, long t, int dir, byte[] b, int off, int len, String c) {
            frame(ifId, t, dir, b, off, len, len, c);
        }

        @Override
        public void frame(int ifId, long t, int dir, byte[] b, int off, int cap, int orig, String c) {
            maybeStall();
            inner.frame(ifId, t, dir, b, off, cap, orig, c);
        }

        @Override
        public void flush() {
            inner.flush();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
