package io.dockwire.docker.cli;

import io.dockwire.docker.Container;
import io.dockwire.docker.Endpoint;
import io.dockwire.docker.InspectLayout;
import io.dockwire.docker.Network;
import io.dockwire.docker.PortMapping;
import io.dockwire.docker.PortSpec;
import io.dockwire.docker.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * `docker inspect CONTAINER`: every field dockwire knows a value for, arranged by the engine's
 * {@link InspectLayout} (which keys, in which order, and the defaults of the rest).
 */
final class ContainerInspect {
    private ContainerInspect() {
    }

    static Map<String, Object> of(Container c, Function<String, Network> networks, List<String> env,
                                  Profile.Daemon daemon) {
        InspectLayout layout = daemon.inspect();
        Map<String, Object> o = Json.obj();
        o.put("Id", c.id());
        o.put("Created", HumanTime.rfc3339(c.createdMillis()));
        o.put("Path", c.command().isEmpty() ? "" : c.command().get(0));
        o.put("Args", c.command().size() > 1 ? c.command().subList(1, c.command().size()) : List.of());
        o.put("State", state(c));
        o.put("Image", "sha256:" + ImageIds.of(io.dockwire.docker.DockerEngine.tagged(c.image().reference())));
        String dir = "/var/lib/docker/containers/" + c.id() + "/";
        o.put("ResolvConfPath", dir + "resolv.conf");
        o.put("HostnamePath", dir + "hostname");
        o.put("HostsPath", dir + "hosts");
        o.put("LogPath", dir + c.id() + "-json.log");
        o.put("Name", "/" + c.name());
        o.put("RestartCount", 0);
        String driver = "overlay2";
        o.put("Driver", driver);
        o.put("Platform", "linux");
        o.put("HostConfig", arrange(layout.hostConfig(), hostConfig(c, layout)));
        Map<String, Object> graph = Json.obj();
        graph.put("Data", null);
        graph.put("Name", driver);
        o.put("GraphDriver", graph);
        o.put("Config", config(c, env));
        o.put("NetworkSettings", networkSettings(c, networks, daemon));
        return arrange(layout.top(), o);
    }

    /** The layout's keys in its order: the value known for a key, else the layout's default. */
    private static Map<String, Object> arrange(Map<String, Object> layout, Map<String, Object> known) {
        Map<String, Object> o = Json.obj();
        layout.forEach((k, dflt) -> o.put(k, known.containsKey(k) ? known.get(k) : dflt));
        return o;
    }

    /** The known values of exactly these keys, in this order. */
    private static Map<String, Object> arrange(List<String> keys, Map<String, Object> known) {
        Map<String, Object> o = Json.obj();
        for (String k : keys) {
            if (!known.containsKey(k)) {
                throw new IllegalStateException("inspect layout names " + k + ", which has no value");
            }
            o.put(k, known.get(k));
        }
        return o;
    }

    private static Map<String, Object> state(Container c) {
        Map<String, Object> st = Json.obj();
        st.put("Status", switch (c.state()) {
            case RUNNING -> "running";
            case EXITED -> "exited";
            case CREATED -> "created";
        });
        st.put("Running", c.running());
        st.put("Paused", false);
        st.put("Restarting", false);
        st.put("OOMKilled", false);
        st.put("Dead", false);
        st.put("Pid", c.running() ? 1000 + (int) (Long.parseLong(c.id().substring(0, 4), 16) % 9000) : 0);
        st.put("ExitCode", c.exitCode());
        st.put("Error", "");
        st.put("StartedAt", c.startedMillis() > 0 || c.state() != Container.State.CREATED
                ? HumanTime.rfc3339(c.startedMillis()) : HumanTime.ZERO);
        st.put("FinishedAt", c.state() == Container.State.EXITED ? HumanTime.rfc3339(c.finishedMillis()) : HumanTime.ZERO);
        return st;
    }

    /** The HostConfig fields the container's spec decides; the layout has the rest. */
    private static Map<String, Object> hostConfig(Container c, InspectLayout layout) {
        Map<String, Object> h = Json.obj();
        h.put("NetworkMode", c.networkMode().equals("default") ? layout.defaultNetworkMode() : c.networkMode());
        Map<String, Object> bindings = new TreeMap<>();
        for (PortSpec p : c.spec().ports()) {
            Map<String, Object> b = Json.obj();
            b.put("HostIp", p.hostIp().equals("0.0.0.0") ? "" : p.hostIp());
            b.put("HostPort", p.hostPort() == 0 ? "" : Integer.toString(p.hostPort()));
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) bindings.computeIfAbsent(p.key(), k -> new ArrayList<>());
            l.add(b);
        }
        h.put("PortBindings", bindings);
        h.put("AutoRemove", c.spec().autoRemove());
        List<Object> links = new ArrayList<>();
        for (String link : c.spec().links()) {
            String[] parts = link.split(":", 2);
            links.add("/" + parts[0] + ":/" + c.name() + "/" + (parts.length > 1 ? parts[1] : parts[0]));
        }
        h.put("Links", links.isEmpty() ? null : links);
        h.put("PublishAllPorts", c.spec().publishAll());
        return h;
    }

    private static Map<String, Object> config(Container c, List<String> env) {
        Map<String, Object> o = Json.obj();
        o.put("Hostname", c.shortId());
        o.put("Domainname", "");
        o.put("User", "");
        // docker/cli runContainer: -d attaches to nothing; otherwise stdout and stderr, stdin with -i.
        boolean attached = !c.spec().detach();
        o.put("AttachStdin", attached && c.spec().interactive());
        o.put("AttachStdout", attached);
        o.put("AttachStderr", attached);
        Map<String, Object> exposed = new TreeMap<>();
        ContainerViews.exposed(c).forEach(k -> exposed.put(k, Json.obj()));
        if (!exposed.isEmpty()) {
            o.put("ExposedPorts", exposed);
        }
        o.put("Tty", c.spec().tty());
        o.put("OpenStdin", c.spec().interactive());
        o.put("StdinOnce", attached && c.spec().interactive());
        List<Object> e = new ArrayList<>(c.spec().env());
        e.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        o.put("Env", e);
        List<String> cmd = c.spec().cmd().isEmpty() ? c.image().cmd() : c.spec().cmd();
        o.put("Cmd", cmd.isEmpty() ? null : new ArrayList<Object>(cmd));
        o.put("Image", c.image().reference());
        o.put("Volumes", null);
        o.put("WorkingDir", "");
        o.put("Entrypoint", c.image().entrypoint().isEmpty() ? null : new ArrayList<Object>(c.image().entrypoint()));
        o.put("OnBuild", null);
        o.put("Labels", Json.obj());
        return o;
    }

    /** NetworkSettings (api/types NetworkSettingsBase + DefaultNetworkSettings + Networks). */
    private static Map<String, Object> networkSettings(Container c, Function<String, Network> networks,
                                                       Profile.Daemon daemon) {
        Map<String, Object> s = Json.obj();
        s.put("Bridge", "");
        s.put("SandboxID", c.sandboxId() == null ? "" : c.sandboxId());
        s.put("SandboxKey", c.sandboxId() == null ? ""
                : "/var/run/docker/netns/" + (c.networkMode().equals("host") ? "default" : c.netns()));
        Map<String, Object> ports = new TreeMap<>();
        if (c.running() && !c.networkMode().equals("host") && !c.networkMode().equals("none")) {
            for (String key : ContainerViews.exposed(c)) {
                List<Object> bound = new ArrayList<>();
                for (PortMapping m : c.ports()) {
                    if (m.key().equals(key)) {
                        Map<String, Object> b = Json.obj();
                        b.put("HostIp", m.hostIp());
                        b.put("HostPort", Integer.toString(m.hostPort()));
                        bound.add(b);
                    }
                }
                ports.put(key, bound.isEmpty() ? null : bound);
            }
        }
        s.put("Ports", ports);
        s.put("HairpinMode", false);
        s.put("LinkLocalIPv6Address", "");
        s.put("LinkLocalIPv6PrefixLen", 0);
        s.put("SecondaryIPAddresses", null);
        s.put("SecondaryIPv6Addresses", null);
        Endpoint def = null;
        for (Endpoint ep : c.endpoints()) {
            if (ep.network().name().equals("bridge")) {
                def = ep;
            }
        }
        // The top-level fields describe the default bridge endpoint only (legacy API).
        s.put("EndpointID", def == null ? "" : def.id());
        s.put("Gateway", def == null ? "" : def.network().gatewayIp());
        s.put("GlobalIPv6Address", "");
        s.put("GlobalIPv6PrefixLen", 0);
        s.put("IPAddress", def == null ? "" : def.ip());
        s.put("IPPrefixLen", def == null ? 0 : def.prefix());
        s.put("IPv6Gateway", "");
        s.put("MacAddress", def == null ? "" : def.mac());
        Map<String, Object> nets = new TreeMap<>();
        for (String name : c.networkNames()) {
            Network n = networks.apply(name);
            Endpoint ep = c.endpoints().stream().filter(e -> e.network().name().equals(name)).findFirst().orElse(null);
            nets.put(name, arrange(daemon.inspect().endpoint(), endpointSettings(c, name, n, ep, daemon)));
        }
        s.put("Networks", nets);
        return arrange(daemon.inspect().networkSettings(), s);
    }

    private static Map<String, Object> endpointSettings(Container c, String name, Network n, Endpoint ep,
                                                        Profile.Daemon daemon) {
        Map<String, Object> e = Json.obj();
        Container.NetConfig nc = c.netConfig(name);
        boolean stored = daemon.storedEndpoints() && nc != null;
        // network connect's CLI sends IPAMConfig, Aliases and DriverOpts even when empty; 20.10 keeps them.
        boolean sent = stored && nc.connected();
        // A swarm attachment's address is the endpoint's IPAM config, whatever the container asked.
        String requested = ep != null && n != null && n.isOverlay() ? ep.requestedIp()
                : stored ? nc.ip() : ep == null ? null : ep.requestedIp();
        Map<String, Object> ipam = requested != null || sent ? Json.obj() : null;
        if (requested != null) {
            ipam.put("IPv4Address", requested);
        }
        e.put("IPAMConfig", ipam);
        e.put("Links", null);
        List<String> aliases = stored ? nc.aliases() : ep == null ? List.of() : ep.aliases();
        List<Object> shown = new ArrayList<>(aliases);
        if (daemon.endpointAliases() && n != null && n.isUserDefined() && !aliases.contains(c.shortId())) {
            shown.add(c.shortId()); // updateNetworkConfig appends the short id to the user's aliases
        }
        e.put("Aliases", shown.isEmpty() && !sent ? null : shown);
        e.put("MacAddress", ep == null ? "" : ep.mac());
        e.put("DriverOpts", sent ? Json.obj() : null);
        // The stored settings get NetworkID when an endpoint is made (BuildEndpointInfo) and keep it after a stop.
        boolean named = n != null && (!daemon.storedEndpoints() || c.joined(name));
        e.put("NetworkID", named ? n.id() : "");
        e.put("EndpointID", ep == null ? "" : ep.id());
        // An overlay gives its endpoints no gateway: the default route is docker_gwbridge's.
        e.put("Gateway", ep == null || n.subnet() == null || n.isOverlay() ? "" : n.gatewayIp());
        e.put("IPAddress", ep == null || ep.ip() == null ? "" : ep.ip());
        e.put("IPPrefixLen", ep == null ? 0 : ep.prefix());
        e.put("IPv6Gateway", "");
        e.put("GlobalIPv6Address", "");
        e.put("GlobalIPv6PrefixLen", 0);
        if (ep != null && n != null && n.isUserDefined()) {
            List<Object> dns = new ArrayList<>();
            dns.add(c.name());
            dns.addAll(aliases);
            dns.add(c.shortId());
            e.put("DNSNames", dns);
        } else {
            e.put("DNSNames", null);
        }
        return e;
    }
}
