package io.dockwire.link;

/** The two ends of a veth pair, in creation (ifindex) order. */
public record VethPair(Veth a, Veth b) {
}
