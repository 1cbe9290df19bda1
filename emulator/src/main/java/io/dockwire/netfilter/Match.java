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
}
