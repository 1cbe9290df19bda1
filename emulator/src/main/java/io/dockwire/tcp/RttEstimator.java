package io.dockwire.tcp;

/**
 * Retransmission timeout per RFC 6298 with Linux's twists (tcp_rtt_estimator / tcp_set_rto):
 * the 200 ms floor (tcp_rto_min) applies to the variance term, so RTO = SRTT + max(4*RTTVAR,
 * 200 ms), which on a LAN is about 200 ms plus the RTT; before the first sample it is 1 s
 * (TCP_TIMEOUT_INIT, RFC 6298 2.1). Backoff doubles up to 120 s (TCP_RTO_MAX). Times in ns.
 */
final class RttEstimator {
    static final long INITIAL_RTO = 1_000_000_000L;
    static final long MIN_RTO_VAR = 200_000_000L;
    static final long MAX_RTO = 120_000_000_000L;

    private long srtt = -1;
    private long rttvar;
    private long rto = INITIAL_RTO;
    private int backoff;

    /** RFC 6298 2.2 / 2.3 with alpha 1/8, beta 1/4. Karn: the caller never samples a retransmission. */
    void sample(long r) {
        if (srtt < 0) {
            srtt = r;
            rttvar = r / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        rto = Math.min(MAX_RTO, srtt + Math.max(4 * rttvar, MIN_RTO_VAR));
        backoff = 0;
    }

    /** RFC 6298 5.5: double on each expiry. */
    void backOff() {
        backoff++;
    }

    /** New data acknowledged: Linux clears icsk_backoff (tcp_ack). */
    void resetBackoff() {
        backoff = 0;
    }

    long rto() {
        return Math.min(MAX_RTO, rto << Math.min(backoff, 20));
    }
}
