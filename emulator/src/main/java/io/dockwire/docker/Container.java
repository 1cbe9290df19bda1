package io.dockwire.docker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A container: its config (from docker run) and its runtime state. */
public final class Container {
    public enum State { CREATED, RUNNING, EXITED }

    final String id;
    final String name;
    final Image image;
    final RunSpec spec;
    final List<String> path;
    final long createdMillis;
    State state = State.CREATED;
    long startedMillis;
    long finishedMillis;
    int exitCode;
    String sandboxId;
    /** Endpoints by network name, in connection order; kept while stopped as the config. */
    final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    /** Networks the container is configured for (name to requested ip/aliases), in order. */
    final Map<String, NetConfig> netConfig = new LinkedHashMap<>();
    /** Networks an endpoint was made on since they were configured (moby's BuildEndpointInfo set NetworkID). */
    final Set<String> joined = new HashSet<>();
    final List<PortMapping> ports = new ArrayList<>();
    String gatewayNetwork;
    /** On overlays only: its endpoint on docker_gwbridge (default route), not one of its networks. */
    Endpoint gwbridge;

    /**
     * Configured attachment of a container to a network.
     *
     * @param connected made by docker network connect (whose CLI sends settings even when empty)
     */
    public record NetConfig(String networkId, String ip, List<String> aliases, boolean connected) {
    }

    Container(String id, String name, Image image, RunSpec spec, long createdMillis) {
        this.id = id;
        this.name = name;
        this.image = image;
        this.spec = spec;
        this.createdMillis = createdMillis;
        List<String> p = new ArrayList<>(image.entrypoint());
        p.addAll(spec.cmd().isEmpty() ? image.cmd() : spec.cmd());
        this.path = List.copyOf(p);
    }

    public String id() {
        return id;
    }

    /**
     * Whether the running container has an endpoint on a user-defined network (so an embedded DNS
     * server): what {@link Names#usesEmbeddedDns} says, from its endpoints, without lookups.
     */
    public boolean onUserDefinedNetwork() {
        for (Endpoint ep : endpoints.values()) {
            if (ep.network.isUserDefined()) {
                return true;
            }
        }
        return false;
    }

    public String shortId() {
        return id.substring(0, 12);
    }

    public String name() {
        return name;
    }

    public Image image() {
        return image;
    }

    public RunSpec spec() {
        return spec;
    }

    /** Entrypoint + command: what ps shows under COMMAND and inspect as Path + Args. */
    public List<String> command() {
        return path;
    }

    public State state() {
        return state;
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public long startedMillis() {
        return startedMillis;
    }

    public long finishedMillis() {
        return finishedMillis;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Network namespace name: the first 12 hex of the sandbox id (what `ip netns` lists); null if none. */
    public String netns() {
        return sandboxId == null ? null : sandboxId.substring(0, 12);
    }

    public String sandboxId() {
        return sandboxId;
    }

    /** "host", "none", "default" or a network name. */
    public String networkMode() {
        return spec.networkMode();
    }

    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }

    public List<String> networkNames() {
        return List.copyOf(netConfig.keySet());
    }

    /** How the container is configured for network NAME (docker run or network connect); null if not. */
    public NetConfig netConfig(String name) {
        return netConfig.get(name);
    }

    /** An endpoint was made on network NAME since it was configured, so its stored settings name it. */
    public boolean joined(String name) {
        return joined.contains(name);
    }

    public List<PortMapping> ports() {
        return List.copyOf(ports);
    }

    /** The network whose gateway is the default route, or null. */
    public String gatewayNetwork() {
        return gatewayNetwork;
    }
}
