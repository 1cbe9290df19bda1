package io.dockwire.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * One preallocated little-endian buffer in front of a channel. Writers reserve small fixed
 * fields with {@link #ensure} and stream payloads with {@link #put(byte[], int, int)}, so a block
 * may be larger than the buffer and nothing is allocated per record.
 */
final class ChannelBuffer {
    /** Largest fixed-size group of fields a writer reserves at once. */
    static final int MIN_CAPACITY = 64;

    private final WritableByteChannel channel;
    final ByteBuffer buf;
    private boolean closed;

    ChannelBuffer(WritableByteChannel channel, int capacity, boolean direct) {
        if (capacity < MIN_CAPACITY) {
            throw new IllegalArgumentException("buffer capacity must be >= " + MIN_CAPACITY + ", capacity=" + capacity);
        }
        this.channel = channel;
        this.buf = (direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity))
                .order(ByteOrder.LITTLE_ENDIAN);
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

    /** Writes everything buffered to the channel. */
    void drain() {
        checkOpen();
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

    void close() {
        if (closed) {
            return;
        }
        try {
            drain();
        } finally {
            closed = true;
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing capture failed", e);
            }
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
