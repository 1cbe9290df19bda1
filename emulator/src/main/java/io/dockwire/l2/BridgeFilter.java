package io.dockwire.l2;

/**
 * br_netfilter: a hook the bridge calls for each frame it forwards from one port to another
 * ({@code net.bridge.bridge-nf-call-iptables}), so iptables and conntrack see bridged IPv4
 * traffic as Docker <= 27 arranges it. The filter owns {@code slot} during the call (the bridge
 * made it writable) and returns the slot to forward, or -1 when it dropped (and released) it.
 */
@FunctionalInterface
public interface BridgeFilter {
    int bridged(Bridge bridge, int slot, long now);
}
