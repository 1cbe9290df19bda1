package io.dockwire.docker;

import java.util.List;

/**
 * How one Docker version lays out its iptables rules, as the argv of iptables commands.
 * Implementations may keep state (which jump rules exist) because libnetwork's own
 * "ensure jump at the top" steps depend on it.
 */
public interface RuleLayout {
    /**
     * A bridge network as the rules see it.
     *
     * @param hairpin true when the userland proxy is off: published ports are reached from the
     *                same bridge and from the host through DNAT + hairpin NAT instead
     */
    record BridgeNet(String bridge, Cidr subnet, boolean icc, boolean internal, boolean masquerade, boolean hairpin) {
    }

    /** A published port of a container endpoint; hairpin as in {@link BridgeNet}. */
    record Forward(String bridge, String hostIp, int hostPort, String proto, int containerIp, int containerPort,
                   boolean hairpin) {
    }

    /** Chains and jumps the daemon installs at start, before any network exists. */
    List<List<String>> daemonStart(boolean userlandProxy);

    List<List<String>> networkAdded(BridgeNet net);

    List<List<String>> networkRemoved(BridgeNet net);

    List<List<String>> portAdded(Forward f, boolean userlandProxy);

    List<List<String>> portRemoved(Forward f, boolean userlandProxy);
}
