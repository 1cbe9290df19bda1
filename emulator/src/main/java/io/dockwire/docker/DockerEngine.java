package io.dockwire.docker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The Docker daemon model: networks, containers, IPAM and port publishing, programming the host
 * through a {@link KernelProgrammer} as libnetwork would. Methods throw {@link DaemonException}
 * with the daemon's exact message. Deterministic: ids, names and MACs come from the seed, time
 * from the supplied simulated clock.
 */
public final class DockerEngine {
    private static final Pattern VALID_NAME = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");

    private final Profile profile;
    private final long seed;
    private final Ids ids;
    private final LongSupplier nowMillis;
    private final Wiring wiring;
    private final RuleLayout rules;
    private final PortAllocator ports;
    private final NetworkTable networks;
    private final Map<String, Container> containers = new LinkedHashMap<>();
    private String hostname = "docker-host";
    /** Told of each container whose running state or networks changed. */
    private java.util.function.Consumer<Container> changed = c -> { };
    private final Swarm swarm;
    private final Overlay overlay;
    /** Images in the local store ("repo:tag"), in arrival order: pulled, or pulled by a run. */
    private final java.util.Set<String> images = new java.util.LinkedHashSet<>();

    /**
     * Starts the daemon: IP forwarding, the profile's base chains, then the none, host and
     * default bridge networks (in dockerd's order).
     *
     * @param hostNetworks subnets on the host's own interfaces; default pools overlapping them are
     *                     skipped, as libnetwork checks host routes
     */
    public DockerEngine(Profile profile, KernelProgrammer kernel, long seed, LongSupplier nowMillis,
                        List<Cidr> hostNetworks) {
        this.profile = profile;
        this.seed = seed;
        this.ids = new Ids(seed);
        this.nowMillis = nowMillis;
        this.wiring = new Wiring(kernel);
        this.rules = profile.rules().get();
        this.ports = portAllocator(profile, kernel);
        wiring.host("sysctl", "-w", "net.ipv4.ip_forward=1");
        // dockerd sets the FORWARD policy to DROP when it enabled forwarding itself.
        wiring.host("iptables", "-P", "FORWARD", "DROP");
        wiring.all(rules.daemonStart(profile.userlandProxy()));
        this.networks = new NetworkTable(profile, ids, wiring, rules, nowMillis, hostNetworks);
        networks.startDefaults();
        this.overlay = new Overlay(this, wiring);
        this.swarm = new Swarm(this, ids, overlay);
    }

    /**
     * moby's portallocator is made once, when the daemon sets up its first bridge network: it takes
     * the kernel's ip_local_port_range, or DefaultPortRangeStart-End when that cannot be read.
     */
    private static PortAllocator portAllocator(Profile profile, KernelProgrammer kernel) {
        String range = kernel.readSysctl("net.ipv4.ip_local_port_range");
        if (range != null) {
            String[] p = range.trim().split("\\s+");
            if (p.length == 2) {
                try {
                    int lo = Integer.parseInt(p[0]);
                    int hi = Integer.parseInt(p[1]);
                    if (lo > 0 && lo <= hi && hi <= 65535) {
                        return new PortAllocator(lo, hi);
                    }
                } catch (NumberFormatException e) {
                    // as moby: an unreadable range means the default one
                }
            }
        }
        return new PortAllocator(profile.ephemeralLow(), profile.ephemeralHigh());
    }

    /** Docker 27 with the usual single LAN on the host (192.168.1.0/24). */
    public static DockerEngine docker27(KernelProgrammer kernel, long seed, LongSupplier nowMillis) {
        return new DockerEngine(Profile.DOCKER_27, kernel, seed, nowMillis, List.of(Cidr.parse("192.168.1.0/24")));
    }

    public Profile profile() {
        return profile;
    }

    /**
     * Tells {@code listener} of every container that starts, ends, goes, or joins or leaves a
     * network (what a name server for it has to follow).
     */
    public void onContainerChanged(java.util.function.Consumer<Container> listener) {
        this.changed = listener;
    }

    /** The daemon's swarm mode. */
    public Swarm swarm() {
        return swarm;
    }

    /** The host's name (docker info's Name, node ls's HOSTNAME); "docker-host" unless set. */
    public String hostname() {
        return hostname;
    }

    /** Names the host (before its first command). */
    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    /** The seed the run was started with (what else is random about the daemon derives from it). */
    public long seed() {
        return seed;
    }

    /**
     * How long the last command kept the CLI waiting beyond its own work, in simulated ns (a swarm
     * join that times out waits 20 s); the runner lets that time pass. Reading it clears it.
     */
    public long takeWaitNanos() {
        long w = waitNanos;
        waitNanos = 0;
        return w;
    }

    void waitFor(long nanos) {
        waitNanos += nanos;
    }

    private long waitNanos;

    long now() {
        return nowMillis.getAsLong();
    }

    /** The simulated clock, in milliseconds since the simulation started. */
    /** "nginx" is "nginx:latest": the reference as the image store keys it. */
    public static String tagged(String reference) {
        return new Image(reference, List.of(), List.of(), List.of()).repository().equals(reference)
                ? reference + ":latest" : reference;
    }

    /** Whether the image is in the local store. */
    public boolean hasImage(String reference) {
        return images.contains(tagged(reference));
    }

    /** Puts the image in the local store (docker pull, or the pull a docker run does). */
    public void addImage(String reference) {
        images.add(tagged(reference));
    }

    /** The local store's images ("repo:tag"), in arrival order. */
    public List<String> images() {
        return List.copyOf(images);
    }

    public long nowMillis() {
        return nowMillis.getAsLong();
    }

    // ---------------------------------------------------------------- networks

    /** What this daemon lists: its local networks and the swarm's it can see (all of them on a manager). */
    public List<Network> networks() {
        List<Network> all = new ArrayList<>(networks.all());
        all.addAll(overlay.listed());
        return all;
    }

    Overlay overlay() {
        return overlay;
    }

    /** Whether an overlay network exists on this node now (its namespace is up). */
    public boolean overlayHere(Network n) {
        return overlay.local(n);
    }

    /** An overlay network's load-balancer or ingress sandbox here, for network inspect. */
    public List<SandboxEndpoint> overlaySandboxes(Network n) {
        return overlay.sandboxes(n);
    }

    /** The nodes an overlay network exists on: {gossip name, address} each, for network inspect's Peers. */
    public List<String[]> overlayPeers(Network n) {
        return overlay.peers(n);
    }

    Network findLocalNetwork(String ref) {
        return networks.find(ref);
    }

    Network createLocalNetwork(NetworkSpec spec) throws DaemonException {
        return networks.create(spec);
    }

    /** By exact id, exact name, then unique id prefix (as the daemon resolves network references). */
    public Network network(String ref) throws DaemonException {
        Network n = findNetwork(ref);
        if (n == null) {
            throw new DaemonException("network " + ref + " not found");
        }
        return n;
    }

    /** A local network, else a swarm network the cluster knows (workers ask their managers). */
    public Network findNetwork(String ref) {
        Network n = networks.find(ref);
        return n != null ? n : overlay.find(ref);
    }

    /**
     * A network as {@code docker network inspect} finds it: what {@link #networks()} lists - a
     * worker sees a swarm network only while it is up on the worker (the cluster's others are a
     * manager's to show); null when none.
     */
    public Network listedNetwork(String ref) {
        Network n = findNetwork(ref);
        return n != null && n.isOverlay() && !swarm.manager() && !overlay.local(n) ? null : n;
    }

    /** docker network create: an overlay goes to the swarm (managers only), anything else is local. */
    public Network createNetwork(NetworkSpec spec) throws DaemonException {
        if (!"overlay".equals(spec.driver())) {
            return networks.create(spec);
        }
        if (swarm.active() && !swarm.manager()) {
            // libnetwork's controller on a worker: a swarm-scoped network is the managers' to make.
            throw new DaemonException("Cannot create a multi-host network from a worker node. Please create the "
                    + "network from a manager node.");
        }
        swarm.requireManager();
        for (Network n : networks.all()) {
            if (n.name.equals(spec.name())) {
                throw new DaemonException("network with name " + spec.name() + " already exists");
            }
        }
        Cidr subnet = null;
        if (spec.subnet() != null) {
            subnet = Cidr.parse(spec.subnet());
            if (subnet == null || !subnet.isCanonical()) {
                throw new DaemonException("invalid CIDR address: " + spec.subnet());
            }
        }
        return overlay.view(swarm.cluster().createNetwork(spec.name(), spec.attachable(), false, subnet, now()));
    }

    public void removeNetwork(String ref) throws DaemonException {
        Network n = network(ref);
        if (!n.isOverlay()) {
            networks.remove(n);
            return;
        }
        swarm.requireManager();
        if (n.ingress()) {
            throw new DaemonException("rpc error: code = PermissionDenied desc = ingress network cannot be removed "
                    + "because service " + "routing mesh depends on it");
        }
        ClusterNetwork.Peer inUse = n.cluster.peers().stream().filter(p -> p.container() != null).findFirst().orElse(null);
        if (inUse != null) {
            // swarmkit's RemoveNetwork: a container's attachment is a task of the network (as a real 20.10 said).
            throw new DaemonException("rpc error: code = FailedPrecondition desc = network " + n.id + " is in use by task "
                    + n.cluster.task(inUse, swarm.cluster()));
        }
        swarm.cluster().removeNetwork(n.cluster);
    }

    // ---------------------------------------------------------------- containers

    public List<Container> containers() {
        return List.copyOf(containers.values());
    }

    /** By exact id, exact name, then unique id prefix. */
    public Container container(String ref) throws DaemonException {
        Container c = findContainer(ref);
        if (c == null) {
            throw new DaemonException("No such container: " + ref);
        }
        return c;
    }

    public Container findContainer(String ref) {
        String r = ref.startsWith("/") ? ref.substring(1) : ref;
        Container byId = containers.get(r);
        if (byId != null) {
            return byId;
        }
        for (Container c : containers.values()) {
            if (c.name.equals(r)) {
                return c;
            }
        }
        Container found = null;
        for (Container c : containers.values()) {
            if (!r.isEmpty() && c.id.startsWith(r)) {
                if (found != null) {
                    return null;
                }
                found = c;
            }
        }
        return found;
    }

    /** docker create: validates the networking config and names the container. */
    public Container create(RunSpec spec) throws DaemonException {
        if (spec.name() != null) {
            if (!VALID_NAME.matcher(spec.name()).matches()) {
                throw new DaemonException("Invalid container name (" + spec.name()
                        + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
            }
            Container other = findByName(spec.name());
            if (other != null) {
                throw new DaemonException("Conflict. The container name \"/" + spec.name()
                        + "\" is already in use by container \"" + other.id
                        + "\". You have to remove (or rename) that container to be able to reuse that name.");
            }
        }
        String mode = spec.networkMode();
        boolean atStart = profile.daemon().attachAtStart();
        Network net = mode.equals("default") ? findNetwork("bridge") : atStart ? findNetwork(mode) : network(mode);
        if (net != null && net.driver.equals("host") && !spec.links().isEmpty()) {
            throw new DaemonException("conflicting options: host type networking can't be used with links. "
                    + "This would result in undefined behavior");
        }
        if (!atStart) {
            checkAttach(net, spec.aliases(), spec.ip());
        }
        for (String link : spec.links()) {
            String target = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
            if (findContainer(target) == null) {
                throw new DaemonException("could not get container for " + target);
            }
        }
        Image image = ImageCatalog.lookup(spec.image());
        String id = ids.id64();
        // The daemon stores names with a leading "/"; one typed with it is the same name.
        String name = spec.name() == null ? null : spec.name().replaceFirst("^/", "");
        for (int retry = 0; name == null; retry++) {
            String candidate = NameGenerator.name(ids, retry);
            if (findByName(candidate) == null) {
                name = candidate;
            }
        }
        Container c = new Container(id, name, image, spec, now());
        addImage(spec.image());
        // A network still unknown (20.10 looks it up when the container starts) is kept by its name.
        c.netConfig.put(net == null ? mode : net.name, new Container.NetConfig(net == null ? null : net.id, spec.ip(),
                spec.aliases(), false));
        containers.put(id, c);
        return c;
    }

    /** The endpoint settings a network accepts: aliases and --ip only on user-defined ones. */
    private void checkAttach(Network net, List<String> aliases, String ip) throws DaemonException {
        if (!aliases.isEmpty() && !net.isUserDefined()) {
            throw new DaemonException("network-scoped aliases are only supported for user-defined networks");
        }
        if (ip != null && !net.isOverlay()) { // an overlay's address is the manager's to give (Overlay.join)
            checkRequestedIp(net, ip);
        }
    }

    /**
     * Where networks are attached at start (20.10's daemon), the checks a later version makes at
     * create: each network exists (a name kept unresolved gets its id now), then its settings.
     */
    private void checkAttachAtStart(Container c) throws DaemonException {
        for (Map.Entry<String, Container.NetConfig> e : c.netConfig.entrySet()) {
            Container.NetConfig nc = e.getValue();
            Network net = nc.networkId() == null ? findNetwork(e.getKey()) : findNetwork(nc.networkId());
            if (net == null) {
                throw new DaemonException("network " + e.getKey() + " not found");
            }
            checkAttach(net, nc.aliases(), nc.ip());
            if (nc.networkId() == null) {
                e.setValue(new Container.NetConfig(net.id, nc.ip(), nc.aliases(), nc.connected()));
            }
        }
    }

    private void checkRequestedIp(Network net, String ip) throws DaemonException {
        if (!net.isUserDefined()) {
            throw new DaemonException("user specified IP address is supported on user defined networks only");
        }
        if (!net.userSubnet) {
            throw new DaemonException("user specified IP address is supported only when connecting to networks "
                    + "with user configured subnets");
        }
        Integer addr = Cidr.parseIp(ip);
        if (addr == null || !net.subnet.contains(addr)) {
            throw new DaemonException("no configured subnet contains IP address " + ip);
        }
    }

    private Container findByName(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        for (Container c : containers.values()) {
            if (c.name.equals(n)) {
                return c;
            }
        }
        return null;
    }

    /** docker run = create + start; a start failure leaves the container in Created state. */
    public Container run(RunSpec spec) throws DaemonException {
        Container c = create(spec);
        start(c);
        return c;
    }

    public void start(Container c) throws DaemonException {
        if (c.running()) {
            return;
        }
        if (profile.daemon().attachAtStart() && !c.netConfig.isEmpty()) {
            checkAttachAtStart(c);
        }
        new Starter(this, c).start();
        c.state = Container.State.RUNNING;
        c.startedMillis = now();
        changed.accept(c);
        if (ImageCatalog.isShell(c.path) && !c.spec.interactive()) {
            // A shell with no stdin reads EOF and exits at once, as `docker run -d busybox` does.
            exited(c, 0);
        }
    }

    public void stop(Container c) {
        if (c.running()) {
            // sh as PID 1 ignores SIGTERM and is killed after the timeout (137); servers exit cleanly.
            exited(c, ImageCatalog.isShell(c.path) ? 137 : 0);
        }
    }

    /** The main process ended (stop, kill, or `exit` in the attached shell). */
    public void exited(Container c, int code) {
        if (!c.running()) {
            return;
        }
        new Starter(this, c).teardown();
        c.state = Container.State.EXITED;
        c.exitCode = code;
        c.finishedMillis = now();
        if (c.spec.autoRemove()) {
            containers.remove(c.id);
        }
        changed.accept(c);
    }

    public void remove(Container c, boolean force) throws DaemonException {
        if (c.running()) {
            if (!force) {
                throw new DaemonException(String.format(profile.daemon().rmRunning(), c.id, c.name));
            }
            exited(c, 137);
        }
        containers.remove(c.id);
        changed.accept(c);
    }

    public void connect(String netRef, String ctrRef, String ip, List<String> aliases) throws DaemonException {
        Network net = network(netRef);
        Container c = container(ctrRef);
        // updateNetworkSettings: host as the new network, then against each network the container has.
        if (!c.networkMode().equals("host") && net.driver.equals("host")) {
            throw new DaemonException("container cannot be disconnected from host network or connected to host network");
        }
        if (c.networkMode().equals("host")) {
            throw new DaemonException("container sharing network namespace with another container or host cannot be "
                    + "connected to any other network");
        }
        if (c.networkMode().equals("none") || net.driver.equals("null")) {
            throw new DaemonException("container cannot be connected to multiple networks with one of the networks in "
                    + "private (none) mode");
        }
        if (c.netConfig.containsKey(net.name)) {
            throw new DaemonException("endpoint with name " + c.name + " already exists in network " + net.name);
        }
        if (!aliases.isEmpty() && !net.isUserDefined()) {
            throw new DaemonException("network-scoped aliases are only supported for user-defined networks");
        }
        if (ip != null && !net.isOverlay()) { // an overlay's address is the manager's to give (Overlay.join)
            checkRequestedIp(net, ip);
        }
        Container.NetConfig nc = new Container.NetConfig(net.id, ip, aliases, true);
        if (c.running()) {
            new Starter(this, c).join(net, nc);
        }
        c.netConfig.put(net.name, nc);
        changed.accept(c);
    }

    public void disconnect(String netRef, String ctrRef) throws DaemonException {
        Network net = network(netRef);
        Container c = container(ctrRef);
        if (!c.netConfig.containsKey(net.name)) {
            throw new DaemonException("container " + c.id + " is not connected to network " + net.name);
        }
        detach(c, net);
    }

    /**
     * The container is off {@code net}: its endpoint goes (when running) and its configuration
     * for it - a network disconnect, or an overlay the node lost by leaving its swarm.
     */
    void detach(Container c, Network net) {
        if (c.running()) {
            new Starter(this, c).leave(net);
        }
        c.netConfig.remove(net.name);
        c.joined.remove(net.name);
        changed.accept(c);
    }

    // ---------------------------------------------------------------- package access for Starter

    Ids ids() {
        return ids;
    }

    Wiring wiring() {
        return wiring;
    }

    RuleLayout rules() {
        return rules;
    }

    PortAllocator ports() {
        return ports;
    }

    /** Networks sorted as libnetwork ranks gateway candidates: non-internal first, then by name. */
    static Comparator<Endpoint> gatewayOrder() {
        return Comparator.<Endpoint, Boolean>comparing(e -> e.network.internal).thenComparing(e -> e.network.name);
    }

    /** A new network's ids follow container ids in one random stream, so order of calls matters. */
    List<Container> linked(Container c) {
        List<Container> out = new ArrayList<>();
        for (String link : c.spec.links()) {
            String target = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
            Container t = findContainer(target);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
