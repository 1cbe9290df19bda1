package io.dockwire.tcp;

import io.dockwire.sim.SimRandom;
import io.dockwire.sim.Simulator;

/**
 * What a {@link TcpStack} needs from the IP layer below it: the whole seam. The IP layer owns
 * addresses, routes, ARP and the IP header; TCP hands it finished segments (checksum filled in
 * over the pseudo-header) and feeds received packets to {@link TcpStack#input}.
 */
public interface TcpHost {
    /**
     * Sends one TCP segment ({@code len} bytes at {@code off}, header + options + payload) from
     * {@code src} to {@code dst}. The IP layer adds a 20-byte header with protocol 6, DF set,
     * TTL 64, identification {@code ipId}, then routes and resolves ARP. TCP picks the IP ID
     * because Linux keeps it per socket: a random 16-bit start at connect/accept, +1 per
     * segment (inet_id); segments sent without a full socket (SYN-ACK, RST to a stray segment,
     * TIME-WAIT ACK) carry 0 (ip_build_and_send_pkt and ip_send_unicast_reply with DF set).
     * {@code confirmNeighbour}: the segment carries its socket's pending neighbour confirmation
     * (Linux skb_set_dst_pending_confirm from sk_dst_pending_confirm): when the packet reaches
     * neighbour output the IP layer confirms the next hop's entry (sock_confirm_neigh ->
     * neigh_confirm); hosts without neighbours ignore it. The bytes are only valid during the
     * call: copy them. Returns 0 (for a confirming segment: the confirmation was delivered, so TCP
     * clears its pending flag) or a negative errno.
     */
    int sendIp(int src, int dst, byte[] seg, int off, int len, int ipId, boolean confirmNeighbour, long now);

    /** True when {@code addr} is configured on this namespace (listen on a specific address). */
    boolean isLocalAddress(int addr);

    /** The source address a route to {@code dst} would use; 0 when there is no route. */
    int sourceAddressFor(int dst);

    /** The MTU of the device a route to {@code dst} leaves by; 0 when unknown (no route, or local). */
    default int routeMtu(int dst) {
        return 0;
    }

    /** net.ipv4.ip_local_port_range low end (Linux default 32768). */
    default int ephemeralLow() {
        return 32768;
    }

    /** net.ipv4.ip_local_port_range high end, inclusive (Linux default 60999). */
    default int ephemeralHigh() {
        return 60999;
    }

    Simulator sim();

    SimRandom random();
}
