package io.dockwire.tcp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A scripted test application: records what TCP told it, with simulated times in ms. */
final class AppLog implements TcpCallbacks {
    final String name;
    final List<String> events;
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    Consumer<TcpConnection> onConnected = c -> { };
    Consumer<TcpConnection> onEof = c -> { };
    TcpConnection conn;

    AppLog(String name, List<String> events) {
        this.name = name;
        this.events = events;
    }

    private String at(TcpConnection c) {
        return c.stack.host.sim().now() / 1_000_000 + "ms " + name + " ";
    }

    @Override
    public void onConnected(TcpConnection c) {
        conn = c;
        events.add(at(c) + "connected");
        onConnected.accept(c);
    }

    @Override
    public void onData(TcpConnection c, byte[] buf, int off, int len) {
        received.write(buf, off, len);
    }

    @Override
    public void onEof(TcpConnection c) {
        events.add(at(c) + "eof after " + received.size() + " bytes");
        onEof.accept(c);
    }

    @Override
    public void onError(TcpConnection c, int errno) {
        events.add(at(c) + "error " + Errno.message(errno));
    }
}
