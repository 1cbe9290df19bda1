package io.dockwire.tcp;

/** A listener's application: called once per connection when its handshake completes. */
@FunctionalInterface
public interface AcceptHandler {
    /** Returns the callbacks for the new connection (never null). */
    TcpCallbacks onAccept(TcpConnection c);
}
