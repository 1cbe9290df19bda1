package io.dockwire.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    final List<PortMapping> ports = new ArrayList<>();
    String gatewayNetwork;

    /** Configured attachment of a container to a network. */
    record NetConfig(String networkId, String ip, List<String> aliases) {
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

    public List<PortMapping> ports() {
        return List.copyOf(ports);
    }

    /** The network whose gateway is the default route, or null. */
    public String gatewayNetwork() {
        return gatewayNetwork;
    }
}
