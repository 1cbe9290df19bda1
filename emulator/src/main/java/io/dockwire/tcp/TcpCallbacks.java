package io.dockwire.tcp;

/**
 * What a connection tells its application. All calls come from the simulation thread at the
 * simulated time of the segment or timer that caused them; the application may call back into
 * the connection (send, close) from inside a callback.
 */
public interface TcpCallbacks {
    /** Handshake complete (active open: SYN-ACK received; passive: final ACK received). */
    default void onConnected(TcpConnection c) {
    }

    /** In-order bytes; valid only during the call. */
    default void onData(TcpConnection c, byte[] buf, int off, int len) {
    }

    /** The peer sent FIN after all data delivered (read returns 0). */
    default void onEof(TcpConnection c) {
    }

    /**
     * The connection died: ECONNREFUSED (RST to our SYN), ETIMEDOUT (SYN or data retries
     * exhausted), ECONNRESET (RST in a synchronized state), ENETUNREACH (no route at connect).
     * No further callbacks follow.
     */
    default void onError(TcpConnection c, int errno) {
    }
}
