package io.dockwire.apps;

import io.dockwire.ip.UdpReceiver;
import io.dockwire.ip.UdpSocket;
import io.dockwire.kernel.Kernel;
import io.dockwire.tcp.TcpException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * docker-proxy for a published UDP port ({@code -proto udp}): one socket bound to
 * host-ip:host-port; per client address and port a connected socket to the container (from
 * the host's bridge address), replies relayed back from the published port. A flow is
 * forgotten after 90 s without a datagram from the client (moby's UDPConnTrackTimeout).
 */
public final class DockerUdpProxy extends ProxyProcess implements UdpReceiver {
    static final long FLOW_TIMEOUT_NS = 90_000_000_000L;

    private final Map<Long, Flow> flows = new LinkedHashMap<>();
    private UdpSocket front;

    private DockerUdpProxy(Kernel.Services host, String hostIp, int hostPort, String containerIp, int containerPort) {
        super(host, hostIp, hostPort, containerIp, containerPort);
    }

    /** Starts the UDP proxy in namespace {@code ns} (null = root); throws TcpException if the port is taken. */
    public static DockerUdpProxy start(Kernel kernel, String ns, String hostIp, int hostPort, String containerIp,
            int containerPort) {
        DockerUdpProxy p = new DockerUdpProxy(services(kernel, ns), hostIp, hostPort, containerIp, containerPort);
        p.start();
        return p;
    }

    /** Client flows currently tracked. */
    public int flows() {
        return flows.size();
    }

    @Override
    protected void start() {
        front = ns().udpOpen(this);
        int rc = front.bind(hostIp, hostPort);
        if (rc < 0) {
            throw new TcpException(-rc, "udp proxy cannot bind, port=" + hostPort);
        }
    }

    @Override
    public void receive(UdpSocket s, int src, int sport, int dst, int dport, byte[] buf, int off, int len, long now) {
        long key = ((long) src << 16) | sport;
        Flow f = flows.get(key);
        if (f == null) {
            f = new Flow(src, sport, key);
            if (f.back.connect(containerIp, containerPort) < 0) {
                f.back.close();
                return;
            }
            flows.put(key, f);
        }
        f.touch();
        f.back.send(buf, off, len, now);
    }

    @Override
    protected void release() {
        front.close();
        for (Flow f : flows.values()) {
            f.back.close();
        }
        flows.clear();
    }

    /** One client's relay: a socket toward the container and its idle timer. */
    private final class Flow implements UdpReceiver {
        final int client;
        final int clientPort;
        final long key;
        final UdpSocket back;
        long timer = -1;

        Flow(int client, int clientPort, long key) {
            this.client = client;
            this.clientPort = clientPort;
            this.key = key;
            this.back = ns().udpOpen(this);
        }

        void touch() {
            if (timer >= 0) {
                cancel(timer);
            }
            timer = after(FLOW_TIMEOUT_NS, () -> {
                back.close();
                flows.remove(key);
            });
        }

        @Override
        public void receive(UdpSocket s, int src, int sport, int dst, int dport, byte[] buf, int off, int len, long now) {
            if (!done()) {
                front.sendTo(client, clientPort, buf, off, len, now);
            }
        }
    }
}
