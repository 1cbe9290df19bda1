package io.dockwire.tcp;

/**
 * A listening socket. Half-open connections (SYN-RECV) count against the backlog, as do
 * Linux's request sockets against sk_max_ack_backlog; a SYN beyond it is dropped silently
 * (the client retransmits), like a full accept queue without SYN cookies.
 */
public final class TcpListener {
    final TcpStack stack;
    final int addr;
    final int port;
    final int backlog;
    final AcceptHandler handler;
    int pending;
    boolean open = true;
    /** Next listener on the same port (different address). */
    TcpListener next;

    TcpListener(TcpStack stack, int addr, int port, int backlog, AcceptHandler handler) {
        this.stack = stack;
        this.addr = addr;
        this.port = port;
        this.backlog = backlog;
        this.handler = handler;
    }

    public int addr() {
        return addr;
    }

    public int port() {
        return port;
    }

    /** Half-open connections waiting for their final ACK. */
    public int pending() {
        return pending;
    }

    /** Stops listening; established connections stay, half-open ones die with their timers. */
    public void close() {
        if (open) {
            open = false;
            stack.unlisten(this);
        }
    }
}
