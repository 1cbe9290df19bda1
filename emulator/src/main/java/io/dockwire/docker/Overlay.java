package io.dockwire.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One daemon's side of the swarm's overlay networks: libnetwork's overlay driver (the network
 * namespace {@code 1-<id[:10]>} with {@code br0} and {@code vxlan0}, a veth into it per endpoint,
 * the peers' neighbour and forwarding entries), the load-balancer sandbox of each network
 * ({@code lb_<id[:9]>}) and the ingress sandbox, and docker_gwbridge, which gives a sandbox on
 * overlays only its default route.
 *
 * <p>Every command is the one libnetwork issues through netlink, written as iproute2 would do
 * it, so that {@code export --linux} replays the same objects: the bridge is made in the
 * namespace as {@code ov-VVVVVV-IIIII} and renamed br0; the vxlan device is made in the host as
 * {@code vx-VVVVVV-IIIII} (its UDP socket stays there) and moved in; each endpoint's veth pair is
 * made in the host with MTU 1450, one end moved into the overlay namespace as vethN, the other
 * into the sandbox as ethN with the MAC 02:42 + its address. Peers: for each endpoint of another
 * node, {@code ip neigh add IP lladdr MAC dev vxlan0 nud permanent} then {@code bridge fdb append
 * MAC dev vxlan0 dst NODE self permanent} (peerdb's peerAddOp), so a container's ARP is answered
 * by vxlan0's proxy and no ARP for a container crosses the LAN.
 */
final class Overlay {
    static final int MTU = 1450;

    private final DockerEngine engine;
    private final Wiring w;
    /** This engine's Network object of each swarm network it has seen, by cluster ID. */
    private final Map<String, Network> views = new LinkedHashMap<>();
    /** The networks that exist on this node now (namespace up), by cluster ID. */
    private final Map<String, Local> locals = new LinkedHashMap<>();
    private String address;
    /** The ingress sandbox's docker_gwbridge endpoint while the node is in a swarm. */
    private Endpoint ingressGateway;

    /** A network's namespace on this node and the endpoints in it. */
    private static final class Local {
        final ClusterNetwork cn;
        final Network net;
        final String ns;
        /** veth0, veth1 ...: the next index (osl's dstPrefix numbering). */
        int nextVeth;
        /** Peers of other nodes programmed here. */
        final java.util.Set<ClusterNetwork.Peer> programmed = new java.util.LinkedHashSet<>();
        /** This node's endpoints, with the peer record each published. */
        final Map<Object, ClusterNetwork.Peer> own = new LinkedHashMap<>();
        /** The load-balancer endpoint (lb-NET or ingress-sbox), or null. */
        SandboxEndpoint lb;

        Local(ClusterNetwork cn, Network net) {
            this.cn = cn;
            this.net = net;
            this.ns = "1-" + cn.id.substring(0, 10);
        }
    }

    /** Whether the driver's once-per-daemon vxlan probe ran ({@link Profile.Daemon#vxlanProbe}). */
    private boolean probed;

    Overlay(DockerEngine engine, Wiring w) {
        this.engine = engine;
        this.w = w;
    }

    /** The node's address (its tunnel endpoint), known once it is in a swarm. */
    String address() {
        return address;
    }

    String gossipName() {
        SwarmMember self = engine.swarm().self();
        return self == null ? "" : self.gossipName();
    }

    /** This engine's Network for a swarm network. */
    Network view(ClusterNetwork cn) {
        return views.computeIfAbsent(cn.id, id -> {
            Network n = new Network(cn.id, cn.name, "overlay", null, cn.subnet, cn.gateway, null, cn.userSubnet,
                    false, false, true, false, Map.of("com.docker.network.driver.overlay.vxlanid_list",
                    Integer.toString(cn.vni)), Map.of(), cn.createdMillis);
            n.cluster = cn;
            return n;
        });
    }

    /** Whether the network exists on this node (its namespace is up). */
    boolean local(Network n) {
        return n.cluster != null && locals.containsKey(n.cluster.id);
    }

    /** The overlay networks {@code docker network ls} shows here: all on a manager, the local ones on a worker. */
    List<Network> listed() {
        List<Network> out = new ArrayList<>();
        SwarmCluster c = engine.swarm().cluster();
        if (c == null) {
            return out;
        }
        for (ClusterNetwork cn : c.networks()) {
            if (engine.swarm().manager() || locals.containsKey(cn.id)) {
                out.add(view(cn));
            }
        }
        return out;
    }

    /** A swarm network by reference, as the daemon finds one through the cluster; null when none. */
    Network find(String ref) {
        SwarmCluster c = engine.swarm().cluster();
        if (c == null) {
            return null;
        }
        ClusterNetwork cn = c.findNetwork(ref);
        return cn == null ? null : view(cn);
    }

    /** The nodes a network exists on now, as network inspect's Peers (gossip name, address). */
    List<String[]> peers(Network n) {
        List<String[]> out = new ArrayList<>();
        for (Overlay o : n.cluster.members()) {
            out.add(new String[] {o.gossipName(), o.address});
        }
        return out;
    }

    /** The sandboxes that are not containers on a network here (LB, ingress), for network inspect. */
    List<SandboxEndpoint> sandboxes(Network n) {
        Local l = n.cluster == null ? null : locals.get(n.cluster.id);
        return l == null || l.lb == null ? List.of() : List.of(l.lb);
    }

    // ---- swarm membership ---------------------------------------------------------------------

    /**
     * The node entered a swarm: the ingress network comes up here with the ingress sandbox on it
     * (its address is the node's ingress IP), which needs docker_gwbridge for its default route.
     */
    void joined(SwarmCluster c, String nodeAddress) throws DaemonException {
        this.address = nodeAddress;
        ClusterNetwork ingress = c.networks().isEmpty() ? null : c.networks().get(0);
        if (ingress == null || !ingress.ingress) {
            return;
        }
        Local l = instantiate(ingress);
        String sbox = "ingress_sbox";
        w.addSandbox(sbox, null); // on every node: captures name it by host and namespace
        l.lb = attach(l, sbox, "ingress-sbox", "ingress-endpoint", ingress.allocate(), null);
        ingressGateway = gatewayEndpoint(null, sbox, "ingress-sbox", "gateway_ingress-sbox", "eth1");
    }

    /**
     * The node left its swarm: every overlay network here goes, the ingress sandbox with it; a
     * container still on one loses that endpoint (and keeps its other networks).
     */
    void left() {
        // Each container is taken off its overlays as a disconnect takes it (a network goes with its last one).
        for (Local l : new ArrayList<>(locals.values())) {
            for (Object owner : new ArrayList<>(l.own.keySet())) {
                if (owner instanceof Endpoint ep) {
                    engine.detach(ep.container, ep.network);
                }
            }
        }
        for (Local l : new ArrayList<>(locals.values())) {
            if (l.cn.ingress && ingressGateway != null) {
                dropGatewayEndpoint(ingressGateway);
                ingressGateway = null;
            }
            teardown(l);
        }
        views.clear();
        address = null;
    }

    /** docker_gwbridge: made the first time a sandbox needs it, kept afterwards (as dockerd does). */
    Network gwbridge() throws DaemonException {
        Network gw = engine.findLocalNetwork("docker_gwbridge");
        if (gw != null) {
            return gw;
        }
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("com.docker.network.bridge.enable_icc", "false");
        opts.put("com.docker.network.bridge.enable_ip_masquerade", "true");
        opts.put("com.docker.network.bridge.name", "docker_gwbridge");
        return engine.createLocalNetwork(new NetworkSpec("docker_gwbridge", "bridge", null, null, null, false, opts,
                Map.of()));
    }

    /**
     * libnetwork's default gateway for a sandbox that is only on overlays: an endpoint on
     * docker_gwbridge ({@code gateway_SANDBOX}) with the default route; listed under {@code key}
     * (the container ID, or the sandbox's name) in network inspect.
     */
    Endpoint gatewayEndpoint(Container c, String sandboxNs, String key, String name, String ifName)
            throws DaemonException {
        Network gw = gwbridge();
        long a = gw.pool.allocate();
        if (a < 0) {
            throw new DaemonException("no available IPv4 addresses on this network's address pools: "
                    + gw.name + " (" + gw.id + ")");
        }
        int ip = (int) a;
        Ids ids = engine.ids();
        String mac = engine.profile().macFromIp() ? Starter.macOf(ip) : ids.mac0242();
        Endpoint ep = new Endpoint(ids.id64(), gw, c, ip, mac, ifName, ids.vethName(), ids.vethName(), List.of(), null);
        ep.key = key;
        ep.displayName = name;
        w.addEndpoint(sandboxNs, ep, !engine.profile().userlandProxy());
        gw.endpoints.put(key, ep);
        w.addDefaultRoute(sandboxNs, ep);
        return ep;
    }

    /** The container's docker_gwbridge endpoint goes once it is on no overlay any more. */
    void releaseGateway(Container c) {
        if (c.gwbridge != null && c.endpoints.values().stream().noneMatch(e -> e.network.isOverlay())) {
            new Starter(engine, c).unpublish(c.gwbridge); // its published ports went through docker_gwbridge
            dropGatewayEndpoint(c.gwbridge);
            c.gwbridge = null;
        }
    }

    void dropGatewayEndpoint(Endpoint ep) {
        w.deleteEndpoint(ep);
        ep.network.pool.release(ep.ip);
        ep.network.endpoints.remove(ep.key);
    }

    // ---- networks on this node ---------------------------------------------------------------

    /** ovNetwork.initSandbox + setupSubnetSandbox: the namespace, br0 and vxlan0; then the peers known so far. */
    private Local instantiate(ClusterNetwork cn) {
        if (!probed && engine.profile().daemon().vxlanProbe()) {
            // networkOnceInit (20.10): can a vxlan device move namespace? (moved into the host's own: a no-op here)
            probed = true;
            w.host("ip", "link", "add", "testvxlan", "txqlen", "0", "type", "vxlan", "id", "1", "dstport", "4789",
                    "proxy", "l2miss", "l3miss", "learning");
            w.host("ip", "link", "del", "testvxlan");
        }
        Local l = new Local(cn, view(cn));
        String vni = String.format("%06x", cn.vni);
        String five = cn.id.substring(0, 5);
        String br = "ov-" + vni + "-" + five;
        String vx = "vx-" + vni + "-" + five;
        w.addSandbox(l.ns, null);
        // netlink.Bridge{LinkAttrs{Name}} and netlink.Vxlan{LinkAttrs{Name, MTU}}: TxQLen 0 sent as is.
        w.host("ip", "-n", l.ns, "link", "add", br, "txqlen", "0", "type", "bridge");
        w.host("ip", "-n", l.ns, "link", "set", br, "name", "br0");
        w.host("ip", "-n", l.ns, "addr", "add", Cidr.ip(cn.gateway) + "/" + cn.subnet.prefix(), "brd",
                Cidr.ip(cn.subnet.broadcast()), "dev", "br0");
        w.host("ip", "-n", l.ns, "link", "set", "br0", "up");
        w.host("ip", "link", "add", vx, "mtu", Integer.toString(MTU), "txqlen", "0", "type", "vxlan", "id", Integer.toString(cn.vni),
                "dstport", "4789", "proxy", "l2miss", "l3miss", "learning");
        w.host("ip", "link", "set", vx, "netns", l.ns);
        w.host("ip", "-n", l.ns, "link", "set", vx, "name", "vxlan0");
        w.host("ip", "-n", l.ns, "link", "set", "vxlan0", "master", "br0");
        w.host("ip", "-n", l.ns, "link", "set", "vxlan0", "up");
        locals.put(cn.id, l);
        cn.members().add(this);
        for (ClusterNetwork.Peer p : cn.peers()) {
            if (p.node() != this) {
                program(l, p); // initSandboxPeerDB: peers learned before the namespace existed
            }
        }
        return l;
    }

    /** The network goes from this node: LB endpoint, peers, vxlan0 and br0, the namespace. */
    private void teardown(Local l) {
        if (l.lb != null) {
            unpublish(l, l.lb);
            w.host("ip", "-n", l.ns, "link", "del", l.lb.veth());
            l.cn.release(l.lb.ip());
            w.deleteSandbox(l.lb.ns());
            l.lb = null;
        }
        for (Object owner : new ArrayList<>(l.own.keySet())) {
            unpublish(l, owner);
        }
        w.host("ip", "-n", l.ns, "link", "del", "vxlan0");
        w.host("ip", "-n", l.ns, "link", "del", "br0");
        w.deleteSandbox(l.ns);
        l.cn.members().remove(this);
        locals.remove(l.cn.id);
    }

    /**
     * An endpoint joins: a veth pair made in the host, one end into the overlay namespace as
     * vethN on br0, the other into the sandbox as ethN (MTU 1450, MAC from the address); then its
     * peer record goes to every other node of the network. Returns the LB/ingress sandbox record
     * for a non-container endpoint, null for a container's.
     */
    private SandboxEndpoint attach(Local l, String sandboxNs, String key, String epName, int ip, Endpoint container) {
        Ids ids = engine.ids();
        String hostEnd = ids.vethName();
        String sbEnd = ids.vethName();
        String veth = "veth" + l.nextVeth++;
        String mac = Starter.macOf(ip);
        String ifName = container != null ? container.ifName : "eth0";
        String mtu = Integer.toString(MTU);
        w.host("ip", "link", "add", hostEnd, "mtu", mtu, "txqlen", "0", "type", "veth", "peer", "name", sbEnd, "mtu", mtu, "txqlen", "0");
        w.host("ip", "link", "set", hostEnd, "netns", l.ns);
        w.host("ip", "-n", l.ns, "link", "set", hostEnd, "name", veth);
        w.host("ip", "-n", l.ns, "link", "set", veth, "master", "br0");
        w.host("ip", "-n", l.ns, "link", "set", veth, "up");
        w.host("ip", "link", "set", sbEnd, "netns", sandboxNs);
        w.host("ip", "-n", sandboxNs, "link", "set", sbEnd, "name", ifName);
        w.host("ip", "-n", sandboxNs, "link", "set", ifName, "address", mac);
        w.host("ip", "-n", sandboxNs, "addr", "add", Cidr.ip(ip) + "/" + l.cn.subnet.prefix(), "brd",
                Cidr.ip(l.cn.subnet.broadcast()), "dev", ifName);
        w.host("ip", "-n", sandboxNs, "link", "set", ifName, "up");
        SandboxEndpoint sb = container == null ? new SandboxEndpoint(key, epName, sandboxNs, ids.id64(), ip, mac, veth) : null;
        ClusterNetwork.Peer p = new ClusterNetwork.Peer(ip, mac, this, container);
        l.own.put(container != null ? container : sb, p);
        l.cn.addPeer(p);
        for (Overlay o : l.cn.members()) {
            if (o != this) {
                o.program(o.locals.get(l.cn.id), p);
            }
        }
        if (container != null) {
            container.vethHost = veth;
            container.hostNamespace = l.ns;
        }
        return sb;
    }

    /** A container's endpoint goes: its peer record from every node, its veth, its address. */
    private void detach(Local l, Endpoint ep) {
        unpublish(l, ep);
        w.deleteEndpoint(ep);
        l.cn.release(ep.ip);
    }

    /** An endpoint's peer record goes: from the network's table and from every other node's vxlan0. */
    private void unpublish(Local l, Object owner) {
        ClusterNetwork.Peer p = l.own.remove(owner);
        if (p == null) {
            return;
        }
        l.cn.removePeer(p);
        for (Overlay o : l.cn.members()) {
            if (o != this) {
                o.unprogram(p);
            }
        }
    }

    /** peerAddOp: the remote endpoint's neighbour entry, then its forwarding entry to its node. */
    private void program(Local l, ClusterNetwork.Peer p) {
        if (l == null || l.programmed.contains(p)) {
            return;
        }
        w.in(l.ns, "ip", "neigh", "add", Cidr.ip(p.ip()), "lladdr", p.mac(), "dev", "vxlan0", "nud", "permanent");
        w.in(l.ns, "bridge", "fdb", "append", p.mac(), "dev", "vxlan0", "dst", p.node().address, "self", "permanent");
        l.programmed.add(p);
    }

    /** peerDeleteOp: the forwarding entry, then the neighbour entry. */
    private void unprogram(ClusterNetwork.Peer p) {
        for (Local l : locals.values()) {
            if (l.programmed.remove(p)) {
                w.in(l.ns, "bridge", "fdb", "del", p.mac(), "dev", "vxlan0", "self");
                w.in(l.ns, "ip", "neigh", "del", Cidr.ip(p.ip()), "dev", "vxlan0");
            }
        }
    }

    // ---- containers ---------------------------------------------------------------------------

    /**
     * A standalone container joins an attachable overlay: its address from the swarm's allocator;
     * the network comes up here if it is new to this node, with its load-balancer sandbox
     * ({@code lb_<id[:9]>}, whose address follows the container's); then the container's endpoint.
     */
    Endpoint join(Container c, Network net, Container.NetConfig nc, String ifName) throws DaemonException {
        ClusterNetwork cn = net.cluster;
        if (!cn.attachable) {
            throw new DaemonException("Could not attach to network " + net.name + ": rpc error: code = "
                    + "PermissionDenied desc = network " + net.name + " not manually attachable");
        }
        int ip;
        if (nc.ip() != null) {
            Integer want = Cidr.parseIp(nc.ip());
            if (want == null || !cn.reserve(want)) {
                // The manager cannot give the attachment that address; the daemon waits for it in
                // vain (seen for one outside the subnet; an address in use is taken to fail alike).
                throw new DaemonException("attaching to network failed, make sure your network options are correct "
                        + "and check manager logs: context deadline exceeded");
            }
            ip = want;
        } else {
            ip = cn.allocate();
        }
        if (ip < 0) {
            throw new DaemonException("Could not attach to network " + net.name + ": rpc error: code = "
                    + "ResourceExhausted desc = could not allocate IP from IPAM");
        }
        Local l = locals.get(cn.id);
        if (l == null) {
            l = instantiate(cn);
            String lbNs = "lb_" + cn.id.substring(0, 9);
            w.addSandbox(lbNs, null); // every node has its lb-NET: captures name it by host and namespace
            l.lb = attach(l, lbNs, "lb-" + cn.name, cn.name + "-endpoint", cn.allocate(), null);
        }
        // The attachment's address becomes the endpoint's IPAM config (inspect's IPAMConfig.IPv4Address).
        Endpoint ep = new Endpoint(engine.ids().id64(), net, c, ip, Starter.macOf(ip), ifName, null, null,
                nc.aliases(), Cidr.ip(ip));
        attach(l, c.netns(), null, null, ip, ep);
        return ep;
    }

    /** The container's endpoint leaves; the network goes from this node with its last container. */
    void leave(Endpoint ep) {
        ClusterNetwork cn = ep.network.cluster;
        Local l = locals.get(cn.id);
        if (l == null) {
            return;
        }
        detach(l, ep);
        boolean containersLeft = l.own.keySet().stream().anyMatch(o -> o instanceof Endpoint);
        if (!containersLeft && !cn.ingress) {
            teardown(l);
        }
    }
}
