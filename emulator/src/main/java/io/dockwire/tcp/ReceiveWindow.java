package io.dockwire.tcp;

/**
 * The receive window one socket advertises, as Linux 6.x computes it (net/ipv4/tcp_input.c,
 * tcp_output.c, include/net/tcp.h): sk_rcvbuf, scaling_ratio, window_clamp, rcv_ssthresh,
 * rcv_wnd/rcv_wup and rcv_mss, with
 * <ul>
 * <li>tcp_select_initial_window (SYN and SYN-ACK window, window scale, first clamp);
 * <li>tcp_init_buffer_space when the connection is established (clamp = full space less one
 *     advmss, tcp_app_win's "force reservation of one segment");
 * <li>tcp_measure_rcv_mss, which also sets scaling_ratio = len * 256 / truesize when rcv_mss
 *     changes, and then tcp_set_window_clamp(tcp_win_from_space(sk_rcvbuf));
 * <li>tcp_grow_window / __tcp_grow_window: rcv_ssthresh grows by max(2 * advmss, 2 * len),
 *     bounded by min(window_clamp, tcp_space) (the free receive space);
 * <li>__tcp_select_window and tcp_select_window: the free space capped at rcv_ssthresh, rounded
 *     up to the window scale, never shrinking the right edge already offered.
 * </ul>
 * Buffers: every received segment is an skb whose truesize is {@link #truesize}; the
 * application reads at once, so when an ACK is chosen the receive queue holds the segment
 * just received (and the out-of-order queue's skbs). Not modelled: receive-buffer autotuning
 * (tcp_rcv_space_adjust / tcp_rcvbuf_grow), which raises sk_rcvbuf only when twice the bytes
 * read in one RTT exceed the window the buffer already gives (some 57 KB a round trip with the
 * defaults), memory pressure, SO_RCVBUF, and the shrink_window sysctl (0 by default).
 */
final class ReceiveWindow {
    /** TCP_RMEM_TO_WIN_SCALE: scaling_ratio is a fraction of 256. */
    static final int RMEM_TO_WIN_SCALE = 8;
    /** TCP_DEFAULT_SCALING_RATIO: half the buffer counts as window until data arrives. */
    static final int DEFAULT_SCALING_RATIO = 1 << (RMEM_TO_WIN_SCALE - 1);
    /**
     * Truesize of a received skb beyond its payload: a TCP sender's skb crosses a veth or
     * loopback unchanged, its head allocated by alloc_skb_fclone(MAX_TCP_HEADER) and the payload
     * in page frags (tcp_sendmsg adds exactly the bytes copied). SKB_TRUESIZE(256) on x86_64:
     * 256 head + 256 struct sk_buff + 320 struct skb_shared_info. Measured on 6.18 (ss -m
     * skmem r): 853 bytes queued -> 1685, 3000 -> 3832, 5000 -> 5832, 7240 -> 8072.
     */
    static final int SKB_HEAD_TRUESIZE = 832;
    /** SOCK_MIN_RCVBUF / 2: 2 * (2048 + SKB_DATA_ALIGN(sizeof(struct sk_buff))) / 2. */
    private static final int MIN_CLAMP = 2304;
    private static final int TCP_MSS_DEFAULT = 536;
    private static final int TCP_MIN_MSS = 88;
    private static final int TCP_MAX_WSCALE = 14;
    /** skb->len below which tcp_event_data_recv does not call tcp_grow_window. */
    private static final int GROW_MIN_LEN = 128;

    private final TcpConfig config;
    int rcvBuf;
    int scalingRatio = DEFAULT_SCALING_RATIO;
    int windowClamp;
    int rcvSsthresh;
    /** tp->rcv_wnd: the window last offered, from rcv_wup. */
    int rcvWnd;
    int rcvWup;
    int wscale;
    /** tp->advmss: our MSS less the timestamp option once negotiated. */
    int advMss;
    int rcvMss;
    private int lastSegSize;
    /** sk_rmem_alloc: truesize of the skbs queued (receive and out-of-order queues). */
    int rmemAlloc;
    /** Part of rmemAlloc held by the out-of-order queue, and where its last skb ends. */
    private int oooTruesize;
    private int oooLastEnd;
    private boolean oooNonEmpty;
    /** __tcp_select_window found less than half the space free: no more quick ACKs. */
    boolean quickOff;

    ReceiveWindow(TcpConfig config) {
        this.config = config;
        this.rcvBuf = config.rmemDefault;
    }

    /** Truesize of a received skb carrying {@code len} payload bytes (see SKB_HEAD_TRUESIZE). */
    static int truesize(int len) {
        return len + SKB_HEAD_TRUESIZE;
    }

    /** tcp_win_from_space. */
    int winFromSpace(int space) {
        return (int) ((long) space * scalingRatio >> RMEM_TO_WIN_SCALE);
    }

    /** tcp_space: the window the free part of the receive buffer gives. */
    int space() {
        return winFromSpace(rcvBuf - rmemAlloc);
    }

    /** tcp_full_space. */
    int fullSpace() {
        return winFromSpace(rcvBuf);
    }

    /**
     * tcp_select_initial_window for a SYN (mss = advmss) or a SYN-ACK (mss = advmss less the
     * timestamps): rcv_wnd, rcv_wscale and window_clamp. The window sent is min(rcv_wnd, 65535).
     */
    void selectInitial(int mss, boolean wscaleOk) {
        int clamp = 0xFFFF << TCP_MAX_WSCALE;
        int space = Math.min(clamp, fullSpace());
        if (space > mss) {
            space = space / mss * mss;
        }
        rcvWnd = space;
        wscale = 0;
        if (wscaleOk) {
            int max = Math.max(space, Math.max(config.rmemMax, config.coreRmemMax));
            max = Math.min(max, clamp);
            wscale = Math.max(0, Math.min(TCP_MAX_WSCALE, 31 - Integer.numberOfLeadingZeros(max) - 15));
        }
        windowClamp = Math.min(0xFFFF << wscale, clamp);
        rcvSsthresh = rcvWnd;
    }

    /** The peer sent no window scale: neither side scales (tcp_rcv_synsent_state_process). */
    void noWindowScaling() {
        wscale = 0;
        windowClamp = Math.min(windowClamp, 0xFFFF);
    }

    /** The window field of a SYN or SYN-ACK: never scaled. */
    int synWindow() {
        return Math.min(rcvWnd, 0xFFFF);
    }

    /**
     * Established (tcp_init_transfer): advmss loses the timestamp option, tcp_init_buffer_space
     * clamps the window, tcp_initialize_rcv_mss guesses rcv_mss, rcv_wup is rcv_nxt.
     */
    void established(int ourAdvMss, int sendMss, int rcvNxt) {
        advMss = ourAdvMss;
        int maxwin = fullSpace();
        int appWin = config.appWin;
        if (windowClamp >= maxwin) {
            windowClamp = maxwin;
            if (appWin > 0 && maxwin > 4 * advMss) {
                windowClamp = Math.max(maxwin - (maxwin >> appWin), 4 * advMss);
            }
        }
        if (appWin > 0 && windowClamp > 2 * advMss && windowClamp + advMss > maxwin) {
            windowClamp = Math.max(2 * advMss, maxwin - advMss); // force reservation of one segment
        }
        rcvSsthresh = Math.min(rcvSsthresh, windowClamp);
        int hint = Math.min(advMss, sendMss);
        hint = Math.min(hint, rcvWnd / 2);
        hint = Math.min(hint, TCP_MSS_DEFAULT);
        rcvMss = Math.max(hint, TCP_MIN_MSS);
        rcvWup = rcvNxt;
    }

    /** tcp_receive_window: what is left of the window last offered. */
    int receiveWindow(int rcvNxt) {
        int win = rcvWup + rcvWnd - rcvNxt;
        return Math.max(win, 0);
    }

    /**
     * An in-order segment of {@code len} bytes was queued (tcp_queue_rcv, then
     * tcp_event_data_recv). Returns true when tcp_grow_window asked for a quick ACK
     * (icsk_ack.quick |= 1).
     */
    boolean dataQueued(int len, int headerLen, int tcpHeaderLen, boolean pshOrRemnant) {
        rmemAlloc += truesize(len);
        measureRcvMss(len, headerLen, tcpHeaderLen, pshOrRemnant);
        return len >= GROW_MIN_LEN && grow(len, len); // truesize_adjust: the head is not counted
    }

    /**
     * An out-of-order segment (tcp_data_queue_ofo): appended to the last skb when it follows it
     * (tcp_ooo_try_coalesce, only the payload added), else a new skb that may grow the window
     * first (with SACK; the skb is charged after tcp_grow_window). True: quick ACK asked.
     */
    boolean outOfOrderQueued(int seq, int len, boolean sack) {
        if (oooNonEmpty && seq == oooLastEnd) {
            oooLastEnd = seq + len;
            oooTruesize += len;
            rmemAlloc += len;
            return false;
        }
        boolean quick = sack && grow(len, truesize(len));
        oooNonEmpty = true;
        oooLastEnd = seq + len;
        oooTruesize += truesize(len);
        rmemAlloc += truesize(len);
        return quick;
    }

    /** The application read everything queued (tcp_recvmsg); the out-of-order queue stays. */
    void read(boolean oooEmpty) {
        if (oooEmpty) {
            oooNonEmpty = false;
            oooTruesize = 0;
        }
        rmemAlloc = oooTruesize;
    }

    /** tcp_measure_rcv_mss; a segment longer than advmss stands for a GRO/GSO skb (gso_size). */
    private void measureRcvMss(int skbLen, int headerLen, int tcpHeaderLen, boolean pshOrRemnant) {
        int lss = lastSegSize;
        lastSegSize = 0;
        int len = skbLen > advMss ? advMss : skbLen;
        if (len >= rcvMss) {
            if (len != rcvMss) {
                int ratio = (int) (((long) skbLen << RMEM_TO_WIN_SCALE) / truesize(skbLen));
                int old = scalingRatio;
                scalingRatio = ratio == 0 ? 1 : ratio;
                if (old != scalingRatio) {
                    setWindowClamp(winFromSpace(rcvBuf));
                }
            }
            rcvMss = Math.min(len, advMss);
        } else {
            len += headerLen;
            if (len >= TCP_MSS_DEFAULT + 20 || len >= TCP_MIN_MSS + 20 && !pshOrRemnant) {
                len -= tcpHeaderLen;
                lastSegSize = len;
                if (len == lss) {
                    rcvMss = len;
                }
            }
        }
    }

    /** tcp_set_window_clamp. */
    private void setWindowClamp(int val) {
        int old = windowClamp;
        int clamp = Math.max(MIN_CLAMP, val);
        if (clamp == old) {
            return;
        }
        windowClamp = clamp;
        if (clamp < old) {
            rcvSsthresh = Math.min(rcvSsthresh, clamp); // __tcp_adjust_rcv_ssthresh, no reserved mem
        } else {
            rcvSsthresh = Math.max(Math.min(rcvWnd, clamp), rcvSsthresh);
        }
    }

    /** tcp_grow_window; true when it grew (and set icsk_ack.quick). */
    private boolean grow(int len, int truesize) {
        int room = Math.min(windowClamp, space()) - rcvSsthresh;
        if (room <= 0) {
            return false;
        }
        int incr;
        if (winFromSpace(truesize) <= len) {
            incr = 2 * advMss;
        } else {
            incr = growSlow(len, truesize);
        }
        if (incr == 0) {
            return false;
        }
        incr = Math.max(incr, 2 * len);
        rcvSsthresh += Math.min(room, incr);
        return true;
    }

    /** __tcp_grow_window: an skb with this much overhead may still fit later. */
    private int growSlow(int len, int truesize) {
        int ts = winFromSpace(truesize) >> 1;
        int window = winFromSpace(config.rmemMax) >> 1;
        while (rcvSsthresh <= window) {
            if (ts <= len) {
                return 2 * rcvMss;
            }
            ts >>= 1;
            window >>= 1;
        }
        return 0;
    }

    /**
     * tcp_select_window: the window field of a segment sent now (rcv_nxt acknowledged).
     * {@link #quickOff} is set when the free space fell below half (icsk_ack.quick = 0).
     */
    int select(int rcvNxt) {
        int cur = receiveWindow(rcvNxt);
        int win = selectRaw();
        if (win < cur) {
            win = align(cur); // never shrink the offered window
        }
        rcvWnd = win;
        rcvWup = rcvNxt;
        win = (int) Math.min(win & 0xFFFF_FFFFL, 0xFFFFL << wscale);
        return win >>> wscale;
    }

    /** __tcp_select_window. */
    private int selectRaw() {
        int mss = rcvMss;
        int free = space();
        int allowed = fullSpace();
        int full = Math.min(windowClamp, allowed);
        if (mss > full) {
            mss = full;
            if (mss <= 0) {
                return 0;
            }
        }
        if (free < (full >> 1)) {
            quickOff = true;
            free = free & -(1 << wscale);
            if (free < (allowed >> 4) || free < mss) {
                return 0;
            }
        }
        if (free > rcvSsthresh) {
            free = rcvSsthresh;
        }
        if (wscale != 0) {
            return align(free);
        }
        int window = rcvWnd;
        if (window <= free - mss || window > free) {
            window = free / mss * mss;
        } else if (mss == full && free > window + (full >> 1)) {
            window = free;
        }
        return window;
    }

    private int align(int v) {
        int unit = 1 << wscale;
        return (v + unit - 1) & -unit;
    }
}
