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
 * ways. A FIN from one side becomes a shutdown of the other (Go's CloseWrite); when the dial
 * fails the client connection is closed at once. This is what answers {@code curl
 * localhost:8080} on the host, which the OUTPUT DNAT rule skips ({@code ! -d 127.0.0.0/8}).
 * UDP ports get {@link DockerUdpProxy}.
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
        boolean clientEof;
        boolean backendEof;
        boolean dead;

        Pair(TcpConnection client) {
            this.client = client;
        }

        final TcpCallbacks clientSide = new TcpCallbacks() {
            @Override
            public void onData(TcpConnection c, byte[] buf, int off, int len) {
                if (!dead) {
                    backend.send(buf, off, len); // queued until the dial completes
                }
            }

            @Override
            public void onEof(TcpConnection c) {
                clientEof = true;
                if (!dead) {
                    backend.shutdownOutput();
                }
                closeIfDone();
            }

            @Override
            public void onError(TcpConnection c, int errno) {
                if (!dead) {
                    dead = true;
                    backend.close();
                }
            }
        };

        final TcpCallbacks backendSide = new TcpCallbacks() {
            @Override
            public void onData(TcpConnection c, byte[] buf, int off, int len) {
                if (!dead) {
                    client.send(buf, off, len);
                }
            }

            @Override
            public void onEof(TcpConnection c) {
                backendEof = true;
                if (!dead) {
                    client.shutdownOutput();
                }
                closeIfDone();
            }

            @Override
            public void onError(TcpConnection c, int errno) {
                if (!dead) {
                    dead = true;
                    client.close();
                }
            }
        };

        private void closeIfDone() {
            if (clientEof && backendEof && !dead) {
                dead = true;
                client.close();
                backend.close();
            }
        }
    }
}
