package io.dockwire.docker;

import java.util.ArrayList;
import java.util.List;

/**
 * A swarm-scoped (overlay) network as the managers' store holds it: ID, subnet, VNI, flags, and
 * the allocator of its addresses - serial, as swarmkit asks libnetwork's IPAM with
 * {@code com.docker.network.ipam.serial=true}: each new address is the next one after the last
 * handed out, so a freed address is not reused until the range wraps. Also the gossip tables of
 * the network (NetworkDB): every node's endpoints, for peers (VXLAN forwarding entries) and names.
 */
final class ClusterNetwork {
    final String id;
    final String name;
    final Cidr subnet;
    final int gateway;
    final int vni;
    final boolean attachable;
    final boolean ingress;
    final boolean userSubnet;
    final long createdMillis;
    private final boolean[] used;
    private int last;
    /**
     * An endpoint as the gossip tables carry it: overlay_peer_table's PeerRecord (address, MAC, the
     * node's tunnel endpoint) and, for a container, endpoint_table's names.
     *
     * @param container the container's endpoint, or null for a load-balancer or ingress endpoint
     */
    record Peer(int ip, String mac, Overlay node, Endpoint container) {
    }

    /**
     * The id of the network-attachment task behind a container's endpoint, drawn when first
     * shown (only an error names it), so drawing it changes no other id.
     */
    private final java.util.Map<Peer, String> tasks = new java.util.HashMap<>();

    String task(Peer p, SwarmCluster c) {
        return tasks.computeIfAbsent(p, k -> c.newId());
    }

    /** Every node's endpoints, in the order they joined. */
    private final List<Peer> peers = new ArrayList<>();
    /** The nodes where the network exists now (its namespace is up), in the order they joined it. */
    private final List<Overlay> members = new ArrayList<>();

    ClusterNetwork(String id, String name, Cidr subnet, int vni, boolean attachable, boolean ingress,
                   boolean userSubnet, long createdMillis) {
        this.id = id;
        this.name = name;
        this.subnet = subnet;
        this.gateway = subnet.network() + 1;
        this.vni = vni;
        this.attachable = attachable;
        this.ingress = ingress;
        this.userSubnet = userSubnet;
        this.createdMillis = createdMillis;
        this.used = new boolean[(int) Math.min(1L << (32 - subnet.prefix()), 1 << 16)];
        used[0] = true;
        used[used.length - 1] = true;
        used[1] = true; // the gateway
        this.last = 1;
    }

    /** The next free address after the last one handed out (wrapping), or -1 when none is left. */
    int allocate() {
        for (int i = 1; i <= used.length; i++) {
            int h = (last + i) % used.length;
            if (!used[h]) {
                used[h] = true;
                last = h;
                return subnet.network() + h;
            }
        }
        return -1;
    }

    /**
     * A requested address (--ip): taken when it is a free host address of the subnet, without
     * moving where {@link #allocate} goes on from (a real 20.10 handed out .2 after a container
     * asked for .50); false otherwise.
     */
    boolean reserve(int ip) {
        int h = ip - subnet.network();
        if (!subnet.contains(ip) || h >= used.length || used[h]) {
            return false;
        }
        used[h] = true;
        return true;
    }

    void release(int ip) {
        int h = ip - subnet.network();
        if (h > 1 && h < used.length - 1) {
            used[h] = false;
        }
    }

    void addPeer(Peer p) {
        peers.add(p);
    }

    void removePeer(Peer p) {
        peers.remove(p);
    }

    /** Every node's endpoints, oldest first. */
    List<Peer> peers() {
        return peers;
    }

    List<Overlay> members() {
        return members;
    }
}
