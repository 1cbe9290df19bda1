package io.dockwire.trace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Whole output buffers ("chunks") handed from one producer thread to a writer thread that only
 * writes them to a channel, in order. The chunks are preallocated, one per ring entry: the
 * producer fills the chunk of the sequence it has claimed, publishes it and claims the next,
 * which the ring hands over only once the writer has written it out (back-pressure: the producer
 * waits, nothing is dropped). One publish per chunk; nothing is allocated after start-up.
 */
final class ChunkPipe {
    private final WriterRing<ByteBuffer> ring;
    private long claimed = -1;

    /** @param chunks chunks of {@code chunkBytes} each, a power of two >= 2 */
    ChunkPipe(WritableByteChannel channel, int chunkBytes, int chunks) {
        if (chunks < 2 || Integer.bitCount(chunks) != 1) {
            throw new IllegalArgumentException("chunks must be a power of two >= 2, chunks=" + chunks);
        }
        this.ring = new WriterRing<>(() -> ByteBuffer.allocate(chunkBytes).order(ByteOrder.LITTLE_ENDIAN), chunks,
                (chunk, endOfBatch) -> {
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                });
    }

    /** Claims the next chunk and returns it empty; waits while all the others are still being written. */
    ByteBuffer claim() {
        claimed = ring.next();
        return ring.get(claimed).clear(); // the writer is done with it (or skipped it after a failure)
    }

    /** Hands the claimed chunk, filled from 0 to its position, to the writer. */
    void publish() {
        ring.get(claimed).flip();
        ring.publish(claimed);
        claimed = -1;
    }

    /** Waits until the writer has written (or, after a failure, skipped) every published chunk. */
    void awaitWritten() {
        ring.awaitConsumed();
    }

    /** Stops the writer thread after everything published; a claimed chunk must be published first. */
    void stop() {
        if (claimed != -1) {
            throw new IllegalStateException("a claimed chunk was not published");
        }
        ring.stop();
    }

    /** Throws what writing failed with, wrapped in an {@link IllegalStateException}, if it failed. */
    void rethrowFailure() {
        ring.rethrowFailure();
    }
}
