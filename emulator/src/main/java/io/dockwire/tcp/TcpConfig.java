package io.dockwire.tcp;

/**
 * The sysctls and constants of one namespace's TCP, Linux defaults. Mutable until the stack is
 * used; each setter names the sysctl it stands for.
 */
public final class TcpConfig {
    /** MSS we advertise: interface MTU 1500 minus 40 (tcp_mss_clamp / advmss). */
    int advMss = 1460;
    /** net.ipv4.tcp_syn_retries. */
    int synRetries = 6;
    /** net.ipv4.tcp_synack_retries. */
    int synAckRetries = 5;
    /**
     * net.ipv4.tcp_syn_linear_timeouts: SYN retransmissions at a fixed 1 s before backing off.
     * 0 is the classic 1, 3, 7, 15 s schedule of most 6.x kernels; 6.18 (observed here)
     * defaults to 4, giving 1, 2, 3, 4, 5, 7, 11 s.
     */
    int synLinearTimeouts = 0;
    /** net.ipv4.tcp_retries2: data retransmissions before ETIMEDOUT (simplified to a count). */
    int retries2 = 15;
    /** TCP_TIMEWAIT_LEN, 60 s, fixed in Linux. */
    long timeWaitNs = 60_000_000_000L;
    /** TCP_DELACK_MIN (HZ/25): the delayed-ACK timeout modelled. */
    long delAckNs = 40_000_000L;
    /** TCP_INIT_CWND, RFC 6928. */
    int initCwndSegments = 10;
    /** TCP_MAX_QUICKACKS: data segments acknowledged at once after the handshake. */
    int quickAcks = 16;
    /** net.ipv4.tcp_rmem[1]: sk_rcvbuf of a new socket (6.1's default, set by the export script). */
    int rmemDefault = 131072;
    /** net.ipv4.tcp_rmem[2]: sizes the window scale (7 for 6 MB; 6.18's 32 MB default gives 10). */
    int rmemMax = 6291456;
    /** net.core.rmem_max, also considered for the window scale. */
    int coreRmemMax = 212992;
    /** net.ipv4.tcp_app_win. */
    int appWin = 31;

    public TcpConfig advMss(int v) {
        advMss = v;
        return this;
    }

    public TcpConfig synRetries(int v) {
        synRetries = v;
        return this;
    }

    public TcpConfig synAckRetries(int v) {
        synAckRetries = v;
        return this;
    }

    public TcpConfig synLinearTimeouts(int v) {
        synLinearTimeouts = v;
        return this;
    }

    public TcpConfig retries2(int v) {
        retries2 = v;
        return this;
    }
}
