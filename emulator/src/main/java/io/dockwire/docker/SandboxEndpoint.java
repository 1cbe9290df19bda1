package io.dockwire.docker;

/**
 * An endpoint of a sandbox that is not a container: the load balancer of an overlay network
 * ({@code lb-NET}, endpoint {@code NET-endpoint}, namespace {@code lb_<id[:9]>}) or the ingress
 * sandbox ({@code ingress-sbox}, endpoint {@code ingress-endpoint}), as network inspect lists it.
 *
 * @param key          its key in network inspect's Containers
 * @param endpointName its Name there
 * @param ns           its network namespace
 * @param veth         its veth's name in the overlay namespace
 */
public record SandboxEndpoint(String key, String endpointName, String ns, String endpointId, int ip, String mac,
                              String veth) {
    public String address() {
        return Cidr.ip(ip);
    }
}
