package io.dockwire.docker;

import java.util.ArrayList;
import java.util.List;

/**
 * A daemon's swarm mode (moby's daemon/cluster): init, join, leave, join tokens and the node
 * list, with the daemon's exact errors. The swarm's state is a {@link SwarmCluster} shared by
 * its members; this is one engine's view of it. Joining and leaving also change the host: the
 * engine's {@link Overlay} makes the ingress network and docker_gwbridge appear and go.
 */
public final class Swarm {
    static final String NOT_MANAGER_NO_SWARM = "This node is not a swarm manager. Use \"docker swarm init\" or "
            + "\"docker swarm join\" to connect this node to swarm and try again.";
    static final String NOT_MANAGER_WORKER = "This node is not a swarm manager. Worker nodes can't be used to view "
            + "or modify cluster state. Please run this command on a manager node or promote the current node to a "
            + "manager.";
    private static final String ALREADY = "This node is already part of a swarm. Use \"docker swarm leave\" to leave "
            + "this swarm and join another one.";

    private final DockerEngine engine;
    private final Ids ids;
    private SwarmLan lan = new SwarmLan();
    private String localAddress;
    private SwarmCluster cluster;
    private SwarmMember self;
    private final Overlay overlay;

    Swarm(DockerEngine engine, Ids ids, Overlay overlay) {
        this.engine = engine;
        this.ids = ids;
        this.overlay = overlay;
    }

    /**
     * Puts the daemon on a LAN: the swarms it can join, and the host's one address (what swarm
     * init advertises when no --advertise-addr is given).
     */
    public void attach(SwarmLan lan, String localAddress) {
        this.lan = lan;
        this.localAddress = localAddress;
    }

    /** The LAN whose swarms this daemon can join. */
    public SwarmLan lan() {
        return lan;
    }

    /** Whether this node is in a swarm. */
    public boolean active() {
        return self != null;
    }

    public boolean manager() {
        return self != null && self.manager;
    }

    /** This node's record, or null outside a swarm. */
    public SwarmMember self() {
        return self;
    }

    /** The swarm, or null. */
    public SwarmCluster cluster() {
        return cluster;
    }

    /** The address a node advertises: the host's, unless {@code --advertise-addr} says otherwise. */
    private String advertise(String flag) throws DaemonException {
        if (flag == null || flag.equals("eth0")) {
            if (localAddress == null) {
                throw new DaemonException("could not find the system's IP address - specify one with --advertise-addr");
            }
            return localAddress;
        }
        String ip = flag.contains(":") ? flag.substring(0, flag.lastIndexOf(':')) : flag;
        if (Cidr.parseIp(ip) == null) {
            throw new DaemonException("advertise address must be a non-zero IP address or network interface (with "
                    + "optional port number)");
        }
        return ip;
    }

    /** {@code docker swarm init}: a new swarm with this node as its leader; returns the node ID. */
    public String init(String advertiseAddr) throws DaemonException {
        if (active()) {
            throw new DaemonException(ALREADY);
        }
        String addr = advertise(advertiseAddr);
        // A new swarm, new random identities: drawn from the daemon's source, so a second init differs.
        SwarmCluster c = new SwarmCluster(((long) ids.nextInt(Integer.MAX_VALUE) << 32) ^ ids.nextInt(Integer.MAX_VALUE),
                engine.now(), engine.profile().daemon().roundRobinPools());
        SwarmMember m = new SwarmMember(c.newId(), engine, addr, engine.now(), c.gossipName(ids), true);
        m.leader = true;
        // newIngressNetwork: the routing mesh's network, the first of the swarm (10.0.0.0/24, VNI 4096).
        c.createNetwork("ingress", false, true, null, engine.now());
        c.add(m);
        lan.add(c);
        enter(c, m);
        return m.id;
    }

    /**
     * {@code docker swarm join --token TOKEN HOST[:PORT]}: returns whether it joined as a manager.
     */
    /** daemon/cluster's swarmConnectTimeout: how long a join waits for a manager before it says so. */
    static final long JOIN_TIMEOUT_NANOS = 20_000_000_000L;

    public boolean join(String token, String remote, String advertiseAddr) throws DaemonException {
        if (active()) {
            throw new DaemonException(ALREADY);
        }
        String host = remote;
        int port = SwarmMember.PORT;
        int colon = remote.lastIndexOf(':');
        if (colon >= 0) {
            host = remote.substring(0, colon);
            String p = remote.substring(colon + 1);
            if (!p.matches("\\d{1,5}")) {
                // The daemon dials the manager over UDP to learn which local address reaches it.
                throw new DaemonException("could not find local IP address: dial udp: address udp/" + p
                        + ": unknown port");
            }
            port = Integer.parseInt(p);
        }
        if (token == null || token.isEmpty()) {
            throw new DaemonException("rpc error: code = InvalidArgument desc = A valid join token is necessary to "
                    + "join this cluster");
        }
        SwarmCluster.parseToken(token);
        SwarmMember manager = lan.managerAt(host, port);
        if (manager == null) {
            // Nobody answers on 2377: the daemon gives up after swarmConnectTimeout (20 s).
            engine.waitFor(JOIN_TIMEOUT_NANOS);
            throw new DaemonException("Timeout was reached before node joined. The attempt to join the swarm will "
                    + "continue in the background. Use the \"docker info\" command to see the current swarm status "
                    + "of your node.");
        }
        SwarmCluster c = manager.engine.swarm().cluster;
        boolean asManager = c.checkToken(token);
        SwarmMember m = new SwarmMember(c.newId(), engine, advertise(advertiseAddr), engine.now(), c.gossipName(ids),
                asManager);
        c.add(m);
        enter(c, m);
        return asManager;
    }

    private void enter(SwarmCluster c, SwarmMember m) throws DaemonException {
        this.cluster = c;
        this.self = m;
        m.touch(c, engine.now());
        overlay.joined(c, m.address);
    }

    /** {@code docker swarm leave [--force]}. */
    public void leave(boolean force) throws DaemonException {
        if (!active()) {
            throw new DaemonException("This node is not part of a swarm");
        }
        if (self.manager && !force) {
            long managers = cluster.managers();
            String start = "You are attempting to leave the swarm on a node that is participating as a manager. ";
            if (managers <= 1) {
                throw new DaemonException(start + "Removing the last manager erases all current state of the swarm. "
                        + "Use `--force` to ignore this message. ");
            }
            long quorum = managers / 2 + 1;
            String quorumText = managers - 1 < quorum ? "Removing this node leaves " + (managers - 1)
                    + " managers out of " + managers + ". Without a Raft quorum your swarm will be inaccessible. " : "";
            throw new DaemonException(start + quorumText + "The only way to restore a swarm that has lost consensus "
                    + "is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.");
        }
        SwarmCluster c = cluster;
        SwarmMember m = self;
        overlay.left();
        m.down = true;
        m.touch(c, engine.now());
        c.handOverLeadership(m);
        if (c.members().stream().noneMatch(o -> o.manager && !o.down)) {
            lan.remove(c); // no manager left: nobody answers on 2377 any more
        }
        cluster = null;
        self = null;
    }

    /** Throws unless this node is a manager, with the daemon's text for where it stands. */
    public void requireManager() throws DaemonException {
        if (!active()) {
            throw new DaemonException(NOT_MANAGER_NO_SWARM);
        }
        if (!self.manager) {
            throw new DaemonException(NOT_MANAGER_WORKER);
        }
    }

    /** {@code docker swarm join-token [-q] ROLE}'s token. */
    public String joinToken(boolean managerRole) throws DaemonException {
        requireManager();
        return cluster.token(managerRole);
    }

    /** The address managers listen at (ManagerStatus.Addr), as join commands print it. */
    public String managerAddress() {
        SwarmMember leader = cluster.members().stream().filter(SwarmMember::leader).findFirst().orElse(self);
        return leader.address + ":" + SwarmMember.PORT;
    }

    /** {@code docker node ls}'s nodes, in the order they joined (the CLI sorts them). */
    public List<SwarmMember> nodes() throws DaemonException {
        requireManager();
        return new ArrayList<>(cluster.members());
    }

    /**
     * A node by ID, hostname, unique ID prefix or {@code self}, as the daemon's getNode looks: the
     * full ID, then the hostname, then the ID prefix; null when none. Several by hostname or by
     * prefix: the daemon's "is ambiguous" error.
     */
    public SwarmMember findNode(String ref) throws DaemonException {
        requireManager();
        if (ref.equals("self")) {
            return self;
        }
        for (SwarmMember m : cluster.members()) {
            if (m.id.equals(ref)) {
                return m;
            }
        }
        SwarmMember byName = unique(ref, cluster.members().stream().filter(m -> m.hostname().equals(ref)).toList());
        return byName != null ? byName : unique(ref, cluster.members().stream().filter(m -> m.id.startsWith(ref)).toList());
    }

    private static SwarmMember unique(String ref, List<SwarmMember> found) throws DaemonException {
        if (found.size() > 1) {
            throw new DaemonException("node " + ref + " is ambiguous (" + found.size() + " matches found)");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * {@code docker node rm [--force]} (swarmkit's RemoveNode): a manager must be demoted first,
     * a node that is up needs {@code --force}; a node removed while up leaves the swarm at once.
     */
    public void removeNode(SwarmMember m, boolean force) throws DaemonException {
        requireManager();
        if (m.manager && !m.down) {
            throw new DaemonException("rpc error: code = FailedPrecondition desc = node " + m.id + " is a cluster manager "
                    + "and is a member of the raft cluster. It must be demoted to worker before removal");
        }
        if (!m.down && !force) {
            throw new DaemonException("rpc error: code = FailedPrecondition desc = node " + m.id
                    + " is not down and can't be removed");
        }
        cluster.remove(m);
        Swarm other = m.engine.swarm();
        if (!m.down && other.self == m) {
            other.overlay.left(); // its dispatcher session ends: the node is out of the swarm
            other.cluster = null;
            other.self = null;
        }
    }

    /** {@code docker node promote|demote}: false when the node had that role already. */
    public boolean setManager(SwarmMember m, boolean manager) throws DaemonException {
        requireManager();
        if (m.manager == manager) {
            return false;
        }
        if (!manager && cluster.managers() <= 1) {
            throw new DaemonException("rpc error: code = FailedPrecondition desc = attempting to demote the last "
                    + "manager of the swarm");
        }
        m.manager = manager;
        m.touch(cluster, engine.now());
        cluster.handOverLeadership(m);
        return true;
    }
}
