package io.dockwire.docker;

/**
 * One node of a swarm as the managers' store holds it: its ID, the engine running it, its
 * address, role and status.
 */
public final class SwarmMember {
    /** The swarm listener's port (2377), where managers accept joins. */
    public static final int PORT = 2377;

    final String id;
    final DockerEngine engine;
    final String address;
    final long joinedMillis;
    /** memberlist's node name: 12 random hex digits, new at every daemon start (network inspect's Peers). */
    final String gossipName;
    boolean manager;
    boolean leader;
    boolean down;
    /** The raft index and time of the node object's last change (node inspect's Version and UpdatedAt). */
    long version;
    long updatedMillis;

    SwarmMember(String id, DockerEngine engine, String address, long joinedMillis, String gossipName,
                boolean manager) {
        this.id = id;
        this.engine = engine;
        this.address = address;
        this.joinedMillis = joinedMillis;
        this.gossipName = gossipName;
        this.manager = manager;
    }

    public String id() {
        return id;
    }

    /** The engine of the node. */
    public DockerEngine engine() {
        return engine;
    }

    public String hostname() {
        return engine.hostname();
    }

    public String address() {
        return address;
    }

    public boolean manager() {
        return manager;
    }

    public boolean leader() {
        return leader;
    }

    /** STATUS: Ready, or Down once the node left. */
    public String status() {
        return down ? "Down" : "Ready";
    }

    /** MANAGER STATUS: Leader, Reachable (another manager) or "" (a worker). */
    public String managerStatus() {
        return !manager ? "" : leader ? "Leader" : down ? "Unreachable" : "Reachable";
    }

    public String engineVersion() {
        return engine.profile().version();
    }

    public long joinedMillis() {
        return joinedMillis;
    }

    public String gossipName() {
        return gossipName;
    }

    public long version() {
        return version;
    }

    public long updatedMillis() {
        return updatedMillis;
    }

    /** The node object changed (joined, promoted, demoted, left): a new index and time. */
    void touch(SwarmCluster c, long now) {
        version = c.nextVersion();
        updatedMillis = now;
    }
}
