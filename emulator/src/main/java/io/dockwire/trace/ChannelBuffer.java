package io.dockwire.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * One preallocated little-endian heap buffer in front of a channel. Writers reserve small fixed
 * fields with {@link #ensure} and stream payloads with {@link #put(byte[], int, int)}, so a block
 * may be larger than the buffer and nothing is allocated per record.
 *
 * <p>After {@link #writeAsynchronously} a full buffer is not written but handed whole to a
 * writer thread ({@link ChunkPipe}) and writing goes on in the next free one of a few such
 * buffers: the caller only encodes. The byte stream is the same either way.
 */
final class ChannelBuffer {
    /** Largest fixed-size group of fields a writer reserves at once. */
    static final int MIN_CAPACITY = 64;

    private final WritableByteChannel channel;
    private ByteBuffer buf;
    private ChunkPipe pipe;
    private long drained;
    private boolean closed;

    ChannelBuffer(WritableByteChannel channel, int capacity) {
        if (capacity < MIN_CAPACITY) {
            throw new IllegalArgumentException("buffer capacity must be >= " + MIN_CAPACITY + ", capacity=" + capacity);
        }
        this.channel = channel;
        this.buf = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * From now on hands full buffers to a writer thread instead of writing them; {@code chunks}
     * buffers of this one's capacity (a power of two >= 2) circulate. What is buffered so far
     * goes out first.
     */
    void writeAsynchronously(int chunks) {
        checkOpen();
        if (pipe != null) {
            throw new IllegalStateException("already writing asynchronously");
        }
        pipe = new ChunkPipe(channel, buf.capacity(), chunks);
        ByteBuffer first = pipe.claim();
        first.put(buf.flip());
        buf = first;
    }

    /** Bytes put so far: written out, handed to the writer thread or still buffered. */
    long bytes() {
        return drained + (buf == null ? 0 : buf.position());
    }

    /** Room left in the current buffer. */
    int remaining() {
        return buf.remaining();
    }

    /** The current buffer, for a caller that checked {@link #remaining()} first. */
    ByteBuffer buffer() {
        return buf;
    }

    /** Makes room for {@code n <= MIN_CAPACITY} bytes, writing out what is buffered if needed. */
    ByteBuffer ensure(int n) {
        if (buf.remaining() < n) {
            drain();
        }
        return buf;
    }

    void put(byte[] src, int off, int len) {
        while (len > 0) {
            if (!buf.hasRemaining()) {
                drain();
            }
            int n = Math.min(len, buf.remaining());
            buf.put(src, off, n);
            off += n;
            len -= n;
        }
    }

    void zeros(int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf.put((byte) 0);
        }
    }

    /**
     * Writes everything buffered to the channel; when writing asynchronously, hands it to the
     * writer thread instead (returning at once unless all chunks are in flight).
     */
    void drain() {
        checkOpen();
        if (pipe != null) {
            rethrowFailure();
            if (buf.position() > 0) {
                drained += buf.position();
                pipe.publish();
                buf = pipe.claim();
            }
            return;
        }
        drained += buf.position();
        buf.flip();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing capture failed", e);
        } finally {
            buf.clear();
        }
    }

    /** {@link #drain()}, and when writing asynchronously, waits until the writer has written it all. */
    void flush() {
        drain();
        if (pipe != null) {
            pipe.awaitWritten();
            rethrowFailure();
        }
    }

    void close() {
        if (closed) {
            return;
        }
        try {
            if (pipe != null) {
                closeAsynchronous();
            } else {
                drain();
            }
        } finally {
            closed = true;
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing capture failed", e);
            }
        }
    }

    /** Publishes the last chunk (the claimed one, even empty), stops the writer thread after it. */
    private void closeAsynchronous() {
        drained += buf.position();
        pipe.publish();
        buf = null;
        pipe.stop(); // orders the channel's close after the writer's last write
        rethrowFailure();
    }

    /** A failure of the writer thread, thrown on the caller's thread. */
    void rethrowFailure() {
        if (pipe != null) {
            pipe.rethrowFailure();
        }
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("capture writer is closed");
        }
    }
}
