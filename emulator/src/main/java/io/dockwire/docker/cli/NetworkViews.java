package io.dockwire.docker.cli;

import io.dockwire.docker.Endpoint;
import io.dockwire.docker.Network;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** `docker network ls` and `docker network inspect` output. */
final class NetworkViews {
    private NetworkViews() {
    }

    /** The table, sorted by name in natural order as the CLI sorts it. */
    static String ls(List<Network> networks, boolean quiet, boolean noTrunc) {
        List<Network> sorted = new ArrayList<>(networks);
        sorted.sort(Comparator.comparing(Network::name, NaturalOrder::compare));
        StringBuilder q = new StringBuilder();
        Table t = new Table().row("NETWORK ID", "NAME", "DRIVER", "SCOPE");
        for (Network n : sorted) {
            String id = noTrunc ? n.id() : n.id().substring(0, 12);
            q.append(id).append('\n');
            t.row(id, n.name(), n.driver(), n.scope());
        }
        return quiet ? q.toString() : t.render();
    }

    /**
     * {@code bridgeGateway}: the profile shows the default bridge's gateway in its IPAM config
     * (20.10 left it out: the pool was elected before docker0 had an address).
     */
    static Map<String, Object> inspect(io.dockwire.docker.DockerEngine engine, Network n, boolean bridgeGateway) {
        Map<String, Object> o = Json.obj();
        o.put("Name", n.name());
        o.put("Id", n.id());
        o.put("Created", HumanTime.rfc3339(n.createdMillis()));
        o.put("Scope", n.scope());
        o.put("Driver", n.driver());
        o.put("EnableIPv6", false);
        Map<String, Object> ipam = Json.obj();
        ipam.put("Driver", "default");
        ipam.put("Options", n.isUserDefined() && !n.isOverlay() ? Json.obj() : null);
        List<Object> config = new ArrayList<>();
        if (n.subnet() != null) {
            Map<String, Object> c = Json.obj();
            c.put("Subnet", n.subnet().toString());
            if (n.ipRange() != null) {
                c.put("IPRange", n.ipRange().toString());
            }
            // A user-given subnet without --gateway keeps the gateway out of the stored config.
            if (n.isOverlay() || (!n.userSubnet() || n.userGateway()) && (bridgeGateway || n.isUserDefined())) {
                c.put("Gateway", n.gatewayIp());
            }
            config.add(c);
        }
        ipam.put("Config", config);
        o.put("IPAM", ipam);
        o.put("Internal", n.internal());
        o.put("Attachable", n.attachable());
        o.put("Ingress", n.ingress());
        Map<String, Object> from = Json.obj();
        from.put("Network", "");
        o.put("ConfigFrom", from);
        o.put("ConfigOnly", false);
        // A swarm network not up on this node: the cluster's view, without Containers and Peers.
        boolean here = !n.isOverlay() || engine.overlayHere(n);
        Map<String, Object> containers = new TreeMap<>();
        for (Endpoint ep : n.endpoints()) {
            containers.put(ep.key(), endpoint(ep.displayName(), ep.id(), ep.mac(),
                    ep.ip() == null ? "" : ep.ip() + "/" + ep.prefix()));
        }
        for (io.dockwire.docker.SandboxEndpoint sb : engine.overlaySandboxes(n)) {
            containers.put(sb.key(), endpoint(sb.endpointName(), sb.endpointId(), sb.mac(),
                    sb.address() + "/" + n.subnet().prefix()));
        }
        o.put("Containers", here ? containers : null);
        o.put("Options", new TreeMap<String, Object>(n.options()));
        o.put("Labels", here ? new TreeMap<String, Object>(n.labels()) : null);
        if (n.isOverlay() && here) {
            List<Object> peers = new ArrayList<>();
            for (String[] p : engine.overlayPeers(n)) {
                Map<String, Object> peer = Json.obj();
                peer.put("Name", p[0]);
                peer.put("IP", p[1]);
                peers.add(peer);
            }
            o.put("Peers", peers);
        }
        return o;
    }

    private static Map<String, Object> endpoint(String name, String id, String mac, String ip) {
        Map<String, Object> c = Json.obj();
        c.put("Name", name);
        c.put("EndpointID", id);
        c.put("MacAddress", mac);
        c.put("IPv4Address", ip);
        c.put("IPv6Address", "");
        return c;
    }
}
