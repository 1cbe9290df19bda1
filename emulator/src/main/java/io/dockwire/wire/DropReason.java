package io.dockwire.wire;

/**
 * Why a frame from untrusted bytes is unusable; {@link #OK} when it is fine. Checks return one of
 * these and never throw. Each reason names the nstat counter Linux bumps for it (net/ipv4/ip_input.c
 * {@code ip_rcv_core}, udp.c, tcp_ipv4.c), so callers can count drops the way the kernel does.
 */
public enum DropReason {
    OK(""),
    /** Fewer than 14 bytes: no Ethernet header. */
    TRUNCATED_ETHERNET("IfInErrors"),
    /** ARP shorter than the 28 bytes of an Ethernet/IPv4 ARP packet. */
    TRUNCATED_ARP("ArpInErrors"),
    /** ARP for another hardware/protocol pair (arp_rcv ignores it). */
    UNSUPPORTED_ARP("ArpInErrors"),
    /** Fewer bytes than the 20-byte IPv4 header or than IHL*4. */
    TRUNCATED_IP("IpInHdrErrors"),
    /** Version field is not 4. */
    BAD_VERSION("IpInHdrErrors"),
    /** IHL below 5 words. */
    BAD_IHL("IpInHdrErrors"),
    /** Header checksum does not verify (kernel counts IpInCsumErrors and IpInHdrErrors). */
    BAD_IP_CHECKSUM("IpInCsumErrors"),
    /** Total length is longer than the bytes received. */
    TOTAL_LENGTH_EXCEEDS_FRAME("IpInTruncatedPkts"),
    /** Total length shorter than the header itself. */
    TOTAL_LENGTH_BELOW_HEADER("IpInHdrErrors"),
    /** TCP/UDP/ICMP header does not fit in the IP payload, or UDP length exceeds it. */
    TRUNCATED_L4("InErrors"),
    /** UDP length field below 8 bytes. */
    BAD_UDP_LENGTH("UdpInErrors"),
    /** TCP data offset below 5 words. */
    BAD_TCP_DATA_OFFSET("TcpInErrs"),
    /** TCP, UDP or ICMP checksum does not verify. */
    BAD_L4_CHECKSUM("InCsumErrors");

    private final String nstatCounter;

    DropReason(String nstatCounter) {
        this.nstatCounter = nstatCounter;
    }

    /** The Linux counter (or counter suffix, for L4) this drop is accounted under; empty for OK. */
    public String nstatCounter() {
        return nstatCounter;
    }
}
