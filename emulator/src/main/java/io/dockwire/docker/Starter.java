package io.dockwire.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Brings a container's networking up and down: sandbox, endpoints (IPAM, veth, MAC, address),
 * the default route via the gateway endpoint, and the published ports of that endpoint (port
 * allocation, iptables rules, docker-proxy) - undoing what was done when a step fails, as
 * libnetwork's sandbox setup does.
 */
final class Starter {
    private final DockerEngine engine;
    private final Container c;
    private final Wiring w;

    Starter(DockerEngine engine, Container c) {
        this.engine = engine;
        this.c = c;
        this.w = engine.wiring();
    }

    void start() throws DaemonException {
        for (Container linked : engine.linked(c)) {
            if (!linked.running()) {
                throw new DaemonException("Cannot link to a non running container: /" + linked.name + " AS /"
                        + c.name + "/" + alias(linked));
            }
        }
        String mode = c.networkMode();
        c.sandboxId = engine.ids().id64();
        if (mode.equals("host")) {
            attachPlain(engine.findNetwork("host"));
            w.spawn(handle(), null, c.path);
            return;
        }
        String ns = c.netns();
        w.addSandbox(ns, c.name());
        try {
            for (Map.Entry<String, Container.NetConfig> e : c.netConfig.entrySet()) {
                Network net = engine.findNetwork(e.getValue().networkId());
                if (net == null) {
                    throw new DaemonException("network " + e.getKey() + " not found");
                }
                if (net.isBridge()) {
                    join(net, e.getValue());
                } else if (net.isOverlay()) {
                    joinOverlay(net, e.getValue());
                } else {
                    attachPlain(net);
                }
            }
            if (c.gatewayNetwork == null && c.endpoints.values().stream().anyMatch(ep -> ep.network.isOverlay())) {
                // libnetwork's needDefaultGW: a sandbox on overlays only gets docker_gwbridge's route,
                // and its published ports are mapped there (the gateway endpoint's driver programs them).
                joinGwbridge();
                publish(c.gwbridge);
            }
        } catch (DaemonException e) {
            teardownNetworking();
            c.sandboxId = null;
            throw e;
        }
        w.spawn(handle(), ns, c.path);
    }

    private String alias(Container linked) {
        for (String link : c.spec.links()) {
            String[] parts = link.split(":", 2);
            if (engine.findContainer(parts[0]) == linked) {
                return parts.length > 1 ? parts[1] : parts[0];
            }
        }
        return linked.name;
    }

    String handle() {
        return "container:" + c.shortId();
    }

    /** Attaches the running container to a bridge network, then re-picks the gateway endpoint. */
    void join(Network net, Container.NetConfig nc) throws DaemonException {
        if (net.isOverlay()) {
            // docker network connect to a swarm overlay: its own endpoint; the gateway stays where it is,
            // or comes from docker_gwbridge when the container had none.
            joinOverlay(net, nc);
            if (c.gatewayNetwork == null && c.gwbridge == null) {
                joinGwbridge();
            }
            return;
        }
        int ip;
        if (nc.ip() != null) {
            ip = Cidr.parseIp(nc.ip());
            if (!net.pool.reserve(ip)) {
                throw new DaemonException("Address already in use");
            }
        } else {
            long a = net.pool.allocate();
            if (a < 0) {
                throw new DaemonException("no available IPv4 addresses on this network's address pools: "
                        + net.name + " (" + net.id + ")");
            }
            ip = (int) a;
        }
        Ids ids = engine.ids();
        String epId = ids.id64();
        String mac = engine.profile().macFromIp() ? macOf(ip) : ids.mac0242();
        Endpoint ep = new Endpoint(epId, net, c, ip, mac, nextIfName(), ids.vethName(), ids.vethName(),
                nc.aliases(), nc.ip());
        w.addEndpoint(c.netns(), ep, !engine.profile().userlandProxy());
        c.endpoints.put(net.name, ep);
        c.joined.add(net.name);
        net.endpoints.put(c.id, ep);
        try {
            pickGateway();
        } catch (DaemonException e) {
            dropEndpoint(ep);
            throw e;
        }
    }

    /** The container's endpoint on docker_gwbridge ({@code gateway_SANDBOX[:12]}), its default route. */
    private void joinGwbridge() throws DaemonException {
        c.gwbridge = engine.overlay().gatewayEndpoint(c, c.netns(), c.id, "gateway_" + c.sandboxId.substring(0, 12),
                nextIfName());
    }

    /** Attaches the container to a swarm overlay (attachable networks only). */
    private void joinOverlay(Network net, Container.NetConfig nc) throws DaemonException {
        Endpoint ep = engine.overlay().join(c, net, nc, nextIfName());
        c.endpoints.put(net.name, ep);
        c.joined.add(net.name);
        net.endpoints.put(c.id, ep);
    }

    void leave(Network net) {
        Endpoint ep = c.endpoints.get(net.name);
        if (ep == null) {
            return;
        }
        if (net.name.equals(c.gatewayNetwork)) {
            unpublish(ep);
            w.deleteDefaultRoute(c.netns());
            c.gatewayNetwork = null;
        }
        dropEndpoint(ep);
        engine.overlay().releaseGateway(c);
        try {
            pickGateway();
        } catch (DaemonException e) {
            // Ports that no longer fit are dropped, as the daemon logs and goes on.
        }
    }

    /** Everything start did, in reverse: ports, endpoints, sandbox, process. */
    void teardown() {
        w.kill(handle());
        if (!c.networkMode().equals("host")) {
            teardownNetworking();
        }
        detachPlain();
        c.sandboxId = null;
    }

    /**
     * The endpoint a container has on the host or none network: no interface, no address, but
     * an EndpointID that `docker network inspect` and `docker inspect` show.
     */
    private void attachPlain(Network net) {
        Endpoint ep = new Endpoint(engine.ids().id64(), net, c, 0, "", "", null, null, java.util.List.of(), null);
        net.endpoints.put(c.id, ep);
        c.endpoints.put(net.name, ep);
        c.joined.add(net.name);
    }

    private void detachPlain() {
        for (Endpoint ep : new ArrayList<>(c.endpoints.values())) {
            if (ep.vethHost == null) {
                ep.network.endpoints.remove(c.id);
                c.endpoints.remove(ep.network.name);
            }
        }
    }

    private void teardownNetworking() {
        if (c.gatewayNetwork != null) {
            unpublish(c.endpoints.get(c.gatewayNetwork));
            c.gatewayNetwork = null;
        }
        if (c.gwbridge != null) {
            unpublish(c.gwbridge);
            engine.overlay().dropGatewayEndpoint(c.gwbridge);
            c.gwbridge = null;
        }
        List<Endpoint> eps = new ArrayList<>(c.endpoints.values());
        for (int i = eps.size() - 1; i >= 0; i--) {
            if (eps.get(i).vethHost != null) {
                dropEndpoint(eps.get(i));
            }
        }
        if (c.sandboxId != null) {
            w.deleteSandbox(c.netns());
        }
    }

    private void dropEndpoint(Endpoint ep) {
        if (ep.network.isOverlay()) {
            engine.overlay().leave(ep);
        } else {
            w.deleteEndpoint(ep);
            ep.network.pool.release(ep.ip);
        }
        ep.network.endpoints.remove(c.id);
        c.endpoints.remove(ep.network.name);
    }

    /**
     * The gateway endpoint provides the default route and external connectivity (published
     * ports): the first by gateway priority (non-internal networks), then network name.
     */
    private void pickGateway() throws DaemonException {
        Endpoint best = c.endpoints.values().stream().filter(e -> !e.network.internal && e.network.isBridge())
                .min(DockerEngine.gatewayOrder()).orElse(null);
        String bestName = best == null ? null : best.network.name;
        if (java.util.Objects.equals(bestName, c.gatewayNetwork)) {
            return;
        }
        if (c.gatewayNetwork != null) {
            unpublish(c.endpoints.get(c.gatewayNetwork));
            w.deleteDefaultRoute(c.netns());
        }
        c.gatewayNetwork = bestName;
        if (best != null) {
            w.addDefaultRoute(c.netns(), best);
            try {
                publish(best);
            } catch (DaemonException e) {
                w.deleteDefaultRoute(c.netns());
                c.gatewayNetwork = null;
                throw e;
            }
        }
    }

    /** Allocates host ports and programs DNAT/ACCEPT/MASQUERADE and the proxy for each binding. */
    private void publish(Endpoint ep) throws DaemonException {
        PortAllocator alloc = engine.ports();
        List<PortMapping> done = new ArrayList<>();
        for (PortSpec p : requested()) {
            int host;
            host = -1;
            if (p.hostPort() == 0) {
                host = alloc.requestEphemeral(p.hostIp(), p.proto());
            } else {
                for (int port = p.hostPort(); port <= p.hostPortEnd() && host < 0; port++) {
                    if (alloc.request(p.hostIp(), p.proto(), port)) {
                        host = port; // a host range: the first free port in it
                    }
                }
            }
            if (host < 0) {
                release(done);
                throw new DaemonException("driver failed programming external connectivity on endpoint " + c.name
                        + " (" + ep.id + "): Bind for " + p.hostIp() + ":" + p.hostPort()
                        + (p.hostPortEnd() > p.hostPort() ? "-" + p.hostPortEnd() : "") + " failed: port is already allocated");
            }
            done.add(new PortMapping(p.hostIp(), host, p.containerPort(), p.proto()));
        }
        boolean proxy = engine.profile().userlandProxy();
        for (int i = 0; i < done.size(); i++) {
            PortMapping m = done.get(i);
            w.all(engine.rules().portAdded(forward(ep, m), proxy));
            if (proxy) {
                try {
                    w.spawn(proxyHandle(m), null, List.of("docker-proxy", "-proto", m.proto(), "-host-ip",
                            m.hostIp(), "-host-port", Integer.toString(m.hostPort()), "-container-ip",
                            Cidr.ip(ep.ip), "-container-port", Integer.toString(m.containerPort())));
                } catch (SpawnException e) {
                    // The port mapper's cleanup: this mapping's rules go, as do the earlier
                    // mappings' proxies and rules, and every port is released.
                    for (int j = i; j >= 0; j--) {
                        if (j < i) {
                            w.kill(proxyHandle(done.get(j)));
                        }
                        w.all(engine.rules().portRemoved(forward(ep, done.get(j)), true));
                    }
                    release(done);
                    throw new DaemonException("driver failed programming external connectivity on endpoint " + c.name
                            + " (" + ep.id + "): Error starting userland proxy: " + e.getMessage());
                }
            }
        }
        c.ports.clear();
        c.ports.addAll(done);
    }

    private void release(List<PortMapping> mappings) {
        for (PortMapping m : mappings) {
            engine.ports().release(m.hostIp(), m.proto(), m.hostPort());
        }
    }

    void unpublish(Endpoint ep) {
        if (ep == null) {
            return;
        }
        boolean proxy = engine.profile().userlandProxy();
        for (PortMapping m : c.ports) {
            if (proxy) {
                w.kill(proxyHandle(m));
            }
            w.all(engine.rules().portRemoved(forward(ep, m), proxy));
            engine.ports().release(m.hostIp(), m.proto(), m.hostPort());
        }
        c.ports.clear();
    }

    /** -p bindings in the order given, then -P's exposed ports (sorted) that -p did not bind. */
    private List<PortSpec> requested() {
        List<PortSpec> out = new ArrayList<>(c.spec.ports());
        if (c.spec.publishAll()) {
            TreeSet<String> bound = new TreeSet<>();
            for (PortSpec p : out) {
                bound.add(p.key());
            }
            List<PortSpec> exposed = new ArrayList<>();
            for (String e : c.image.exposed()) {
                String[] parts = e.split("/");
                PortSpec p = new PortSpec("0.0.0.0", 0, Integer.parseInt(parts[0]), parts[1]);
                if (!bound.contains(p.key())) {
                    exposed.add(p);
                }
            }
            exposed.sort((a, b) -> a.containerPort() != b.containerPort()
                    ? Integer.compare(a.containerPort(), b.containerPort()) : a.proto().compareTo(b.proto()));
            out.addAll(exposed);
        }
        return out;
    }

    private RuleLayout.Forward forward(Endpoint ep, PortMapping m) {
        boolean hairpin = !engine.profile().userlandProxy();
        return new RuleLayout.Forward(ep.network.bridge, m.hostIp(), m.hostPort(), m.proto(), ep.ip, m.containerPort(),
                hairpin);
    }

    private static String proxyHandle(PortMapping m) {
        return "docker-proxy:" + m.proto() + ":" + m.hostIp() + ":" + m.hostPort();
    }

    private String nextIfName() {
        for (int i = 0; ; i++) {
            String name = "eth" + i;
            boolean taken = c.endpoints.values().stream().anyMatch(e -> name.equals(e.ifName))
                    || (c.gwbridge != null && name.equals(c.gwbridge.ifName));
            if (!taken) {
                return name;
            }
        }
    }

    /** Profile 27: 02:42 followed by the four bytes of the IPv4 address (libnetwork genMAC). */
    static String macOf(int ip) {
        return String.format("02:42:%02x:%02x:%02x:%02x", (ip >>> 24) & 255, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255);
    }
}
