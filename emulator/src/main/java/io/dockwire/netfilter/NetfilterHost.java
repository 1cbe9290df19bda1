package io.dockwire.netfilter;

/**
 * What netfilter needs from the network namespace that owns it. The IP stack implements this;
 * nothing here may call back into {@link Netfilter#hook} synchronously (see {@link #sendReject}).
 */
public interface NetfilterHost {
    /** Name of the interface (for -i/-o), "" for ifindex 0 (no device, e.g. OUTPUT's input). */
    String interfaceName(int ifindex);

    /**
     * A number that changes whenever {@link #interfaceName} may answer differently for some ifindex
     * (a device added, renamed, moved or removed); netfilter then re-asks the names it remembers.
     * {@link #NAMES_UNVERSIONED} (the default) makes it ask at every hook.
     */
    default int interfaceNamesVersion() {
        return NAMES_UNVERSIONED;
    }

    /** See {@link #interfaceNamesVersion}. */
    int NAMES_UNVERSIONED = Integer.MIN_VALUE;

    /** addrtype LOCAL: the address is assigned to any interface of this namespace (local route table). */
    boolean isLocalAddress(int addr);

    /** Source for MASQUERADE: the primary IPv4 of the outgoing interface, 0 when it has none. */
    int primaryAddress(int ifindex);

    /**
     * REJECT fired: send {@code with} in answer to the offending packet (as it is at this hook).
     * Linux sends it at once through ip_local_out; the host must queue it and send it after
     * {@link Netfilter#hook} returns, because the hook's scratch state is not re-entrant.
     * {@link RejectReplies} builds the datagram the kernel would build.
     */
    void sendReject(RejectWith with, byte[] packet, int l3Off, int l3Len, int inIfindex);

    /** Transcript/kernel-log sink: LOG target lines, "nf_conntrack: table full, dropping packet". */
    void log(String line);
}
