package io.dockwire.apps;

import io.dockwire.tcp.TcpCallbacks;
import io.dockwire.tcp.TcpConnection;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP request over a new TCP connection, for curl and wget: connect, write the request,
 * read the response, and - once the whole body is in - close the connection ourselves (curl
 * and wget both close on exit), so the client's FIN comes first unless the server closed
 * already (Connection: close, or a body delimited by EOF).
 */
final class HttpExchange implements TcpCallbacks {
    /** What the tool hears. */
    interface Listener {
        void connected();

        /** The response is complete. */
        void done(HttpResponse r);

        /** The connection failed: connect errno, or reset / EOF before a complete response. */
        void failed(int errno, HttpResponse partial);
    }

    private final AppProcess owner;
    private final byte[] request;
    private final HttpResponse response;
    private final Listener listener;
    private TcpConnection conn;
    private boolean connected;
    private boolean over;
    private boolean peerClosed;

    HttpExchange(AppProcess owner, String request, boolean head, Listener listener) {
        this.owner = owner;
        this.request = request.getBytes(StandardCharsets.ISO_8859_1);
        this.response = new HttpResponse(head);
        this.listener = listener;
    }

    void start(int addr, int port) {
        conn = owner.tcp().connect(addr, port, this);
    }

    boolean connected() {
        return connected;
    }

    /** The server ended the connection (EOF) before we were done with it. */
    boolean peerClosed() {
        return peerClosed;
    }

    HttpResponse response() {
        return response;
    }

    /** Gives up (a timeout): closes the socket as the tool's exit does. */
    void cancel() {
        if (!over) {
            over = true;
            conn.close();
        }
    }

    @Override
    public void onConnected(TcpConnection c) {
        connected = true;
        listener.connected();
        c.send(request, 0, request.length);
    }

    @Override
    public void onData(TcpConnection c, byte[] buf, int off, int len) {
        if (over) {
            return;
        }
        response.append(buf, off, len);
        if (response.complete()) {
            over = true;
            c.close();
            listener.done(response);
        }
    }

    @Override
    public void onEof(TcpConnection c) {
        if (over) {
            return;
        }
        over = true;
        peerClosed = true;
        c.close();
        if (response.hasHeaders()) {
            listener.done(response); // body delimited by the end of the connection
        } else {
            listener.failed(0, response);
        }
    }

    @Override
    public void onError(TcpConnection c, int errno) {
        if (!over) {
            over = true;
            listener.failed(errno, response);
        }
    }
}
