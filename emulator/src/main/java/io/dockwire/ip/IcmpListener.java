package io.dockwire.ip;

/**
 * A ping-like ICMP endpoint registered by echo identifier ({@link NetNamespace#registerIcmpListener}).
 * It gets echo replies carrying its identifier and ICMP errors quoting an echo request with its
 * identifier (time exceeded, destination unreachable - including the host unreachable the
 * namespace sends itself when ARP fails), at the simulated time they arrive. The datagram is at
 * {@code buf[l3Off, l3Off + l3Len)} (IP header first: TTL, source; the ICMP message after IHL*4;
 * for an error the quoted datagram 8 bytes further); valid only during the call.
 */
public interface IcmpListener {
    void echoReply(NetNamespace ns, byte[] buf, int l3Off, int l3Len, long now);

    void error(NetNamespace ns, byte[] buf, int l3Off, int l3Len, long now);
}
