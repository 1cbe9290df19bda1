package io.dockwire.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

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
        var ch = new TestBytes.MemoryChannel();
        try (AsyncCaptureSink sink = new AsyncCaptureSink(new PcapngWriter(ch, "0.1"), 4, 64)) {
            assertThrows(IllegalArgumentException.class, () -> sink.frame(0, 0, 0, new byte[1], 0, 1, null));
            sink.addInterface(CaptureInterface.named("docker0", -1));
            assertThrows(IllegalArgumentException.class, () -> sink.frame(0, 0, 3, new byte[1], 0, 1, null));
            assertThrows(IllegalArgumentException.class, () -> sink.frame(0, -5, 0, new byte[1], 0, 1, null));
            assertThrows(IndexOutOfBoundsException.class, () -> sink.frame(0, 0, 0, new byte[1], 0, 2, null));
            for (int i = 0; i < 10; i++) { // more than the ring holds: no slot was leaked above
                sink.frame(0, i, CaptureSink.DIR_IN, new byte[1], 0, 1, null);
            }
        }
        assertEquals(10, PcapngReader.readAll(ch.bytes()).size());
    }

    @Test
    void writerRunsOnADaemonThread() {
        try (AsyncCaptureSink sink = new AsyncCaptureSink(CaptureSink.NONE, 8, 64)) {
            sink.addInterface(CaptureInterface.named("docker0", -1));
            sink.flush();
            Thread writer = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("dockwire-capture-writer") && t.isAlive())
                    .findFirst().orElseThrow();
            assertTrue(writer.isDaemon());
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
