package io.dockwire.docker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The daemon's networks: the predefined none/host/bridge, user-defined bridges with their IPAM
 * (default pools, --subnet/--gateway/--ip-range, overlap checks) and the bridge device and
 * iptables programming each one gets.
 */
final class NetworkTable {
    private final Profile profile;
    private final Ids ids;
    private final Wiring wiring;
    private final RuleLayout rules;
    private final LongSupplier nowMillis;
    private final List<Cidr> hostNetworks;
    /** By id, in creation order. */
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private boolean brNetfilterSet;

    NetworkTable(Profile profile, Ids ids, Wiring wiring, RuleLayout rules, LongSupplier nowMillis, List<Cidr> hostNetworks) {
        this.profile = profile;
        this.ids = ids;
        this.wiring = wiring;
        this.rules = rules;
        this.nowMillis = nowMillis;
        this.hostNetworks = List.copyOf(hostNetworks);
    }

    /** Where the next round-robin search of the default pools starts ({@link Profile.Daemon#roundRobinPools}). */
    private int poolStart;

    /** dockerd's order: none, host, then the default bridge on the first free pool. */
    void startDefaults() {
        addNetwork(new Network(ids.id64(), "none", "null", null, null, 0, null, false, false, false, true,
                false, Map.of(), Map.of(), nowMillis.getAsLong()));
        addNetwork(new Network(ids.id64(), "host", "host", null, null, 0, null, false, false, false, true,
                false, Map.of(), Map.of(), nowMillis.getAsLong()));
        Cidr pool = freePool();
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("com.docker.network.bridge.default_bridge", "true");
        opts.put("com.docker.network.bridge.enable_icc", "true");
        opts.put("com.docker.network.bridge.enable_ip_masquerade", "true");
        opts.put("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
        opts.put("com.docker.network.bridge.name", "docker0");
        opts.put("com.docker.network.driver.mtu", "1500");
        Network bridge = new Network(ids.id64(), "bridge", "bridge", "docker0", pool, pool.network() + 1, null,
                false, false, false, true, true, opts, Map.of(), nowMillis.getAsLong());
        bridge.pool.reserve(bridge.gateway);
        addNetwork(bridge);
        programBridge(bridge);
    }

    List<Network> all() {
        return List.copyOf(networks.values());
    }

    Network find(String ref) {
        Network byId = networks.get(ref);
        if (byId != null) {
            return byId;
        }
        for (Network n : networks.values()) {
            if (n.name.equals(ref)) {
                return n;
            }
        }
        Network found = null;
        for (Network n : networks.values()) {
            if (!ref.isEmpty() && n.id.startsWith(ref)) {
                if (found != null) {
                    return null;
                }
                found = n;
            }
        }
        return found;
    }

    Network create(NetworkSpec spec) throws DaemonException {
        for (Network n : networks.values()) {
            if (n.name.equals(spec.name())) {
                throw new DaemonException("network with name " + spec.name() + " already exists");
            }
        }
        String driver = spec.driver() == null ? "bridge" : spec.driver();
        switch (driver) {
            case "bridge" -> { }
            case "host", "null" -> throw new DaemonException("only one instance of \"" + driver + "\" network is allowed");
            case "overlay" -> throw new DaemonException("This node is not a swarm manager. Use \"docker swarm init\" or "
                    + "\"docker swarm join\" to connect this node to swarm and try again.");
            default -> throw new DaemonException("plugin \"" + driver + "\" not found");
        }
        Cidr subnet;
        boolean userSubnet = spec.subnet() != null;
        if (userSubnet) {
            subnet = Cidr.parse(spec.subnet());
            if (subnet == null) {
                throw new DaemonException("invalid CIDR address: " + spec.subnet());
            }
            if (!subnet.isCanonical()) {
                throw new DaemonException("invalid subnet " + spec.subnet() + ": it should be " + subnet.canonical());
            }
            for (Network n : networks.values()) {
                if (n.subnet != null && n.subnet.overlaps(subnet)) {
                    throw new DaemonException(profile.daemon().poolOverlap());
                }
            }
        } else {
            try {
                subnet = freePool(true);
            } catch (PoolsExhausted e) {
                throw new DaemonException(e.getMessage());
            }
        }
        Cidr range = null;
        if (spec.ipRange() != null) {
            range = Cidr.parse(spec.ipRange());
            if (range == null || !subnet.contains(range.address()) || range.prefix() < subnet.prefix()) {
                throw new DaemonException("invalid pool request: Invalid Address SubPool");
            }
        }
        String id = ids.id64();
        Map<String, String> opts = spec.options();
        String bridge = opts.getOrDefault("com.docker.network.bridge.name", "br-" + id.substring(0, 12));
        boolean icc = !"false".equals(opts.get("com.docker.network.bridge.enable_icc"));
        Integer gw = null;
        if (spec.gateway() != null) {
            gw = Cidr.parseIp(spec.gateway());
            if (gw == null || !subnet.contains(gw)) {
                throw new DaemonException("no matching subnet for gateway " + spec.gateway());
            }
        }
        int gateway = gw != null ? gw : (int) new AddressPool(subnet, range).allocate();
        Network withGw = new Network(id, spec.name(), "bridge", bridge, subnet, gateway, range, userSubnet, gw != null,
                spec.internal(), icc, false, opts, spec.labels(), nowMillis.getAsLong());
        withGw.pool.reserve(gateway);
        addNetwork(withGw);
        programBridge(withGw);
        return withGw;
    }

    void remove(Network n) throws DaemonException {
        if (!n.isUserDefined()) {
            throw new DaemonException(n.name + " is a pre-defined network and cannot be removed");
        }
        if (!n.endpoints.isEmpty()) {
            throw new DaemonException("error while removing network: network " + n.name + " id " + n.id
                    + " has active endpoints");
        }
        wiring.all(rules.networkRemoved(n.rulesView(!profile.userlandProxy())));
        wiring.deleteBridge(n.bridge);
        networks.remove(n.id);
    }

    private void addNetwork(Network n) {
        networks.put(n.id, n);
    }

    private void programBridge(Network n) {
        wiring.addBridge(n.bridge, ids.mac0242(), n.subnet, n.gateway);
        if (profile.setsBrNetfilter() && !brNetfilterSet) {
            wiring.host("sysctl", "-w", "net.bridge.bridge-nf-call-iptables=1");
            brNetfilterSet = true;
        } else if (!n.icc && "0".equals(wiring.sysctl("net.bridge.bridge-nf-call-iptables"))) {
            // setupBridgeNetFiltering, a step of every icc=false bridge: without br_netfilter the DROP
            // between its containers would never see their frames.
            wiring.host("sysctl", "-w", "net.bridge.bridge-nf-call-iptables=1");
        }
        if (!profile.userlandProxy()) {
            // setupLoopbackAddressesRouting: DNAT'ed 127.0.0.1 traffic may be routed onto the bridge.
            wiring.host("sysctl", "-w", "net.ipv4.conf." + n.bridge + ".route_localnet=1");
        }
        wiring.all(rules.networkAdded(n.rulesView(!profile.userlandProxy())));
    }

    /** The first default pool overlapping neither a network nor a host route (docker0's: its search moves no start). */
    private Cidr freePool() {
        return freePool(false);
    }

    /**
     * The first default pool overlapping neither a network nor a host route, searched from the
     * pool after the last one handed out when the profile hands them out round robin
     * ({@code advance}: this one becomes the last).
     */
    private Cidr freePool(boolean advance) {
        List<Cidr> pools = profile.defaultPools();
        int start = profile.daemon().roundRobinPools() ? poolStart : 0;
        for (int k = 0; k < pools.size(); k++) {
            int i = (start + k) % pools.size();
            Cidr pool = pools.get(i);
            boolean free = hostNetworks.stream().noneMatch(pool::overlaps)
                    && networks.values().stream().noneMatch(n -> n.subnet != null && n.subnet.overlaps(pool));
            if (free) {
                if (advance) {
                    poolStart = (i + 1) % pools.size();
                }
                return pool;
            }
        }
        throw new PoolsExhausted();
    }

    /** Unchecked inside the constructor; mapped to the daemon's message by {@link #createNetwork}. */
    private static final class PoolsExhausted extends IllegalStateException {
        PoolsExhausted() {
            super("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
        }
    }
}
