package io.dockwire.sim;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;

/**
 * Carries frames from one producer thread (a traffic source, a scenario driver) into the
 * simulation over an LMAX Disruptor ring of preallocated entries.
 *
 * <p>Producer side ({@link #inject}, {@link #close}) is for exactly one thread. Each entry says
 * "at simulated time t, device X transmits (or receives) these bytes"; times must not decrease.
 *
 * <p>How determinism is kept: the simulation thread never looks at when an entry arrived in
 * wall time. It keeps exactly one entry "peeked"; the next entry is taken off the ring only
 * when the previous one has been dispatched (or when a run starts), blocking until the
 * producer publishes it or closes. That moment is a fixed point in simulated execution, so the
 * sequence number the entry gets (its tie-break against other events at the same nanosecond)
 * and the instant its bytes are copied into the frame pool are the same on every run, whatever
 * the producer's pace. The price is that the simulation waits for the producer: a producer that
 * never closes makes {@link Simulator#runUntilQuiet()} wait forever.
 */
public final class Injector {
    /** The device receives the bytes as if they arrived from its medium. */
    public static final int RECEIVE = 0;
    /** The device transmits the bytes, as if its own stack sent them. */
    public static final int TRANSMIT = 1;

    static final class Entry {
        boolean end;
        int target;
        int mode;
        long time;
        int len;
        byte[] data;
    }

    private final RingBuffer<Entry> ring;
    private final SequenceBarrier barrier;
    private final Sequence consumed = new Sequence();
    private final int maxFrame;
    private long lastPublishedTime = Long.MIN_VALUE;
    private boolean closed;

    Injector(int ringSize, int maxFrame) {
        this.maxFrame = maxFrame;
        this.ring = RingBuffer.createSingleProducer(() -> {
            Entry e = new Entry();
            e.data = new byte[maxFrame];
            return e;
        }, ringSize, new BlockingWaitStrategy());
        this.ring.addGatingSequences(consumed);
        this.barrier = ring.newBarrier();
    }

    /**
     * Producer thread: queues {@code buf[off, off+len)} for device {@code target} (an id from
     * the device registry, e.g. an ifindex) at simulated time {@code timeNs}. Blocks while the
     * ring is full.
     *
     * @param mode {@link #TRANSMIT} or {@link #RECEIVE}
     */
    public void inject(long timeNs, int target, int mode, byte[] buf, int off, int len) {
        if (closed) {
            throw new IllegalStateException("injector is closed");
        }
        if (len < 0 || len > maxFrame) {
            throw new IllegalArgumentException("injected frame too long, len=" + len + " maxFrame=" + maxFrame);
        }
        if (timeNs < lastPublishedTime) {
            throw new IllegalArgumentException("injection times must not decrease, timeNs=" + timeNs
                    + " previous=" + lastPublishedTime);
        }
        lastPublishedTime = timeNs;
        long s = ring.next();
        Entry e = ring.get(s);
        e.end = false;
        e.target = target;
        e.mode = mode;
        e.time = timeNs;
        e.len = len;
        System.arraycopy(buf, off, e.data, 0, len);
        ring.publish(s);
    }

    /** Producer thread: no more entries; lets the simulation go quiet. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long s = ring.next();
        ring.get(s).end = true;
        ring.publish(s);
    }

    /** Simulation thread: the next entry, blocking until one is published. */
    Entry take() {
        long next = consumed.get() + 1;
        try {
            barrier.waitFor(next);
        } catch (AlertException | TimeoutException e) {
            throw new IllegalStateException("injection ring wait failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the injection producer", e);
        }
        return ring.get(next);
    }

    /** Simulation thread: the entry returned by {@link #take()} may be reused by the producer. */
    void done() {
        consumed.set(consumed.get() + 1);
    }
}
