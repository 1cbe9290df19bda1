package io.dockwire.docker;

import java.util.ArrayList;
import java.util.List;

/**
 * The swarms of one LAN: what a {@code docker swarm join IP:PORT} reaches. Shared by the Docker
 * hosts of a world (each engine alone gets its own). Join requests find the manager listening at
 * the address; the control-plane conversation itself (gRPC over TLS on 2377) is state here.
 */
public final class SwarmLan {
    private final List<SwarmCluster> clusters = new ArrayList<>();

    void add(SwarmCluster c) {
        clusters.add(c);
    }

    void remove(SwarmCluster c) {
        clusters.remove(c);
    }

    /**
     * The manager a tutorial's placeholder join line means: the manager at {@code remote}
     * ({@code HOST[:PORT]}) when given, else the leader of the first swarm; null when none.
     */
    public SwarmMember placeholderManager(String remote) {
        if (remote != null) {
            int colon = remote.lastIndexOf(':');
            String host = colon < 0 ? remote : remote.substring(0, colon);
            String port = colon < 0 ? "2377" : remote.substring(colon + 1);
            return port.matches("\\d{1,5}") ? managerAt(host, Integer.parseInt(port)) : null;
        }
        for (SwarmCluster c : clusters) {
            for (SwarmMember m : c.members()) {
                if (m.leader()) {
                    return m;
                }
            }
        }
        return null;
    }

    /** The manager whose swarm listener is at {@code ip:port}, or null. */
    SwarmMember managerAt(String ip, int port) {
        for (SwarmCluster c : clusters) {
            for (SwarmMember m : c.members()) {
                if (m.manager() && m.address().equals(ip) && port == SwarmMember.PORT) {
                    return m;
                }
            }
        }
        return null;
    }
}
