package io.dockwire.apps;

import io.dockwire.kernel.Kernel;
import io.dockwire.tcp.TcpCallbacks;
import io.dockwire.tcp.TcpConnection;
import io.dockwire.tcp.TcpListener;

/**
 * docker-proxy, the userland proxy of a published TCP port (Docker 27 starts one per port:
 * {@code docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2
 * -container-port 80}). It listens on host-ip:host-port in the host namespace and, for each
 * accepted connection, dials the container from the host's own address on the bridge (the
 * route's source, so the container sees the gateway as the client), then copies bytes both
 * ways. A FIN from one side becomes a shutdown of the other (Go's CloseWrite). The client is
 * not read until the dial completes (Go's clientLoop dials, then starts its two copiers): when
 * the dial fails the client connection is closed at once, and when the client's request had
 * already arrived it is still unread, so the close is a RST (tcp_close with unread data), not a
 * FIN - on the kernel, 23 of 30 {@code curl localhost:PORT} to a container port nobody listens on
 * ended with "(56) Recv failure: Connection reset by peer", the others, whose request came after
 * the close, with "(52) Empty reply from server" (traces/CONFORMANCE.md, finding 13). This is
 * what answers {@code curl localhost:8080} on the host, which the OUTPUT DNAT rule skips
 * ({@code ! -d 127.0.0.0/8}). UDP ports get {@link DockerUdpProxy}.
 */
public final class DockerProxy extends ProxyProcess {
    private TcpListener listener;
    private long relayed;

    private DockerProxy(Kernel.Services host, String hostIp, int hostPort, String containerIp, int containerPort) {
        super(host, hostIp, hostPort, containerIp, containerPort);
    }

    /** Starts the proxy in namespace {@code ns} (null = root); throws TcpException if the port is taken. */
    public static DockerProxy start(Kernel kernel, String ns, String hostIp, int hostPort, String containerIp,
            int containerPort) {
        DockerProxy p = new DockerProxy(services(kernel, ns), hostIp, hostPort, containerIp, containerPort);
        p.start();
        return p;
    }

    /** Connections accepted so far. */
    public long connections() {
        return relayed;
    }

    @Override
    protected void start() {
        listener = tcp().listen(hostIp, hostPort, 4096, client -> {
            relayed++;
            Pair pair = new Pair(client);
            pair.backend = tcp().connect(containerIp, containerPort, pair.backendSide);
            return pair.clientSide;
        });
    }

    @Override
    protected void release() {
        if (listener != null) {
            listener.close();
        }
    }

    /** One relayed connection: the client's side and the container's side. */
    private static final class Pair {
        final TcpConnection client;
        TcpConnection backend;
        final Side clientSide = new Side(true);
        final Side backendSide = new Side(false);
        boolean dead;
        /** The dial to the container completed; before that the client's bytes stay unread. */
        boolean dialled;
        /** Client bytes that arrived before the dial completed (Go reads none of them before). */
        int unread;

        Pair(TcpConnection client) {
            this.client = client;
        }

        private void closeIfDone() {
            if (clientSide.eof && backendSide.eof && !dead) {
                dead = true;
                client.close();
                backend.close();
            }
        }

        /** The callbacks of one of the two connections: what arrives on it goes to the other. */
        private final class Side implements TcpCallbacks {
            private final boolean onClient;
            boolean eof;

            Side(boolean onClient) {
                this.onClient = onClient;
            }

            /** The connection this side relays to (read late: the backend is set after the accept). */
            private TcpConnection other() {
                return onClient ? backend : client;
            }

            @Override
            public void onConnected(TcpConnection c) {
                if (!onClient) {
                    dialled = true;
                    if (clientSide.eof && !dead) {
                        backend.shutdownOutput(); // the client's FIN, after its bytes
                    }
                }
            }

            @Override
            public void onData(TcpConnection c, byte[] buf, int off, int len) {
                if (!dead) {
                    if (onClient && !dialled) {
                        unread += len;
                    }
                    other().send(buf, off, len); // toward the backend: queued until the dial completes
                }
            }

            @Override
            public void onEof(TcpConnection c) {
                eof = true;
                if (!dead && (dialled || !onClient)) {
                    other().shutdownOutput(); // a client's FIN before the dial completes waits, unread
                }
                closeIfDone();
            }

            @Override
            public void onError(TcpConnection c, int errno) {
                if (!dead) {
                    dead = true;
                    if (!onClient && !dialled && unread > 0) {
                        client.abort(); // the dial failed with the client's bytes unread: RST
                    } else {
                        other().close();
                    }
                }
            }
        }
    }
}
