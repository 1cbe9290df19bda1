package io.dockwire.netfilter;

/** What a hook decided about a packet (NF_ACCEPT / NF_DROP / NF_STOLEN). */
public enum Verdict {
    /** Continue with the (possibly rewritten) packet. */
    ACCEPT,
    /** Free the packet silently. */
    DROP,
    /**
     * REJECT consumed the packet: the host was asked to send the reply through
     * {@link NetfilterHost#sendReject}. The caller frees the packet as for DROP.
     */
    STOLEN
}
