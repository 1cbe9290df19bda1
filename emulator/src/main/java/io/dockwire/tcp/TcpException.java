package io.dockwire.tcp;

/** A socket call refused at once (bind/listen errors), carrying the errno Linux returns. */
public final class TcpException extends RuntimeException {
    private final int errno;

    public TcpException(int errno, String message) {
        super(Errno.message(errno) + ": " + message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
