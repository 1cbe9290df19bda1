package io.dockwire.docker;

import java.util.List;

/** A container's attachment to a network: the veth pair, address, MAC and names. */
public final class Endpoint {
    final String id;
    final Network network;
    final Container container;
    final int ip;
    final String mac;
    final String ifName;
    String vethHost;
    final String vethPeer;
    final List<String> aliases;
    final String requestedIp;
    /** Its key in the network's endpoints and network inspect's Containers: the container ID unless set. */
    String key;
    /** Where the other end of the veth lives: null for the host, else a namespace (an overlay's). */
    String hostNamespace;
    /** The name network inspect shows for it when not the container's (gateway_SANDBOX on docker_gwbridge). */
    String displayName;

    Endpoint(String id, Network network, Container container, int ip, String mac, String ifName,
             String vethHost, String vethPeer, List<String> aliases, String requestedIp) {
        this.id = id;
        this.network = network;
        this.container = container;
        this.ip = ip;
        this.mac = mac;
        this.ifName = ifName;
        this.vethHost = vethHost;
        this.vethPeer = vethPeer;
        this.aliases = List.copyOf(aliases);
        this.requestedIp = requestedIp;
        this.key = container == null ? null : container.id;
    }

    /** Its key in network inspect's Containers: the container ID, or a sandbox's name (ingress-sbox). */
    public String key() {
        return key;
    }

    public String id() {
        return id;
    }

    public Network network() {
        return network;
    }

    public Container container() {
        return container;
    }

    /** Dotted IPv4 address; null on host/none networks. */
    public String ip() {
        return network.subnet == null ? null : Cidr.ip(ip);
    }

    public int ipInt() {
        return ip;
    }

    public int prefix() {
        return network.subnet == null ? 0 : network.subnet.prefix();
    }

    public String mac() {
        return mac;
    }

    /** eth0, eth1, ... inside the container. */
    public String ifName() {
        return ifName;
    }

    /** Host side of the veth pair (veth + 7 hex). */
    public String vethHost() {
        return vethHost;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** The name {@code docker network inspect} gives it: the container's, or its own. */
    public String displayName() {
        return displayName != null ? displayName : container.name;
    }

    /** The --ip the user asked for (IPAMConfig), or null. */
    public String requestedIp() {
        return requestedIp;
    }
}
