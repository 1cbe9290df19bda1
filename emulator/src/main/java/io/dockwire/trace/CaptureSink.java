package io.dockwire.trace;

/**
 * Where the simulation hands every captured frame. Implementations copy the bytes before
 * returning: the caller reuses its buffer at once. Called only from the simulation thread.
 *
 * <p>Interfaces are declared first (one pcapng Interface Description Block each) and referred
 * to afterwards by the id {@link #addInterface} returned, in declaration order from 0.
 */
public interface CaptureSink extends AutoCloseable {

    /** Direction of a frame at a capture point, as pcapng epb_flags bits 0-1. */
    int DIR_UNKNOWN = 0;
    int DIR_IN = 1;
    int DIR_OUT = 2;

    /** Declares a capture point; returns its interface id (0, 1, 2, ... in call order). */
    int addInterface(CaptureInterface iface);

    /**
     * Records one frame seen on interface {@code ifId} at simulated time {@code timeNs}.
     *
     * @param comment an optional annotation (pcapng opt_comment), or null; callers pass
     *                constant or cached strings so the hot path allocates nothing
     */
    void frame(int ifId, long timeNs, int direction, byte[] buf, int off, int len, String comment);

    /**
     * Records a frame of which only the first {@code capturedLen} bytes are given, while it was
     * {@code originalLen} bytes long on the wire (pcapng caplen/origlen). A sink that hands
     * frames on (an asynchronous one copying into fixed-size slots) uses this so the final file
     * still states the true length. The default ignores {@code originalLen}.
     */
    default void frame(int ifId, long timeNs, int direction, byte[] buf, int off, int capturedLen,
                       int originalLen, String comment) {
        frame(ifId, timeNs, direction, buf, off, capturedLen, comment);
    }

    /** Writes everything recorded so far and keeps the file valid. */
    void flush();

    @Override
    void close();

    /** A sink that records nothing (tracing off). */
    CaptureSink NONE = new CaptureSink() {
        private int next;

        @Override
        public int addInterface(CaptureInterface iface) {
            return next++;
        }

        @Override
        public void frame(int ifId, long timeNs, int direction, byte[] buf, int off, int len, String comment) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
}
