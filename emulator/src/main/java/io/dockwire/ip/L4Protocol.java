package io.dockwire.ip;

/**
 * A transport protocol registered on a namespace by IP protocol number
 * ({@link NetNamespace#registerProtocol}, e.g. 6 for TCP), like Linux's {@code inet_protos}.
 * The datagram is at {@code buf[l3Off, l3Off + l3Len)}: IP header first (its IHL gives the L4
 * offset), Ethernet padding trimmed, header checksum verified; the L4 checksum is the
 * protocol's to check. The bytes are valid only during the call (the slot is released after).
 */
public interface L4Protocol {
    /**
     * A packet for this protocol; {@code csumUnnecessary}: it came from a local sender as
     * CHECKSUM_PARTIAL (skb_csum_unnecessary), so its checksum need not be verified.
     */
    void input(NetNamespace ns, byte[] buf, int l3Off, int l3Len, int inIfindex, boolean csumUnnecessary, long now);

    /**
     * An ICMP error quoting one of this protocol's datagrams ({@code tcp_v4_err}): the ICMP
     * message starts at {@code icmpOff} (type, code, then the quoted IP header at
     * {@code icmpOff + 8}); {@code icmpLen} bytes. Includes the host unreachable a namespace sends
     * itself when ARP fails for a locally sent segment (Linux {@code ipv4_link_failure}).
     */
    default void error(NetNamespace ns, int fromAddr, int type, int code, byte[] buf, int icmpOff, int icmpLen,
            long now) {
    }
}
