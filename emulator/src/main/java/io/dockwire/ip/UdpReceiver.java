package io.dockwire.ip;

/**
 * What a {@link UdpSocket} delivers, at the simulated time of arrival. The payload is at
 * {@code buf[off, off + len)} and valid only during the call.
 */
public interface UdpReceiver {
    void receive(UdpSocket socket, int srcAddr, int srcPort, int dstAddr, int dstPort, byte[] buf, int off, int len,
            long now);

    /**
     * An ICMP error for a connected socket (Linux reports them only to connected sockets unless
     * IP_RECVERR): {@code errno} as {@code icmp_err_convert} maps it (ECONNREFUSED for port
     * unreachable, EHOSTUNREACH for host unreachable and time exceeded, ENETUNREACH, EMSGSIZE).
     */
    default void error(UdpSocket socket, int errno, int icmpType, int icmpCode, int fromAddr, long now) {
    }
}
