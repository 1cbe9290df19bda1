package io.dockwire.tcp;

import io.dockwire.wire.Bytes;

import io.dockwire.wire.TcpOptions;
import io.dockwire.wire.TcpView;

/**
 * One TCP connection (the TCB of RFC 9293 3.3.1) and its state machine, as Linux 6.x puts it on
 * the wire. Sequence numbers are ints compared modulo 2^32 ({@link Seq}).
 *
 * <p>ACK policy (Linux __tcp_ack_snd_check, simplified and deterministic): the first
 * {@link TcpConfig#quickAcks} data segments are acknowledged at once (quickack mode after the
 * handshake); afterwards an ACK goes out when more than one MSS is unacknowledged, else after
 * 40 ms (TCP_DELACK_MIN). A FIN is acknowledged after 40 ms (tcp_fin enters pingpong mode)
 * unless the application answers first; out-of-order data and holes being filled are
 * acknowledged at once, with SACK blocks when SACK was negotiated. The ACK is sent before the
 * application sees the data, as the kernel acknowledges in softirq before the reader wakes.
 *
 * <p>Sending: segments of at most the MSS (1448 payload bytes with timestamps), PSH on the one
 * that empties the send queue, Minshall's Nagle variant, initial cwnd 10 segments, slow start
 * then congestion avoidance (Reno, in bytes). On RTO, cwnd 1 segment and go-back-N from
 * snd_una (the peer's out-of-order queue makes the repeat cheap); on three duplicate ACKs the
 * first unacknowledged segment is resent once.
 */
public final class TcpConnection {
    /*
     * Receive windows come from ReceiveWindow (Linux's rcv_ssthresh, window_clamp, scaling_ratio
     * and __tcp_select_window). With tcp_rmem 4096 131072 6291456 and MTU 1500: SYN win 64240
     * (44 * 1460), SYN-ACK 65160 (45 * 1448), wscale 7; the client's ACK of the SYN-ACK says 502
     * (64256 >> 7, the SYN's 64240 rounded up: the offered window never shrinks) and a server
     * that received a 77-byte request 509 (65160 - 77 rounded up); received data then grows it.
     */
    private static final int TS_ALIGNED = 12;
    private static final int DEFAULT_PEER_MSS = 536; // RFC 9293 3.7.1

    final TcpStack stack;
    final int id;
    final long serial;
    TcpCallbacks callbacks;
    TcpListener listener;
    TcpConnection nextInBucket;
    boolean inTable;

    TcpState state = TcpState.CLOSED;
    int localAddr;
    int localPort;
    int remoteAddr;
    int remotePort;

    // send sequence space
    int iss;
    int sndUna;
    int sndNxt;
    int sndMax;
    int sndWnd;
    int sndWl1;
    int sndWl2;
    int sndWscale;
    int mss = DEFAULT_PEER_MSS;
    final SendBuffer sendBuf = new SendBuffer(16 * 1024);
    boolean finQueued;
    /** Minshall: end of the last sub-MSS segment sent; hold another until it is acked. */
    int smallEnd;
    int cwnd;
    int ssthresh = Integer.MAX_VALUE;
    int dupAcks;

    // receive sequence space
    int irs;
    int rcvNxt;
    final ReceiveWindow rw;
    int rcvWscale;
    int lastAckSent;
    boolean tsOk;
    boolean sackOk;
    int tsOffset;
    /** Next IP ID for this socket's segments (Linux inet_id), random at connect/accept. */
    int ipId;
    /**
     * The MSS this end advertises: the route's MTU to the peer less 40 (ipv4_default_advmss), at
     * most the configured 1460 - an overlay's 1450-byte MTU gives 1410. Fixed when the connection opens.
     */
    int advMss;
    int tsRecent;
    int quickAcks;
    boolean ackPending;
    /**
     * Linux sk_dst_pending_confirm: set when the peer showed it is alive (sk_dst_confirm from
     * tcp_ack on forward progress or a duplicate ACK, and from tcp_init_metrics when the
     * connection is established); the next segment this socket sends carries it to neighbour
     * output, which confirms the next hop's ARP entry.
     */
    boolean dstPendingConfirm;
    final OutOfOrderQueue ooo = new OutOfOrderQueue();
    /** A FIN that arrived beyond a hole, kept like Linux keeps it on its out-of-order queue. */
    boolean oooFin;
    int oooFinSeq;
    private final int[] sackStart = new int[4];
    private final int[] sackEnd = new int[4];

    // timers and retransmission
    long rtxTimer = -1;
    long delackTimer = -1;
    long twTimer = -1;
    long twExpires = Long.MAX_VALUE;
    int twRcvWnd;
    int retransmits;
    long firstSynTime;
    final RttEstimator rtt = new RttEstimator();
    boolean rttTiming;
    int rttSeq;
    long rttStart;

    /** close() called: no more callbacks for data; data arriving afterwards resets. */
    boolean userClosed;
    int error;

    TcpConnection(TcpStack stack, int id, long serial, TcpCallbacks callbacks) {
        this.stack = stack;
        this.id = id;
        this.serial = serial;
        this.callbacks = callbacks;
        this.rw = new ReceiveWindow(stack.config);
    }

    void bind(int localAddr, int localPort, int remoteAddr, int remotePort) {
        this.localAddr = localAddr;
        this.localPort = localPort;
        this.remoteAddr = remoteAddr;
        this.remotePort = remotePort;
    }

    // ---- public API -----------------------------------------------------------------------

    public TcpState state() {
        return state;
    }

    public int localAddr() {
        return localAddr;
    }

    public int localPort() {
        return localPort;
    }

    public int remoteAddr() {
        return remoteAddr;
    }

    public int remotePort() {
        return remotePort;
    }

    /** The errno the connection died with, 0 while alive or after an orderly close. */
    public int error() {
        return error;
    }

    /** Bytes written and not yet acknowledged (ss Send-Q). */
    public int sendQueue() {
        return sendBuf.size();
    }

    /** The application for a connection accepted elsewhere or handed over. */
    public void setCallbacks(TcpCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    /**
     * write(2): queues {@code len} bytes and sends what the windows allow. Returns len, or
     * -EPIPE once the write side is shut or the connection is gone. Before the handshake
     * completes the bytes wait (like a blocking connect followed by write).
     */
    public int send(byte[] buf, int off, int len) {
        if (finQueued || state == TcpState.CLOSED || state.ordinal() > TcpState.CLOSE_WAIT.ordinal()) {
            return -Errno.EPIPE;
        }
        sendBuf.append(buf, off, len);
        output(now());
        return len;
    }

    /** shutdown(SHUT_WR): FIN after the queued data; reading goes on. */
    public void shutdownOutput() {
        long now = now();
        switch (state) {
            case SYN_SENT -> destroy(0);
            case SYN_RECEIVED, ESTABLISHED -> {
                finQueued = true;
                state = TcpState.FIN_WAIT_1;
                output(now);
            }
            case CLOSE_WAIT -> {
                finQueued = true;
                state = TcpState.LAST_ACK;
                output(now);
            }
            default -> {
            }
        }
    }

    /** close(2): FIN as for shutdown; the application hears nothing more. */
    public void close() {
        userClosed = true;
        shutdownOutput();
    }

    /**
     * SO_LINGER 0 then close: RST,ACK with seq snd_nxt (tcp_send_active_reset), connection gone.
     */
    public void abort() {
        long now = now();
        userClosed = true;
        if (state == TcpState.SYN_SENT || state == TcpState.CLOSED || state == TcpState.TIME_WAIT) {
            destroy(0);
            return;
        }
        if (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT) {
            stack.counters.estabResets++;
        }
        stack.counters.outRsts++;
        transmit(sndNxt, TcpView.RST | TcpView.ACK, false, now);
        destroy(0);
    }

    // ---- opening --------------------------------------------------------------------------

    void startActiveOpen(long now) {
        iss = stack.host.random().nextInt();
        tsOffset = stack.host.random().nextInt();
        ipId = stack.host.random().nextInt(0x10000);
        state = TcpState.SYN_SENT;
        sndUna = iss;
        sndNxt = iss + 1;
        sndMax = sndNxt;
        smallEnd = iss;
        firstSynTime = now;
        advMss = stack.advMss(remoteAddr);
        rw.selectInitial(advMss, true);
        sendSyn(false, now);
        armRetransmit(now + synInterval(0));
    }

    /** A SYN reached a listener: SYN-RECV, answer with SYN-ACK echoing the peer's options. */
    void startPassiveOpen(Segment s, long now) {
        iss = stack.host.random().nextInt();
        tsOffset = stack.host.random().nextInt();
        state = TcpState.SYN_RECEIVED;
        firstSynTime = now;
        advMss = stack.advMss(remoteAddr);
        irs = s.seq;
        rcvNxt = s.seq + 1;
        negotiate(s);
        sndUna = iss;
        sndNxt = iss + 1;
        sndMax = sndNxt;
        smallEnd = iss;
        sndWnd = s.window;
        sndWl1 = s.seq;
        sndWl2 = iss;
        lastAckSent = rcvNxt;
        sendSynAck(false, now);
        armRetransmit(now + RttEstimator.INITIAL_RTO);
    }

    /** Options the peer's SYN offered decide what both sides use (RFC 7323 1.3, RFC 2018 2). */
    private void negotiate(Segment s) {
        tsOk = s.hasTs;
        if (tsOk) {
            tsRecent = s.tsVal;
        }
        sackOk = s.sackPerm;
        if (s.wscale != TcpOptions.NO_WSCALE) {
            sndWscale = Math.min(s.wscale, 14);
        }
        boolean wscaleOk = s.wscale != TcpOptions.NO_WSCALE;
        if (state == TcpState.SYN_SENT) {
            if (!wscaleOk) {
                rw.noWindowScaling();
            }
        } else {
            rw.selectInitial(mssLessTimestamps(), wscaleOk);
        }
        rcvWscale = rw.wscale;
        int peerMss = s.mss == TcpOptions.NO_MSS ? DEFAULT_PEER_MSS : s.mss;
        mss = Math.min(peerMss, advMss) - (tsOk ? TS_ALIGNED : 0);
        cwnd = stack.config.initCwndSegments * mss;
        quickAcks = stack.config.quickAcks;
    }

    private void sendSyn(boolean retransmission, long now) {
        TcpOptions o = TcpOptions.linuxSyn(advMss, rw.wscale, tsNow(now), 0);
        int optLen = o.emit(stack.scratch, TcpView.HEADER_LENGTH);
        stack.emit(localAddr, remoteAddr, localPort, remotePort, iss, 0, TcpView.SYN, rw.synWindow(), optLen, 0,
                ipId++, retransmission, now);
    }

    /** Our advertised MSS less the timestamp option when it was negotiated (Linux's advmss once established). */
    private int mssLessTimestamps() {
        return advMss - (tsOk ? TS_ALIGNED : 0);
    }

    /** SYN-ACK window: rcv_wnd, the full space rounded down to the MSS (65160 = 45 * 1448). */
    private void sendSynAck(boolean retransmission, long now) {
        TcpOptions o = new TcpOptions(advMss, sackOk, rcvWscale == 0 ? TcpOptions.NO_WSCALE : rcvWscale,
                tsOk, tsOk ? tsNow(now) : 0, tsOk ? tsRecent : 0);
        int optLen = o.emit(stack.scratch, TcpView.HEADER_LENGTH);
        stack.emit(localAddr, remoteAddr, localPort, remotePort, iss, rcvNxt, TcpView.SYN | TcpView.ACK, rw.synWindow(),
                optLen, 0, 0, retransmission, now);
    }

    // ---- input ----------------------------------------------------------------------------

    void input(Segment s, long now) {
        if (state == TcpState.SYN_SENT) {
            synSentInput(s, now);
        } else {
            synchronizedInput(s, now);
        }
    }

    /** RFC 9293 3.10.7.3 SYN-SENT (tcp_rcv_synsent_state_process). */
    private void synSentInput(Segment s, long now) {
        boolean hasAck = s.has(TcpView.ACK);
        if (hasAck && s.ack != sndNxt) {
            if (!s.has(TcpView.RST)) {
                stack.sendReset(s, now);
            }
            return;
        }
        if (s.has(TcpView.RST)) {
            if (hasAck) {
                stack.counters.attemptFails++;
                fail(Errno.ECONNREFUSED);
            }
            return;
        }
        if (!s.has(TcpView.SYN) || !hasAck) {
            return; // simultaneous open is not modelled
        }
        irs = s.seq;
        rcvNxt = s.seq + 1;
        lastAckSent = rcvNxt;
        negotiate(s);
        sndUna = s.ack;
        sndWnd = s.window; // never scaled in a SYN (RFC 7323 2.2)
        sndWl1 = s.seq;
        sndWl2 = s.ack;
        rw.established(mssLessTimestamps(), mss, rcvNxt);
        if (retransmits == 0) {
            rtt.sample(now - firstSynTime);
        }
        retransmits = 0;
        cancelRetransmit();
        state = TcpState.ESTABLISHED;
        dstPendingConfirm = true; // tcp_ack (SYN acked) and tcp_init_metrics: sk_dst_confirm
        sendAck(now);
        callbacks.onConnected(this);
        if (state == TcpState.ESTABLISHED) {
            output(now);
        }
    }

    /** RFC 9293 3.10.7.4 for SYN-RECEIVED and every synchronized state. */
    private void synchronizedInput(Segment s, long now) {
        int segLen = s.seqLen();
        if (state == TcpState.SYN_RECEIVED && s.has(TcpView.SYN) && !s.has(TcpView.RST) && s.seq == irs) {
            sendSynAck(true, now); // the peer lost our SYN-ACK (tcp_check_req)
            return;
        }
        if (!acceptable(s.seq, segLen)) {
            if (!s.has(TcpView.RST)) {
                sendAck(now); // RFC 9293: out-of-window segments are answered with an ACK
            }
            return;
        }
        if (s.has(TcpView.RST)) {
            if (s.seq == rcvNxt) {
                onReset();
            } else {
                sendAck(now); // RFC 5961 3.2 challenge ACK
            }
            return;
        }
        if (s.has(TcpView.SYN)) {
            sendAck(now); // RFC 5961 4.2 challenge ACK
            return;
        }
        if (!s.has(TcpView.ACK)) {
            return;
        }
        if (tsOk && s.hasTs && Seq.le(s.seq, lastAckSent)) {
            tsRecent = s.tsVal; // RFC 7323 4.3
        }
        boolean handshake = state == TcpState.SYN_RECEIVED;
        if (handshake && !completePassiveOpen(s, now)) {
            return;
        }
        if (!processAck(s, handshake, now)) {
            return;
        }
        if (state == TcpState.CLOSED) {
            return; // LAST-ACK done
        }
        receive(s, now);
    }

    /** RFC 9293 3.10.7.4 first check, the four cases of the acceptability table. */
    private boolean acceptable(int seq, int segLen) {
        int rcvWnd = rw.receiveWindow(rcvNxt);
        if (segLen == 0) {
            return rcvWnd == 0 ? seq == rcvNxt : Seq.le(rcvNxt, seq) && Seq.lt(seq, rcvNxt + rcvWnd);
        }
        if (rcvWnd == 0) {
            return false;
        }
        int last = seq + segLen - 1;
        return (Seq.le(rcvNxt, seq) && Seq.lt(seq, rcvNxt + rcvWnd))
                || (Seq.le(rcvNxt, last) && Seq.lt(last, rcvNxt + rcvWnd));
    }

    private void onReset() {
        switch (state) {
            case SYN_RECEIVED -> {
                stack.counters.attemptFails++;
                destroy(0); // a request socket vanishes silently
            }
            case ESTABLISHED, CLOSE_WAIT -> {
                stack.counters.estabResets++;
                fail(Errno.ECONNRESET);
            }
            case FIN_WAIT_1, FIN_WAIT_2 -> fail(Errno.ECONNRESET);
            default -> destroy(0); // CLOSING, LAST-ACK, TIME-WAIT: tcp_done, nobody listening
        }
    }

    /** The handshake's final ACK (tcp_check_req): the child becomes a full socket. */
    private boolean completePassiveOpen(Segment s, long now) {
        if (!Seq.lt(sndUna, s.ack) || Seq.gt(s.ack, sndNxt)) {
            stack.sendReset(s, now);
            return false;
        }
        if (retransmits == 0) {
            rtt.sample(now - firstSynTime);
        }
        retransmits = 0;
        cancelRetransmit();
        stack.counters.passiveOpens++;
        sndUna = s.ack; // our SYN is acknowledged before the application may write
        sndWnd = s.window << sndWscale;
        sndWl1 = s.seq;
        sndWl2 = s.ack;
        TcpListener l = listener;
        l.pending--;
        listener = null;
        if (!l.open) { // the listener closed meanwhile: inet_csk_listen_stop resets its children
            stack.sendReset(s, now);
            destroy(0);
            return false;
        }
        rw.established(mssLessTimestamps(), mss, rcvNxt);
        ipId = stack.host.random().nextInt(0x10000); // tcp_v4_syn_recv_sock
        lastAckSent = rcvNxt;
        state = TcpState.ESTABLISHED;
        // tcp_init_transfer -> tcp_init_metrics: sk_dst_confirm on the new child. (Its tcp_ack
        // of the handshake ACK confirms nothing: the child starts with snd_una = snd_nxt.)
        dstPendingConfirm = true;
        callbacks = l.handler.onAccept(this);
        callbacks.onConnected(this);
        return state != TcpState.CLOSED;
    }

    /** RFC 9293 3.10.7.4 fifth check. False when the segment is to be dropped. */
    private boolean processAck(Segment s, boolean handshake, long now) {
        int ack = s.ack;
        if (Seq.gt(ack, sndMax)) {
            sendAck(now); // acks something not yet sent
            return false;
        }
        int oldWnd = sndWnd;
        confirmOnAck(s, ack);
        if (Seq.lt(sndWl1, s.seq) || (sndWl1 == s.seq && Seq.le(sndWl2, ack))) {
            sndWnd = s.window << sndWscale;
            sndWl1 = s.seq;
            sndWl2 = ack;
        }
        int acked = ack - sndUna;
        if (acked > 0) {
            newlyAcked(ack, acked, now);
        } else if (!handshake && acked == 0 && s.seqLen() == 0 && sndWnd == oldWnd && sndNxt != sndUna) {
            if (++dupAcks == 3) {
                fastRetransmit(now);
            }
        }
        if (state == TcpState.CLOSED) {
            return false;
        }
        output(now);
        return true;
    }

    /**
     * tcp_ack's {@code if ((flag & FLAG_FORWARD_PROGRESS) || !(flag & FLAG_NOT_DUP))
     * sk_dst_confirm(sk)}: reached only for an ACK that is not old and with something in flight
     * (prior_packets; else no_queue). Forward progress is data/FIN acked (SACK is not
     * processed); NOT_DUP is FLAG_DATA (the segment occupies sequence space) | FLAG_WIN_UPDATE
     * (tcp_may_update_window) | acked. So: progress, or a pure duplicate ACK.
     */
    private void confirmOnAck(Segment s, int ack) {
        if (Seq.lt(ack, sndUna) || sndMax == sndUna) {
            return;
        }
        boolean progress = Seq.gt(ack, sndUna);
        boolean winUpdate = Seq.gt(s.seq, sndWl1) || (s.seq == sndWl1 && (s.window << sndWscale) > sndWnd);
        if (progress || (s.seqLen() == 0 && !winUpdate)) {
            dstPendingConfirm = true;
        }
    }

    private void newlyAcked(int ack, int acked, long now) {
        int queued = sendBuf.size();
        int finSeq = sndUna + queued;
        boolean finAcked = finQueued && Seq.gt(ack, finSeq);
        sendBuf.consume(Math.min(acked, queued));
        sndUna = ack;
        if (Seq.lt(sndNxt, sndUna)) {
            sndNxt = sndUna;
        }
        if (rttTiming && Seq.ge(ack, rttSeq)) {
            rtt.sample(now - rttStart);
            rttTiming = false;
        }
        rtt.resetBackoff();
        retransmits = 0;
        dupAcks = 0;
        if (cwnd < ssthresh) {
            cwnd += Math.min(acked, queued); // slow start (RFC 5681 3.1, counting bytes)
        } else {
            cwnd += Math.max(1, mss * mss / cwnd); // congestion avoidance
        }
        if (sndUna == sndMax) {
            cancelRetransmit();
        } else {
            armRetransmit(now + rtt.rto());
        }
        if (finAcked) {
            switch (state) {
                case FIN_WAIT_1 -> state = TcpState.FIN_WAIT_2;
                case CLOSING -> enterTimeWait(now);
                case LAST_ACK -> destroy(0);
                default -> {
                }
            }
        }
    }

    /** RFC 5681 3.2, without the NewReno recovery episode: resend snd_una's segment once. */
    private void fastRetransmit(long now) {
        int flight = sndMax - sndUna;
        ssthresh = Math.max(flight / 2, 2 * mss);
        cwnd = ssthresh;
        rttTiming = false;
        int len = Math.min(mss, sendBuf.size());
        if (len > 0) {
            sendData(sndUna, len, false, now);
        }
        armRetransmit(now + rtt.rto());
    }

    /** Data and FIN (RFC 9293 3.10.7.4 seventh and eighth checks). */
    private void receive(Segment s, long now) {
        int seq = s.seq;
        int off = s.payloadOff;
        int len = s.payloadLen;
        boolean fin = s.has(TcpView.FIN);
        boolean canReceive = state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1
                || state == TcpState.FIN_WAIT_2;
        if (!canReceive) {
            len = 0;
            fin = false;
        }
        if (Seq.lt(seq, rcvNxt)) { // trim what we already have
            int dup = rcvNxt - seq;
            if (dup >= len) {
                fin = fin && dup == len;
                dup = len;
            }
            off += dup;
            len -= dup;
            seq = rcvNxt;
        }
        int rcvWnd = rw.receiveWindow(rcvNxt);
        if (len > 0 && Seq.gt(seq + len, rcvNxt + rcvWnd)) {
            len = rcvNxt + rcvWnd - seq; // beyond the window: cut, and any FIN with it
            fin = false;
        }
        if (len > 0 && userClosed) {
            // tcp_rcv_state_process: data after close() -> reset (LINUX_MIB_TCPABORTONDATA)
            stack.sendReset(s, now);
            destroy(Errno.ECONNRESET);
            return;
        }
        if (len == 0 && !fin) {
            return;
        }
        if (seq != rcvNxt) {
            if (len > 0) {
                rw.outOfOrderQueued(seq, len, sackOk);
                ooo.store(rcvNxt, seq, s.buf, off, len);
            }
            if (fin) {
                oooFin = true;
                oooFinSeq = seq + len;
            }
            sendAck(now); // a duplicate ACK, with SACK blocks
            return;
        }
        boolean filledHole = !ooo.isEmpty();
        if (len > 0) {
            // tcp_grow_window's icsk_ack.quick |= 1 is not modelled: the ACK policy stays as above
            rw.dataQueued(len, s.headerLen, TcpView.HEADER_LENGTH + (tsOk ? TS_ALIGNED : 0),
                    (s.flags & (TcpView.FIN | TcpView.URG | TcpView.SYN | TcpView.PSH)) != 0);
        }
        int inOrderEnd = rcvNxt + len;
        int queuedEnd = ooo.contiguousEnd(inOrderEnd);
        rcvNxt = queuedEnd;
        ooo.advance(queuedEnd); // bookkeeping only: the ring keeps the bytes until delivered below
        boolean finNow = fin && queuedEnd == inOrderEnd || oooFin && queuedEnd == oooFinSeq;
        if (finNow) {
            oooFin = false;
            rcvNxt++;
            finReceived(now);
        } else if (filledHole || len > 0 && quickAcks > 0 || rcvNxt - lastAckSent > mss) {
            if (quickAcks > 0 && len > 0) {
                quickAcks--;
            }
            sendAck(now);
        } else {
            scheduleDelayedAck(now);
        }
        rw.read(ooo.isEmpty()); // the reader wakes after the ACK and empties the receive queue
        deliver(s.buf, off, len, inOrderEnd, queuedEnd);
        if (finNow && callbacks != null && !userClosed) {
            callbacks.onEof(this);
        }
    }

    private void deliver(byte[] buf, int off, int len, int inOrderEnd, int queuedEnd) {
        boolean tell = callbacks != null && !userClosed;
        if (len > 0 && tell) {
            callbacks.onData(this, buf, off, len);
        }
        int from = inOrderEnd;
        while (Seq.lt(from, queuedEnd)) {
            int n = OutOfOrderQueue.chunk(from, queuedEnd);
            if (tell && state != TcpState.CLOSED) {
                callbacks.onData(this, ooo.ring(), OutOfOrderQueue.index(from), n);
            }
            from += n;
        }
    }

    /** tcp_fin: state change, then the ACK (at once where Linux sends it at once). */
    private void finReceived(long now) {
        switch (state) {
            case ESTABLISHED -> {
                state = TcpState.CLOSE_WAIT;
                scheduleDelayedAck(now);
            }
            case FIN_WAIT_1 -> {
                state = TcpState.CLOSING;
                sendAck(now);
            }
            case FIN_WAIT_2 -> {
                sendAck(now);
                enterTimeWait(now);
            }
            default -> {
            }
        }
    }

    /** See {@link TcpStack#icmpError}. */
    void icmpError(int type, int code, int errno, int mtu, int seq, long now) {
        if (Seq.lt(seq, sndUna) || Seq.gt(seq, sndNxt)) {
            return; // LINUX_MIB_OUTOFWINDOWICMPS
        }
        switch (state) {
            case SYN_SENT -> {
                stack.counters.attemptFails++;
                fail(errno);
            }
            case SYN_RECEIVED -> destroy(0); // tcp_req_err drops the request
            default -> {
                if (type == IcmpErrors.TYPE_DEST_UNREACH && code == IcmpErrors.CODE_FRAG_NEEDED) {
                    mtuReduced(mtu, now);
                }
            }
        }
    }

    /** tcp_v4_mtu_reduced + tcp_simple_retransmit: smaller segments from snd_una on. */
    private void mtuReduced(int mtu, long now) {
        int newMss = mtu - 40 - (tsOk ? TS_ALIGNED : 0);
        if (newMss >= mss || newMss < 48) {
            return;
        }
        mss = newMss;
        if (sndNxt != sndUna) {
            sndNxt = sndUna;
            rttTiming = false;
            output(now);
        }
    }

    // ---- output ---------------------------------------------------------------------------

    /** Sends whatever the send queue, the peer's window and cwnd allow, FIN included. */
    void output(long now) {
        if (state == TcpState.CLOSED || state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED
                || state == TcpState.TIME_WAIT || state == TcpState.FIN_WAIT_2) {
            return;
        }
        int bufEnd = sndUna + sendBuf.size();
        while (true) {
            int avail = bufEnd - sndNxt;
            int room = Math.min(sndWnd, cwnd) - (sndNxt - sndUna);
            if (avail > 0) {
                int len = Math.min(avail, mss);
                if (len > room) {
                    break;
                }
                if (len < mss && !finQueued && Seq.gt(smallEnd, sndUna) && sndNxt != sndUna) {
                    break; // Minshall/Nagle: one small segment in flight at a time
                }
                boolean fin = finQueued && len == avail;
                sendData(sndNxt, len, fin, now);
                if (len < mss) {
                    smallEnd = sndNxt + len;
                }
                sndNxt += len + (fin ? 1 : 0);
            } else if (avail == 0 && finQueued) {
                transmit(sndNxt, TcpView.FIN | TcpView.ACK, Seq.lt(sndNxt, sndMax), now);
                sndNxt++;
            } else {
                break;
            }
            if (Seq.gt(sndNxt, sndMax)) {
                sndMax = sndNxt;
            }
            if (rtxTimer < 0) {
                armRetransmit(now + rtt.rto());
            }
        }
    }

    /** One data segment from the send queue at {@code seq}. */
    private void sendData(int seq, int len, boolean fin, long now) {
        boolean retransmission = Seq.lt(seq, sndMax);
        if (retransmission) {
            rttTiming = false; // Karn
        } else if (!rttTiming) {
            rttTiming = true;
            rttSeq = seq + len;
            rttStart = now;
        }
        int bufEnd = sndUna + sendBuf.size();
        int flags = TcpView.ACK | (seq + len == bufEnd ? TcpView.PSH : 0) | (fin ? TcpView.FIN : 0);
        int optLen = writeOptions(now);
        sendBuf.copyOut(seq - sndUna, stack.scratch, TcpView.HEADER_LENGTH + optLen, len);
        finish(seq, flags, optLen, len, retransmission, now);
    }

    void sendAck(long now) {
        transmit(sndNxt, TcpView.ACK, false, now);
    }

    /** A segment without payload from this connection (ACK, FIN, RST). */
    private void transmit(int seq, int flags, boolean retransmission, long now) {
        int optLen = writeOptions(now);
        finish(seq, flags, optLen, 0, retransmission, now);
    }

    private void finish(int seq, int flags, int optLen, int payloadLen, boolean retransmission, long now) {
        int window;
        if (state == TcpState.TIME_WAIT) {
            window = Math.min(twRcvWnd >>> rcvWscale, 0xFFFF); // tw_rcv_wnd, fixed at tcp_time_wait
        } else {
            window = rw.select(rcvNxt);
            rw.quickOff = false; // icsk_ack.quick = 0 on low space: not modelled either
        }
        // TIME-WAIT answers come from the kernel's control socket (tcp_v4_send_ack): IP ID 0
        int id = state == TcpState.TIME_WAIT ? 0 : ipId++;
        boolean confirm = dstPendingConfirm && state != TcpState.TIME_WAIT;
        int rc = stack.emit(localAddr, remoteAddr, localPort, remotePort, seq, rcvNxt, flags, window, optLen,
                payloadLen, id, retransmission, confirm, now);
        if (confirm && rc == 0) {
            dstPendingConfirm = false; // sock_confirm_neigh clears it when the packet reaches the neighbour
        }
        lastAckSent = rcvNxt;
        ackPending = false;
        if (delackTimer >= 0) {
            stack.host.sim().cancel(delackTimer);
            delackTimer = -1;
        }
    }

    /**
     * Established options as Linux tcp_options_write lays them out: nop,nop,TS then
     * nop,nop,sack with up to 3 blocks (4 without timestamps, RFC 2018 3).
     */
    private int writeOptions(long now) {
        byte[] b = stack.scratch;
        int i = TcpView.HEADER_LENGTH;
        if (tsOk) {
            b[i] = TcpOptions.KIND_NOP;
            b[i + 1] = TcpOptions.KIND_NOP;
            b[i + 2] = TcpOptions.KIND_TIMESTAMP;
            b[i + 3] = 10;
            Bytes.put32(b, i + 4, tsNow(now));
            Bytes.put32(b, i + 8, tsRecent);
            i += 12;
        }
        if (sackOk && !ooo.isEmpty()) {
            int n = ooo.sackBlocks(sackStart, sackEnd, tsOk ? 3 : 4);
            for (int k = 0; k < n; k++) {
                if (oooFin && sackEnd[k] == oooFinSeq) {
                    sackEnd[k]++; // the queued FIN's sequence number is covered too (end_seq)
                }
            }
            b[i] = TcpOptions.KIND_NOP;
            b[i + 1] = TcpOptions.KIND_NOP;
            b[i + 2] = TcpOptions.KIND_SACK;
            b[i + 3] = (byte) (2 + 8 * n);
            i += 4;
            for (int k = 0; k < n; k++) {
                Bytes.put32(b, i, sackStart[k]);
                Bytes.put32(b, i + 4, sackEnd[k]);
                i += 8;
            }
        }
        return i - TcpView.HEADER_LENGTH;
    }

    /** TSval: Linux tcp_time_stamp_ms plus the per-connection random ts_offset (RFC 7323 5.4). */
    int tsNow(long now) {
        return (int) (now / 1_000_000L) + tsOffset;
    }

    // ---- timers ---------------------------------------------------------------------------

    private void armRetransmit(long at) {
        cancelRetransmit();
        rtxTimer = stack.schedule(this, at, TcpStack.TIMER_RETRANSMIT);
    }

    private void cancelRetransmit() {
        if (rtxTimer >= 0) {
            stack.host.sim().cancel(rtxTimer);
            rtxTimer = -1;
        }
    }

    private void scheduleDelayedAck(long now) {
        ackPending = true;
        if (delackTimer < 0) {
            delackTimer = stack.schedule(this, now + stack.config.delAckNs, TcpStack.TIMER_DELACK);
        }
    }

    void cancelTimers() {
        cancelRetransmit();
        if (delackTimer >= 0) {
            stack.host.sim().cancel(delackTimer);
            delackTimer = -1;
        }
        if (twTimer >= 0) {
            stack.host.sim().cancel(twTimer);
            twTimer = -1;
        }
    }

    void onTimer(int kind, long now) {
        switch (kind) {
            case TcpStack.TIMER_RETRANSMIT -> {
                rtxTimer = -1;
                retransmitTimeout(now);
            }
            case TcpStack.TIMER_DELACK -> {
                delackTimer = -1;
                if (ackPending) {
                    sendAck(now);
                }
            }
            case TcpStack.TIMER_TIME_WAIT -> {
                twTimer = -1;
                stack.destroy(this);
            }
            default -> throw new IllegalStateException("unknown TCP timer kind=" + kind);
        }
    }

    /**
     * SYN timer: give up at the first expiry at least tcp_model_timeout (127 s for 6 retries)
     * after the first SYN, as Linux retransmits_timed_out does. SYN-ACK: drop the request after
     * tcp_synack_retries. Data: RFC 6298 5.4-5.6 plus go-back-N.
     */
    private void retransmitTimeout(long now) {
        if (state == TcpState.SYN_SENT) {
            long limit = ((2L << stack.config.synRetries) - 1) * RttEstimator.INITIAL_RTO;
            if (now - firstSynTime >= limit) {
                stack.counters.attemptFails++;
                fail(Errno.ETIMEDOUT);
                return;
            }
            retransmits++;
            sendSyn(true, now);
            armRetransmit(now + synInterval(retransmits));
            return;
        }
        if (state == TcpState.SYN_RECEIVED) {
            if (retransmits >= stack.config.synAckRetries) {
                destroy(0);
                return;
            }
            retransmits++;
            sendSynAck(true, now);
            armRetransmit(now + (RttEstimator.INITIAL_RTO << retransmits));
            return;
        }
        if (sndUna == sndMax) {
            return;
        }
        if (retransmits >= stack.config.retries2) {
            fail(Errno.ETIMEDOUT);
            return;
        }
        retransmits++;
        rtt.backOff();
        ssthresh = Math.max((sndMax - sndUna) / 2, 2 * mss);
        cwnd = mss;
        dupAcks = 0;
        rttTiming = false;
        sndNxt = sndUna;
        output(now);
        armRetransmit(now + rtt.rto());
    }

    /** Wait after the k-th SYN (0 = the first): 1 s for the linear ones, then doubling. */
    private long synInterval(int k) {
        int linear = stack.config.synLinearTimeouts;
        return RttEstimator.INITIAL_RTO << Math.max(0, k - linear);
    }

    private void enterTimeWait(long now) {
        twRcvWnd = rw.receiveWindow(rcvNxt);
        state = TcpState.TIME_WAIT;
        cancelTimers();
        twExpires = now + stack.config.timeWaitNs;
        // Daemon: an expired TIME-WAIT socket is also ignored on lookup, so stopping early is harmless.
        twTimer = stack.scheduleDaemon(this, twExpires, TcpStack.TIMER_TIME_WAIT);
    }

    boolean timeWaitExpired(long now) {
        return state == TcpState.TIME_WAIT && now >= twExpires;
    }

    // ---- teardown -------------------------------------------------------------------------

    private void fail(int errno) {
        TcpCallbacks cb = callbacks;
        boolean tell = !userClosed;
        destroy(errno);
        if (cb != null && tell) {
            cb.onError(this, errno);
        }
    }

    private void destroy(int errno) {
        error = errno;
        state = TcpState.CLOSED;
        stack.destroy(this);
    }

    private long now() {
        return stack.host.sim().now();
    }
}
