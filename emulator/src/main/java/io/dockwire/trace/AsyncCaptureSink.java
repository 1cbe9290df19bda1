package io.dockwire.trace;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Moves capture writing off the simulation thread. Each call copies into a preallocated ring
 * entry and publishes it; one daemon writer thread replays the entries, in order, on the delegate
 * and flushes it at the end of every batch. Interface declarations travel through the same ring,
 * so the delegate sees exactly the call sequence a direct caller would make and its output is
 * byte-identical however slow it is. Frames are copied up to {@code maxFrameBytes}; the true
 * length still reaches the delegate, so output stays identical as long as
 * {@code maxFrameBytes >=} the delegate's snaplen. A full ring makes the producer wait
 * (back-pressure), never drop. Steady state allocates nothing.
 *
 * <p>A delegate failure is remembered; the next call on the simulation thread throws
 * {@link IllegalStateException} with it as the cause, and further entries are discarded.
 */
public final class AsyncCaptureSink implements CaptureSink {
    public static final int DEFAULT_RING_SIZE = 1024;
    /** Covers a 9000-byte jumbo frame plus Ethernet/VLAN headers. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 9216;

    private static final int KIND_INTERFACE = 1;
    private static final int KIND_FRAME = 2;

    private final CaptureSink delegate;
    private final Disruptor<Entry> disruptor;
    private final RingBuffer<Entry> ring;
    private final Writer writer;
    private final int maxFrameBytes;
    private int interfaces;
    private boolean closed;

    public AsyncCaptureSink(CaptureSink delegate) {
        this(delegate, DEFAULT_RING_SIZE, DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * @param ringSize      entries in the ring, a power of two
     * @param maxFrameBytes bytes preallocated per entry; longer frames are cut to this
     */
    public AsyncCaptureSink(CaptureSink delegate, int ringSize, int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, maxFrameBytes=" + maxFrameBytes);
        }
        this.delegate = delegate;
        this.maxFrameBytes = maxFrameBytes;
        this.writer = new Writer(delegate);
        // SleepingWaitStrategy: publishing is a plain ordered store, so the simulation thread
        // never takes a lock or signals a condition (BlockingWaitStrategy would on every frame).
        // The writer spins briefly, then yields, then parks ~100 us when idle, which leaves the
        // second of our two cores to GC/JIT instead of burning it as BusySpin/Yielding would.
        // Wake-up latency does not matter here: only the final file does.
        this.disruptor = new Disruptor<>(() -> new Entry(maxFrameBytes), ringSize, AsyncCaptureSink::newThread,
                ProducerType.SINGLE, new SleepingWaitStrategy());
        disruptor.handleEventsWith(writer);
        disruptor.handleExceptionsWith(writer);
        this.ring = disruptor.start();
    }

    private static Thread newThread(Runnable r) {
        Thread t = new Thread(r, "dockwire-capture-writer");
        t.setDaemon(true); // an abandoned sink must not keep the JVM alive
        return t;
    }

    @Override
    public int addInterface(CaptureInterface iface) {
        checkUsable();
        long seq = ring.next();
        Entry e = ring.get(seq);
        e.kind = KIND_INTERFACE;
        e.iface = iface;
        e.ifId = interfaces;
        ring.publish(seq);
        return interfaces++;
    }

    @Override
    public void frame(int ifId, long timeNs, int direction, byte[] buf, int off, int len, String comment) {
        frame(ifId, timeNs, direction, buf, off, len, len, comment);
    }

    @Override
    public void frame(int ifId, long timeNs, int direction, byte[] buf, int off, int capturedLen,
                      int originalLen, String comment) {
        checkUsable();
        if (ifId < 0 || ifId >= interfaces) {
            throw new IllegalArgumentException("unknown interface id " + ifId + ", " + interfaces + " declared");
        }
        // Validate everything here, before claiming a slot: a claimed but never published
        // sequence would stall the writer for good, and the caller should see argument errors
        // synchronously, as with a direct writer.
        if (capturedLen < 0 || originalLen < capturedLen) {
            throw new IllegalArgumentException("lengths: captured " + capturedLen + ", original " + originalLen);
        }
        if (timeNs < 0) {
            throw new IllegalArgumentException("negative timestamp " + timeNs);
        }
        if (direction < DIR_UNKNOWN || direction > DIR_OUT) {
            throw new IllegalArgumentException("direction must be 0, 1 or 2, direction=" + direction);
        }
        Objects.checkFromIndexSize(off, capturedLen, buf.length);
        int n = Math.min(capturedLen, maxFrameBytes);
        long seq = ring.next();
        Entry e = ring.get(seq);
        e.kind = KIND_FRAME;
        e.ifId = ifId;
        e.timeNs = timeNs;
        e.direction = direction;
        e.len = n;
        e.origLen = originalLen;
        e.comment = comment;
        System.arraycopy(buf, off, e.data, 0, n);
        ring.publish(seq);
    }

    /** Waits until the writer has handed everything published so far to the delegate and flushed it. */
    @Override
    public void flush() {
        checkUsable();
        awaitWriter();
        rethrowFailure();
    }

    /** Drains the ring, stops the writer thread, then closes the delegate. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        awaitWriter();
        disruptor.halt();
        try {
            writer.stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            delegate.close(); // the latch above orders this after the writer's last use
        } finally {
            rethrowFailure();
        }
    }

    private void awaitWriter() {
        long target = ring.getCursor();
        while (disruptor.getSequenceValueFor(writer) < target) { // advanced after the batch's flush
            LockSupport.parkNanos(50_000);
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("capture sink is closed");
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        Throwable f = writer.failure;
        if (f != null) {
            throw new IllegalStateException("capture writer thread failed: " + f, f);
        }
    }

    /** A preallocated ring slot; {@code data} is reused for every frame that lands here. */
    private static final class Entry {
        final byte[] data;
        int kind;
        int ifId;
        long timeNs;
        int direction;
        int len;
        int origLen;
        String comment;
        CaptureInterface iface;

        Entry(int maxFrameBytes) {
            data = new byte[maxFrameBytes];
        }
    }

    /** Runs on the writer thread only. */
    private static final class Writer implements EventHandler<Entry>, ExceptionHandler<Entry> {
        private final CaptureSink delegate;
        final CountDownLatch stopped = new CountDownLatch(1);
        volatile Throwable failure;

        Writer(CaptureSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onEvent(Entry e, long seq, boolean endOfBatch) {
            if (failure != null) {
                return; // keep consuming so the producer never blocks on a dead writer
            }
            try {
                if (e.kind == KIND_FRAME) {
                    delegate.frame(e.ifId, e.timeNs, e.direction, e.data, 0, e.len, e.origLen, e.comment);
                } else {
                    int id = delegate.addInterface(e.iface);
                    if (id != e.ifId) {
                        throw new IllegalStateException("delegate numbered interface " + e.iface.name()
                                + " as " + id + ", expected " + e.ifId);
                    }
                }
                if (endOfBatch) {
                    delegate.flush();
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        @Override
        public void onShutdown() {
            stopped.countDown();
        }

        @Override
        public void handleEventException(Throwable ex, long sequence, Entry event) {
            failure = ex;
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            failure = ex;
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            failure = ex;
        }
    }
}
