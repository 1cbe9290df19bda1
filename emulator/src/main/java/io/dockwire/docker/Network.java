package io.dockwire.docker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Docker network: bridge (default or user-defined), host or none. */
public final class Network {
    final String id;
    final String name;
    final String driver;
    final String bridge;
    final Cidr subnet;
    final int gateway;
    final Cidr ipRange;
    final boolean userSubnet;
    final boolean userGateway;
    final boolean internal;
    final boolean icc;
    final boolean defaultBridge;
    final Map<String, String> options;
    final Map<String, String> labels;
    final long createdMillis;
    final AddressPool pool;
    /** For an overlay network: the swarm's record of it (subnet, VNI, every node's endpoints); else null. */
    ClusterNetwork cluster;
    /** Endpoints by container id, in connection order. */
    final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    Network(String id, String name, String driver, String bridge, Cidr subnet, int gateway, Cidr ipRange,
            boolean userSubnet, boolean userGateway, boolean internal, boolean icc, boolean defaultBridge,
            Map<String, String> options, Map<String, String> labels, long createdMillis) {
        this.id = id;
        this.name = name;
        this.driver = driver;
        this.bridge = bridge;
        this.subnet = subnet;
        this.gateway = gateway;
        this.ipRange = ipRange;
        this.userSubnet = userSubnet;
        this.userGateway = userGateway;
        this.internal = internal;
        this.icc = icc;
        this.defaultBridge = defaultBridge;
        this.options = new TreeMap<>(options);
        this.labels = new TreeMap<>(labels);
        this.createdMillis = createdMillis;
        this.pool = subnet == null ? null : new AddressPool(subnet, ipRange);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** "bridge", "host" or "null" (the none network), as `docker network ls` shows it. */
    public String driver() {
        return driver;
    }

    /** "local", or "swarm" for an overlay network. */
    public String scope() {
        return cluster == null ? "local" : "swarm";
    }

    public boolean isOverlay() {
        return cluster != null;
    }

    /** An overlay network that standalone containers may join (--attachable). */
    public boolean attachable() {
        return cluster != null && cluster.attachable;
    }

    /** The swarm's routing-mesh network. */
    public boolean ingress() {
        return cluster != null && cluster.ingress;
    }

    /** The Linux bridge device (docker0, br-<12 hex> or the bridge.name option); null for host/none. */
    public String bridge() {
        return bridge;
    }

    public Cidr subnet() {
        return subnet;
    }

    public String gatewayIp() {
        return subnet == null ? null : Cidr.ip(gateway);
    }

    public Cidr ipRange() {
        return ipRange;
    }

    public boolean internal() {
        return internal;
    }

    public boolean icc() {
        return icc;
    }

    public boolean isBridge() {
        return driver.equals("bridge");
    }

    /**
     * User-defined bridge or overlay: has embedded DNS, accepts aliases and (with a configured
     * subnet) --ip.
     */
    public boolean isUserDefined() {
        return (isBridge() && !defaultBridge) || (cluster != null && !cluster.ingress);
    }

    public boolean userSubnet() {
        return userSubnet;
    }

    public boolean userGateway() {
        return userGateway;
    }

    public Map<String, String> options() {
        return Collections.unmodifiableMap(options);
    }

    public Map<String, String> labels() {
        return Collections.unmodifiableMap(labels);
    }

    public long createdMillis() {
        return createdMillis;
    }

    public List<Endpoint> endpoints() {
        return List.copyOf(new ArrayList<>(endpoints.values()));
    }

    RuleLayout.BridgeNet rulesView(boolean hairpin) {
        return new RuleLayout.BridgeNet(bridge, subnet, icc, internal, true, hairpin);
    }
}
