package io.dockwire.docker;

/** A published port while the container runs: host ip:port to the container port. */
public record PortMapping(String hostIp, int hostPort, int containerPort, String proto) {
    public String key() {
        return containerPort + "/" + proto;
    }
}
