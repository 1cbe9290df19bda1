package io.dockwire.trace;

/**
 * A capture file that cannot be read: cut short, or a length/field that contradicts the format.
 * Unchecked because readers work on an in-memory (or mapped) image, so every failure is a
 * property of the bytes, not of I/O. The message always names the record and its byte offset.
 */
public final class TraceFormatException extends RuntimeException {
    private final long offset;

    public TraceFormatException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /** Byte offset, from the start of the file, of the block or record that failed. */
    public long offset() {
        return offset;
    }
}
