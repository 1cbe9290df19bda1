package io.dockwire.netfilter;

import io.dockwire.wire.TcpView;

/**
 * TCP connection states and transitions of nf_conntrack_proto_tcp.c: the kernel's
 * {@code tcp_conntracks[dir][flag-index][state]} table (written out here from its documented
 * semantics) with the default timeouts of {@code tcp_timeouts[]}. Sequence/window tracking is not
 * modelled (as with nf_conntrack_tcp_be_liberal=1); mid-stream pickup follows the default
 * nf_conntrack_tcp_loose=1 (an ACK with no entry starts an ESTABLISHED one).
 */
final class TcpTracker {
    static final int NONE = 0;
    static final int SYN_SENT = 1;
    static final int SYN_RECV = 2;
    static final int ESTABLISHED = 3;
    static final int FIN_WAIT = 4;
    static final int CLOSE_WAIT = 5;
    static final int LAST_ACK = 6;
    static final int TIME_WAIT = 7;
    static final int CLOSE = 8;
    static final int SYN_SENT2 = 9;
    /** Packet is invalid for this state: not attached to the entry, ctstate INVALID. */
    static final int IV = 10;
    /** Packet ignored (possible reopen / out-of-window): attached, state and timer untouched. */
    static final int IG = 11;

    static final String[] NAMES = {"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT",
        "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2"};

    /** Seconds, net.netfilter.nf_conntrack_tcp_timeout_* defaults. */
    private static final int[] TIMEOUT = {0, 120, 60, 432000, 120, 60, 30, 120, 10, 120};

    private static final int SS = SYN_SENT;
    private static final int SR = SYN_RECV;
    private static final int ES = ESTABLISHED;
    private static final int FW = FIN_WAIT;
    private static final int CW = CLOSE_WAIT;
    private static final int LA = LAST_ACK;
    private static final int TW = TIME_WAIT;
    private static final int CL = CLOSE;
    private static final int S2 = SYN_SENT2;

    // Flag index: syn, synack, fin, ack, rst, none. Columns: NONE SS SR ES FW CW LA TW CL S2.
    private static final int[][][] NEXT = {
        { // original direction
            {SS, SS, IG, IG, IG, IG, IG, SS, SS, S2},
            {IV, IV, SR, IV, IV, IV, IV, IV, IV, SR},
            {IV, IV, FW, FW, LA, LA, LA, TW, CL, IV},
            {ES, IV, ES, ES, CW, CW, TW, TW, CL, IV},
            {IV, CL, CL, CL, CL, CL, CL, CL, CL, CL},
            {IV, IV, IV, IV, IV, IV, IV, IV, IV, IV},
        },
        { // reply direction
            {IV, S2, IV, IV, IV, IV, IV, SS, IV, S2},
            {IV, SR, IG, IG, IG, IG, IG, IG, IG, SR},
            {IV, IV, FW, FW, LA, LA, LA, TW, CL, IV},
            {IV, IG, SR, ES, CW, CW, TW, TW, CL, IG},
            {IV, CL, CL, CL, CL, CL, CL, CL, CL, CL},
            {IV, IV, IV, IV, IV, IV, IV, IV, IV, IV},
        },
    };

    private TcpTracker() {
    }

    /** The kernel's get_conntrack_index: RST wins, then SYN(/ACK), FIN, ACK. */
    static int flagIndex(int flags) {
        if ((flags & TcpView.RST) != 0) {
            return 4;
        }
        if ((flags & TcpView.SYN) != 0) {
            return (flags & TcpView.ACK) != 0 ? 1 : 0;
        }
        if ((flags & TcpView.FIN) != 0) {
            return 2;
        }
        if ((flags & TcpView.ACK) != 0) {
            return 3;
        }
        return 5;
    }

    static int next(int dir, int state, int flags) {
        return NEXT[dir][flagIndex(flags)][state];
    }

    static long timeoutSeconds(int state) {
        return TIMEOUT[state];
    }
}
