package io.dockwire.trace;

import java.util.Objects;

/**
 * Moves capture writing off the simulation thread, in one of two ways:
 *
 * <ul>
 * <li>A {@link PcapngWriter} delegate (the usual case) encodes on the simulation thread into its
 *     buffer, and each full buffer goes whole to a daemon writer thread that only writes it to
 *     the channel while encoding goes on in the next of {@link #DEFAULT_CHUNKS} such buffers
 *     (see {@link PcapngWriter#writeAsynchronously}): one hand-over per buffer (1 MiB by
 *     default) instead of one per frame, and the writer does nothing but file writes.
 * <li>Any other delegate: each call copies into a preallocated ring entry and publishes it; the
 *     writer thread replays the entries, in order, on the delegate and flushes it at the end of
 *     every batch. Interface declarations travel through the same ring, so the delegate sees
 *     exactly the call sequence a direct caller would make.
 * </ul>
 *
 * Either way the output is byte-identical to calling the delegate directly, however slow the
 * writer is. Frames are taken up to {@code maxFrameBytes}; the true length still reaches the
 * delegate, so output stays identical as long as {@code maxFrameBytes >=} the delegate's
 * snaplen. When the writer is behind, the simulation thread waits (back-pressure), nothing is
 * dropped. Steady state allocates nothing.
 *
 * <p>A writer failure is remembered; the next call on the simulation thread (with a
 * {@link PcapngWriter} delegate: the next that hands over a buffer, and any flush or close)
 * throws {@link IllegalStateException} with it as the cause, and further output is discarded.
 */
public final class AsyncCaptureSink implements CaptureSink {
    public static final int DEFAULT_RING_SIZE = 1024;
    /** Covers a 9000-byte jumbo frame plus Ethernet/VLAN headers. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 9216;
    /**
     * Buffers in flight for a {@link PcapngWriter} delegate (each of the writer's buffer size, so
     * 16 MiB by default: ~5 ms of slack at the 3 GB/s of pcapng a full l2 capture produces, which
     * rides out the writer thread's scheduling gaps on a 2-core machine; with 8 the simulation
     * thread waited for free buffers: l2 +pcapng into /dev/null 4.0 vs 4.8 M frames/s, medians).
     */
    public static final int DEFAULT_CHUNKS = 16;

    private static final int KIND_INTERFACE = 1;
    private static final int KIND_FRAME = 2;

    private final CaptureSink delegate;
    /** The delegate when it encodes on the caller's thread (buffers go to the writer), else null. */
    private final PcapngWriter encoder;
    /** Per-record entries for any other delegate, else null. */
    private final WriterRing<Entry> ring;
    private final int maxFrameBytes;
    private int interfaces;
    private boolean closed;

    public AsyncCaptureSink(CaptureSink delegate) {
        this(delegate, DEFAULT_RING_SIZE, DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * @param ringSize      entries in the ring, a power of two (not used for a {@link PcapngWriter}
     *                      delegate, which hands over whole buffers)
     * @param maxFrameBytes longer frames are cut to this (bytes preallocated per ring entry)
     */
    public AsyncCaptureSink(CaptureSink delegate, int ringSize, int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, maxFrameBytes=" + maxFrameBytes);
        }
        this.delegate = delegate;
        this.maxFrameBytes = maxFrameBytes;
        if (delegate instanceof PcapngWriter w) {
            w.writeAsynchronously(DEFAULT_CHUNKS);
            this.encoder = w;
            this.ring = null;
        } else {
            this.encoder = null;
            this.ring = new WriterRing<>(() -> new Entry(maxFrameBytes), ringSize,
                    (e, endOfBatch) -> replay(delegate, e, endOfBatch));
        }
    }

    @Override
    public int addInterface(CaptureInterface iface) {
        checkUsable();
        if (encoder != null) {
            int id = encoder.addInterface(iface);
            interfaces++;
            return id;
        }
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
        if (encoder != null && !closed && capturedLen <= maxFrameBytes) {
            // Checks as below; a writer failure is thrown when the next buffer is handed over.
            encoder.frame(ifId, timeNs, direction, buf, off, capturedLen, originalLen, comment);
            return;
        }
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
        if (encoder != null) {
            encoder.frame(ifId, timeNs, direction, buf, off, n, originalLen, comment);
            return;
        }
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
        if (encoder != null) {
            encoder.flush();
            return;
        }
        ring.awaitConsumed();
        rethrowFailure();
    }

    /** Drains the ring, stops the writer thread, then closes the delegate. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (encoder != null) {
            encoder.close(); // hands over the last buffer, stops the writer, then closes the channel
            return;
        }
        ring.stop();
        try {
            delegate.close(); // stop() returned after the writer's last use
        } finally {
            rethrowFailure();
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("capture sink is closed");
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        if (encoder != null) {
            encoder.rethrowWriterFailure();
            return;
        }
        ring.rethrowFailure();
    }

    /** Runs on the writer thread: one entry on the delegate, which is flushed at the end of each batch. */
    private static void replay(CaptureSink delegate, Entry e, boolean endOfBatch) {
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
}
