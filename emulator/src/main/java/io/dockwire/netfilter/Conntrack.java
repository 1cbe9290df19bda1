package io.dockwire.netfilter;

import io.dockwire.command.CommandResult;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;

/**
 * The connection table of one namespace (nf_conntrack). Each entry has an original and a reply
 * tuple (src, dst, sport, dport, proto; for ICMP queries the echo id stands in both port slots'
 * first place, as {@code tuple.src.u.icmp.id}). Entries live in parallel primitive arrays, grown by
 * doubling up to {@link #max()} and recycled through a free list; the hash maps a 64-bit digest of
 * a tuple to the first slot of a chain (slot = 2 * entry + direction) whose members are compared
 * field by field, so a lookup allocates nothing.
 *
 * <p>Like Linux, an entry made for a packet is unconfirmed (not in the hash) until the packet
 * leaves through POSTROUTING or INPUT; a dropped packet's entry goes back to the pool. Timers are
 * deadlines in simulated nanoseconds: expired entries go away on lookup or in {@link #expire}.
 */
public final class Conntrack {
    static final int ORIGINAL = 0;
    static final int REPLY = 1;

    static final int SEEN_REPLY = 1;
    static final int ASSURED = 2;
    static final int CONFIRMED = 4;
    static final int SRC_NAT = 8;
    static final int DST_NAT = 16;
    static final int SRC_NAT_DONE = 32;
    static final int DST_NAT_DONE = 64;
    /** Entry is handed out (guards against freeing twice). */
    static final int ALLOCATED = 128;
    /**
     * Deleted while a packet still holds it (IPS_DYING, nf_ct_delete from a protocol's packet()
     * handler): out of the hash and the list, so nothing finds it any more, yet that packet keeps
     * its NAT; it goes back to the pool when the packet lets go of it ({@link #release}).
     */
    static final int DYING = 256;

    static final long SEC = 1_000_000_000L;
    /** nf_conntrack_icmp_timeout, nf_conntrack_udp_timeout(_stream), nf_conntrack_generic_timeout. */
    static final long ICMP_TIMEOUT = 30;
    static final long UDP_TIMEOUT = 30;
    static final long UDP_STREAM_TIMEOUT = 120;
    static final long GENERIC_TIMEOUT = 600;

    private int max;
    private int cap;
    int count;

    // Per slot (2 * entry + dir).
    int[] tSrc;
    int[] tDst;
    int[] tSport;
    int[] tDport;
    private int[] chainNext;
    // Per entry.
    int[] proto;
    int[] status;
    int[] tcpState;
    int[] icmpType;
    int[] icmpCode;
    long[] expires;
    long[] started;
    /**
     * Which use of the entry this is: a number given at {@link #alloc} from a counter, so an
     * entry killed and handed out again is told from its former self ({@link PassMemo}).
     */
    int[] incarnation;
    private int incarnations;
    private int[] listPrev;
    private int[] listNext;
    private int listHead = -1;
    private int listTail = -1;
    private int[] free;
    private int freeTop;

    private final Long2IntOpenHashMap heads;
    /** The slot {@link #find} found last through {@link #heads}, -1 for none. */
    private int lastFound = -1;

    public Conntrack(int max) {
        this.max = max;
        this.heads = new Long2IntOpenHashMap(Math.min(max, 1024) * 2);
        heads.defaultReturnValue(-1);
        allocate(Math.min(max, 256));
    }

    /** net.netfilter.nf_conntrack_max. */
    public int max() {
        return max;
    }

    public void setMax(int max) {
        this.max = max;
    }

    /** Entries allocated, confirmed or not (nf_conntrack_count). */
    public int count() {
        return count;
    }

    // ---- lookups ---------------------------------------------------------------------------

    static long key(int s, int d, int sp, int dp, int pr) {
        long k = ((long) s << 32) | (d & 0xFFFF_FFFFL);
        return k * 0x9E37_79B9_7F4A_7C15L + (((long) sp << 24) | ((long) dp << 8) | pr);
    }

    /**
     * Slot holding this tuple, -1 when absent; an expired entry found on the way is removed. The
     * slot found last is tried before the hash: the next packet of a flow usually has its tuple.
     * That slot is hashed (it was found through the hash, and {@link #unhash} forgets it), and a
     * hashed entry's tuple never changes (NAT rewrites only unconfirmed ones), so it holds the
     * tuple exactly when the hash would find it there.
     */
    int find(int s, int d, int sp, int dp, int pr, long now) {
        int slot = lastFound;
        if (slot < 0 || !holds(slot, s, d, sp, dp, pr)) {
            slot = heads.get(key(s, d, sp, dp, pr));
            while (slot >= 0 && !holds(slot, s, d, sp, dp, pr)) {
                slot = chainNext[slot];
            }
            if (slot < 0) {
                return -1;
            }
            lastFound = slot;
        }
        int e = slot >> 1;
        if (expires[e] - now <= 0) {
            kill(e);
            return -1;
        }
        return slot;
    }

    private boolean holds(int slot, int s, int d, int sp, int dp, int pr) {
        return tSrc[slot] == s && tDst[slot] == d && tSport[slot] == sp && tDport[slot] == dp && proto[slot >> 1] == pr;
    }

    /** nf_conntrack_tuple_taken: is this tuple any confirmed entry's original or reply tuple? */
    boolean taken(int s, int d, int sp, int dp, int pr, long now) {
        return find(s, d, sp, dp, pr, now) >= 0;
    }

    // ---- entry life ------------------------------------------------------------------------

    /** A fresh unconfirmed entry, -1 when the table is full even after removing expired ones. */
    int alloc(long now) {
        if (count >= max) {
            expire(now);
            if (count >= max) {
                return -1;
            }
        }
        if (freeTop == 0) {
            allocate(Math.min(cap * 2, Math.max(max, cap + 1)));
        }
        int e = free[--freeTop];
        count++;
        status[e] = ALLOCATED;
        tcpState[e] = TcpTracker.NONE;
        icmpType[e] = 0;
        icmpCode[e] = 0;
        started[e] = now;
        incarnation[e] = ++incarnations;
        return e;
    }

    void setTuple(int slot, int s, int d, int sp, int dp) {
        tSrc[slot] = s;
        tDst[slot] = d;
        tSport[slot] = sp;
        tDport[slot] = dp;
    }

    /** Inserts a new entry's two tuples (__nf_conntrack_confirm); false on a clash. */
    boolean confirm(int e, long now) {
        if ((status[e] & CONFIRMED) != 0) {
            return true;
        }
        int o = 2 * e;
        int r = o + 1;
        if (find(tSrc[o], tDst[o], tSport[o], tDport[o], proto[e], now) >= 0
                || find(tSrc[r], tDst[r], tSport[r], tDport[r], proto[e], now) >= 0) {
            free(e);
            return false;
        }
        hash(o);
        hash(r);
        listPrev[e] = listTail;
        listNext[e] = -1;
        if (listTail >= 0) {
            listNext[listTail] = e;
        } else {
            listHead = e;
        }
        listTail = e;
        status[e] |= CONFIRMED;
        return true;
    }

    /**
     * A packet lets go of its entry (freed, dropped, or the stack moves on to the next one): an
     * entry made for it and never confirmed, or one deleted while it held it, goes back to the pool.
     */
    void release(int e) {
        if (e < cap && ((status[e] & (CONFIRMED | ALLOCATED)) == ALLOCATED || (status[e] & DYING) != 0)) {
            free(e);
        }
    }

    /** Removes a confirmed or unconfirmed entry (timer expiry, TCP reopen, conntrack -F). */
    void kill(int e) {
        unlink(e);
        free(e);
    }

    /**
     * nf_ct_kill from a packet's own conntrack step: the entry leaves the table at once, but the
     * packet that killed it still carries it (its NAT is undone as for any packet of the flow,
     * the kernel's confirmed-and-dying case) until {@link #release}.
     */
    void killHeld(int e) {
        unlink(e);
        status[e] |= DYING;
    }

    private void unlink(int e) {
        if ((status[e] & (CONFIRMED | DYING)) == CONFIRMED) {
            unhash(2 * e);
            unhash(2 * e + 1);
            int p = listPrev[e];
            int n = listNext[e];
            if (p >= 0) {
                listNext[p] = n;
            } else {
                listHead = n;
            }
            if (n >= 0) {
                listPrev[n] = p;
            } else {
                listTail = p;
            }
        }
    }

    /** Removes every entry whose timer ran out; returns how many went. */
    public int expire(long now) {
        int removed = 0;
        int e = listHead;
        while (e >= 0) {
            int n = listNext[e];
            if (expires[e] - now <= 0) {
                kill(e);
                removed++;
            }
            e = n;
        }
        return removed;
    }

    /** conntrack -F. */
    public void flush() {
        while (listHead >= 0) {
            kill(listHead);
        }
    }

    void refresh(int e, long now, long seconds) {
        expires[e] = now + seconds * SEC;
    }

    private void free(int e) {
        if ((status[e] & ALLOCATED) == 0) {
            return;
        }
        status[e] = 0;
        free[freeTop++] = e;
        count--;
    }

    private void hash(int slot) {
        long k = key(tSrc[slot], tDst[slot], tSport[slot], tDport[slot], proto[slot >> 1]);
        chainNext[slot] = heads.get(k);
        heads.put(k, slot);
    }

    private void unhash(int slot) {
        if (slot == lastFound) {
            lastFound = -1;
        }
        long k = key(tSrc[slot], tDst[slot], tSport[slot], tDport[slot], proto[slot >> 1]);
        int cur = heads.get(k);
        if (cur == slot) {
            if (chainNext[slot] >= 0) {
                heads.put(k, chainNext[slot]);
            } else {
                heads.remove(k);
            }
            return;
        }
        while (cur >= 0) {
            if (chainNext[cur] == slot) {
                chainNext[cur] = chainNext[slot];
                return;
            }
            cur = chainNext[cur];
        }
    }

    private void allocate(int newCap) {
        int old = cap;
        tSrc = Arrays.copyOf(tSrc == null ? new int[0] : tSrc, 2 * newCap);
        tDst = Arrays.copyOf(tDst == null ? new int[0] : tDst, 2 * newCap);
        tSport = Arrays.copyOf(tSport == null ? new int[0] : tSport, 2 * newCap);
        tDport = Arrays.copyOf(tDport == null ? new int[0] : tDport, 2 * newCap);
        chainNext = Arrays.copyOf(chainNext == null ? new int[0] : chainNext, 2 * newCap);
        proto = Arrays.copyOf(proto == null ? new int[0] : proto, newCap);
        status = Arrays.copyOf(status == null ? new int[0] : status, newCap);
        tcpState = Arrays.copyOf(tcpState == null ? new int[0] : tcpState, newCap);
        icmpType = Arrays.copyOf(icmpType == null ? new int[0] : icmpType, newCap);
        icmpCode = Arrays.copyOf(icmpCode == null ? new int[0] : icmpCode, newCap);
        expires = Arrays.copyOf(expires == null ? new long[0] : expires, newCap);
        started = Arrays.copyOf(started == null ? new long[0] : started, newCap);
        incarnation = Arrays.copyOf(incarnation == null ? new int[0] : incarnation, newCap);
        listPrev = Arrays.copyOf(listPrev == null ? new int[0] : listPrev, newCap);
        listNext = Arrays.copyOf(listNext == null ? new int[0] : listNext, newCap);
        int[] f = new int[newCap];
        System.arraycopy(free == null ? new int[0] : free, 0, f, 0, freeTop);
        // Push new indexes so the lowest is handed out first (deterministic order).
        for (int e = newCap - 1; e >= old; e--) {
            f[freeTop++] = e;
        }
        free = f;
        cap = newCap;
    }

    // ---- conntrack -L ----------------------------------------------------------------------

    /**
     * {@code conntrack -L}: entries on stdout in the format of libnetfilter_conntrack's default
     * output (conntrack-tools 1.4.7), oldest first; the summary line goes to stderr after them,
     * as the tool prints it.
     */
    public CommandResult list(long now) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (int e = listHead; e >= 0; e = listNext[e]) {
            if (expires[e] - now <= 0) {
                continue;
            }
            n++;
            int pr = proto[e];
            String name = switch (pr) {
                case Ipv4View.PROTO_TCP -> "tcp";
                case Ipv4View.PROTO_UDP -> "udp";
                case Ipv4View.PROTO_ICMP -> "icmp";
                default -> "unknown";
            };
            sb.append(String.format("%-8s %d %d ", name, pr, (expires[e] - now) / SEC));
            if (pr == Ipv4View.PROTO_TCP) {
                sb.append(TcpTracker.NAMES[tcpState[e]]).append(' ');
            }
            tuple(sb, 2 * e, pr, icmpType[e], icmpCode[e]);
            if ((status[e] & SEEN_REPLY) == 0) {
                sb.append("[UNREPLIED] ");
            }
            tuple(sb, 2 * e + 1, pr, IcmpQuery.replyType(icmpType[e]), icmpCode[e]);
            if ((status[e] & ASSURED) != 0) {
                sb.append("[ASSURED] ");
            }
            sb.append("mark=0 use=1\n");
        }
        String err = "conntrack v1.4.7 (conntrack-tools): " + n + " flow entries have been shown.\n";
        return new CommandResult(sb.toString(), err, 0);
    }

    private void tuple(StringBuilder sb, int slot, int pr, int type, int code) {
        sb.append("src=").append(Ipv4Address.toString(tSrc[slot])).append(" dst=")
                .append(Ipv4Address.toString(tDst[slot])).append(' ');
        if (pr == Ipv4View.PROTO_TCP || pr == Ipv4View.PROTO_UDP) {
            sb.append("sport=").append(tSport[slot]).append(" dport=").append(tDport[slot]).append(' ');
        } else if (pr == Ipv4View.PROTO_ICMP) {
            sb.append("type=").append(type).append(" code=").append(code).append(" id=").append(tSport[slot]).append(' ');
        }
    }
}
