package io.dockwire.apps;

import io.dockwire.kernel.Kernel;
import io.dockwire.wire.Ipv4Address;

/**
 * What the two docker-proxy processes ({@link DockerProxy} for TCP, {@link DockerUdpProxy} for
 * UDP) have in common: the published address and the container's address they relay between,
 * taken as {@code docker-proxy}'s {@code -host-ip -host-port -container-ip -container-port}, and
 * a stop that ends with exit status 0.
 */
abstract class ProxyProcess extends AppProcess {
    final int hostIp;
    final int hostPort;
    final int containerIp;
    final int containerPort;

    ProxyProcess(Kernel.Services host, String hostIp, int hostPort, String containerIp, int containerPort) {
        super(host, AppEnv.gnu());
        this.hostIp = Ipv4Address.parse(hostIp);
        this.hostPort = hostPort;
        this.containerIp = Ipv4Address.parse(containerIp);
        this.containerPort = containerPort;
    }

    @Override
    public void stop() {
        exit(0);
    }
}
