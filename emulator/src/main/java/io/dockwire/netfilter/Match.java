package io.dockwire.netfilter;

/**
 * One {@code -m} module of a rule (xtables match): tests a packet and renders itself for
 * {@code -S}/iptables-save ({@link #save}) and {@code -L} ({@link #print}).
 */
interface Match {
    boolean matches(NfPacket p, NetfilterHost host);

    /** Appends e.g. {@code " -m tcp --dport 80"}. */
    void save(StringBuilder sb);

    /** Appends e.g. {@code " tcp dpt:80"} (numeric) or {@code " tcp dpt:http"}. */
    void print(StringBuilder sb, boolean numeric);

    /** True when the match needs connection tracking (registers conntrack in the namespace). */
    default boolean needsConntrack() {
        return false;
    }

    /**
     * True when the answer depends on nothing but the packet fields {@link WalkMemo} keys on
     * (addresses, protocol, ports, ICMP type/code, L4 presence, conntrack state, devices): then
     * a remembered walk over rules with this match may be replayed. False (the safe default) for
     * a match that asks the host or reads other bytes.
     */
    default boolean keyed() {
        return false;
    }
}
