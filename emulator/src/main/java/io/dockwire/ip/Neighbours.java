package io.dockwire.ip;

import io.dockwire.link.NetDevice;
import io.dockwire.sim.FramePool;
import io.dockwire.sim.Simulator;
import io.dockwire.sim.TimerHandler;
import io.dockwire.wire.ArpView;
import io.dockwire.wire.EthernetFrame;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.MacAddress;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The ARP neighbour cache of one namespace: Linux {@code net/core/neighbour.c} + {@code net/ipv4/arp.c}
 * with the default parameters (base_reachable_time 30 s randomised to 0.5..1.5 x once per
 * namespace from the seeded {@link io.dockwire.sim.SimRandom} - Linux re-draws it every 300 s,
 * which is not modelled; delay_first_probe_time 5 s; retrans_time 1 s; ucast_solicit 3;
 * mcast_solicit 3; locktime 1 s; unres_qlen 101 packets, the oldest dropped on overflow).
 *
 * <p>States and transitions follow {@code neigh_update} / {@code neigh_timer_handler}: a new
 * entry is INCOMPLETE and sends 3 broadcast requests 1 s apart (the first at once), then turns
 * FAILED at 3 s and every queued packet gets the {@code ipv4_link_failure} treatment (ICMP host
 * unreachable to its source - the namespace itself for a local sender). A reply makes it
 * REACHABLE; REACHABLE ages to STALE after the reachable time (a daemon timer: Linux's
 * fast path does not refresh {@code used}, so the DELAY branch of that timer is not taken);
 * using a STALE entry moves it to DELAY and, unconfirmed after 5 s, to PROBE with up to 3
 * unicast requests. Entries are keyed by (ifindex, address) in a primitive hash map; the
 * per-packet path for a resolved entry allocates nothing.
 */
final class Neighbours implements TimerHandler {
    static final int NONE = 0x00;
    static final int INCOMPLETE = 0x01;
    static final int REACHABLE = 0x02;
    static final int STALE = 0x04;
    static final int DELAY = 0x08;
    static final int PROBE = 0x10;
    static final int FAILED = 0x20;
    static final int PERMANENT = 0x80;
    private static final int VALID = PERMANENT | REACHABLE | PROBE | STALE | DELAY;
    private static final int CONNECTED = PERMANENT | REACHABLE;

    static final long SECOND = 1_000_000_000L;
    static final long BASE_REACHABLE = 30 * SECOND;
    static final long DELAY_PROBE = 5 * SECOND;
    static final long RETRANS = SECOND;
    static final long LOCKTIME = SECOND;
    static final int UCAST_PROBES = 3;
    static final int MCAST_PROBES = 3;
    static final int QUEUE_LEN = 101;

    private final NetNamespace ns;
    private final Simulator sim;
    private final FramePool pool;
    private final int timerHandler;
    private final long reachableTime;
    private final Long2IntOpenHashMap index = new Long2IntOpenHashMap();
    private final ArpView arp = new ArpView();

    private int size;
    private int[] dev = new int[8];
    private int[] ip = new int[8];
    private long[] mac = new long[8];
    private int[] state = new int[8];
    private int[] probes = new int[8];
    private long[] confirmed = new long[8];
    private long[] updated = new long[8];
    private long[] timer = new long[8];
    private int[][] queue = new int[8][];
    private int[] qHead = new int[8];
    private int[] qCount = new int[8];
    private int[] drain = new int[QUEUE_LEN];
    private long queueDrops;

    Neighbours(NetNamespace ns) {
        this.ns = ns;
        this.sim = ns.sim();
        this.pool = sim.pool();
        this.timerHandler = sim.registerTimerHandler(this);
        index.defaultReturnValue(-1);
        // neigh_rand_reach_time: uniform in [base/2, 3*base/2).
        this.reachableTime = BASE_REACHABLE / 2 + (long) (ns.random().nextLong() >>> 1) % BASE_REACHABLE;
    }

    long reachableTimeNs() {
        return reachableTime;
    }

    /** Packets dropped because an unresolved entry's queue was full (Linux unres_discards). */
    long queueDrops() {
        return queueDrops;
    }

    private static long key(int ifindex, int addr) {
        return ((long) ifindex << 32) | (addr & 0xFFFF_FFFFL);
    }

    int find(int ifindex, int addr) {
        return index.get(key(ifindex, addr));
    }

    int state(int e) {
        return state[e];
    }

    long mac(int e) {
        return mac[e];
    }

    private int create(int ifindex, int addr) {
        if (size == dev.length) {
            int n = size * 2;
            dev = java.util.Arrays.copyOf(dev, n);
            ip = java.util.Arrays.copyOf(ip, n);
            mac = java.util.Arrays.copyOf(mac, n);
            state = java.util.Arrays.copyOf(state, n);
            probes = java.util.Arrays.copyOf(probes, n);
            confirmed = java.util.Arrays.copyOf(confirmed, n);
            updated = java.util.Arrays.copyOf(updated, n);
            timer = java.util.Arrays.copyOf(timer, n);
            queue = java.util.Arrays.copyOf(queue, n);
            qHead = java.util.Arrays.copyOf(qHead, n);
            qCount = java.util.Arrays.copyOf(qCount, n);
        }
        int e = size++;
        dev[e] = ifindex;
        ip[e] = addr;
        mac[e] = 0;
        state[e] = NONE;
        probes[e] = 0;
        confirmed[e] = Long.MIN_VALUE / 4;
        updated[e] = sim.now();
        timer[e] = -1;
        queue[e] = null;
        qHead[e] = 0;
        qCount[e] = 0;
        index.put(key(ifindex, addr), e);
        return e;
    }

    /** The entry's MAC when it is PERMANENT or REACHABLE (NUD_CONNECTED), else -1. */
    long connectedMac(int ifindex, int addr) {
        int e = find(ifindex, addr);
        return e >= 0 && (state[e] == PERMANENT || state[e] == REACHABLE) ? mac[e] : -1;
    }

    /** {@code ip neigh add ... nud permanent}. */
    void addPermanent(int ifindex, int addr, long lladdr) {
        int e = find(ifindex, addr);
        if (e < 0) {
            e = create(ifindex, addr);
        }
        cancelTimer(e);
        boolean wasValid = (state[e] & VALID) != 0;
        state[e] = PERMANENT;
        mac[e] = lladdr;
        if (!wasValid) {
            flushQueue(e, sim.now());
        }
    }

    // ---- output ----------------------------------------------------------------------------

    /**
     * Sends the IPv4 frame in {@code slot} to {@code nextHop} on {@code out}, resolving first if
     * needed. {@code confirm}: the packet carries its socket's pending confirmation, and
     * ip_finish_output2 calls sock_confirm_neigh -> neigh_confirm (confirmed = now) before
     * neigh_output; a DELAY entry so confirmed goes back to REACHABLE without probing.
     */
    void output(NetDevice out, int nextHop, int slot, boolean confirm, long now) {
        int e = find(out.ifindex(), nextHop);
        if (e < 0) {
            e = create(out.ifindex(), nextHop);
        }
        if (confirm) {
            confirmed[e] = now;
        }
        int s = state[e];
        if ((s & (REACHABLE | PERMANENT | DELAY | PROBE)) != 0) {
            ns.xmit(out, mac[e], slot, now);
        } else if (s == STALE) {
            // __neigh_event_send: STALE -> DELAY, probe unless confirmed within delay_first_probe_time.
            setState(e, DELAY, now);
            timer[e] = sim.schedule(now + DELAY_PROBE, timerHandler, 0, e);
            ns.xmit(out, mac[e], slot, now);
        } else if (s == INCOMPLETE) {
            enqueue(e, slot);
        } else {
            // NONE or FAILED: start resolving; the unicast probes are skipped (probes = ucast_solicit).
            setState(e, INCOMPLETE, now);
            probes[e] = UCAST_PROBES;
            enqueue(e, slot);
            probe(e, now);
            timer[e] = sim.schedule(now + RETRANS, timerHandler, 0, e);
        }
    }

    private void enqueue(int e, int slot) {
        int[] q = queue[e];
        if (q == null || qCount[e] == q.length) {
            if (q != null && q.length == QUEUE_LEN) {
                pool.release(q[qHead[e]]); // __neigh_event_send drops the oldest
                qHead[e] = (qHead[e] + 1) % q.length;
                qCount[e]--;
                queueDrops++;
            } else {
                int[] nq = new int[q == null ? 4 : Math.min(QUEUE_LEN, q.length * 2)];
                for (int i = 0; i < qCount[e]; i++) {
                    nq[i] = q[(qHead[e] + i) % q.length];
                }
                queue[e] = nq;
                qHead[e] = 0;
                q = nq;
            }
            q = queue[e];
        }
        q[(qHead[e] + qCount[e]) % q.length] = slot;
        qCount[e]++;
    }

    private int drainQueue(int e) {
        int n = qCount[e];
        int[] q = queue[e];
        for (int i = 0; i < n; i++) {
            drain[i] = q[(qHead[e] + i) % q.length];
        }
        qHead[e] = 0;
        qCount[e] = 0;
        return n;
    }

    private void flushQueue(int e, long now) {
        int n = drainQueue(e);
        NetDevice out = ns.deviceByIndex(dev[e]);
        for (int i = 0; i < n; i++) {
            int slot = drain[i];
            drain[i] = -1;
            if (out == null) {
                pool.release(slot);
            } else {
                ns.xmit(out, mac[e], slot, now);
            }
        }
    }

    /** arp_solicit: broadcast while INCOMPLETE, unicast to the known address while PROBE. */
    private void probe(int e, long now) {
        NetDevice out = ns.deviceByIndex(dev[e]);
        if (out == null) {
            return;
        }
        int saddr = 0;
        if (qCount[e] > 0) { // neigh_probe passes the newest queued packet; its source if it is ours
            int tail = queue[e][(qHead[e] + qCount[e] - 1) % queue[e].length];
            int src = Ipv4View.src(pool.buf(tail), EthernetFrame.HEADER_LENGTH);
            if (ns.isLocalAddress(src)) {
                saddr = src;
            }
        }
        if (saddr == 0) {
            saddr = ns.addresses().primary(dev[e]);
        }
        boolean unicast = probes[e] < UCAST_PROBES;
        probes[e]++;
        long dstMac = unicast ? mac[e] : MacAddress.BROADCAST;
        sendArp(out, ArpView.OP_REQUEST, dstMac, saddr, 0, ip[e], now);
    }

    private void sendArp(NetDevice out, int op, long ethDst, int sip, long tha, int tip, long now) {
        int len = EthernetFrame.HEADER_LENGTH + ArpView.LENGTH;
        int slot = pool.alloc(len);
        byte[] b = pool.buf(slot);
        EthernetFrame.dst(b, 0, ethDst);
        EthernetFrame.src(b, 0, out.mac());
        EthernetFrame.etherType(b, 0, EthernetFrame.ETHERTYPE_ARP);
        arp.wrap(b, EthernetFrame.HEADER_LENGTH, ArpView.LENGTH).htype(ArpView.HTYPE_ETHERNET)
                .ptype(EthernetFrame.ETHERTYPE_IPV4).hlen(6).plen(4).operation(op)
                .senderMac(out.mac()).senderIp(sip).targetMac(tha).targetIp(tip);
        out.transmit(slot, now);
    }

    // ---- timers ----------------------------------------------------------------------------

    @Override
    public void onTimer(long now, int kind, long arg) {
        int e = (int) arg;
        timer[e] = -1;
        int s = state[e];
        if (s == REACHABLE) {
            if (now >= confirmed[e] + reachableTime) {
                setState(e, STALE, now);
            } else {
                timer[e] = sim.scheduleDaemon(confirmed[e] + reachableTime, timerHandler, 0, e);
            }
        } else if (s == DELAY) {
            if (now <= confirmed[e] + DELAY_PROBE) {
                setState(e, REACHABLE, now);
                timer[e] = sim.scheduleDaemon(Math.max(now, confirmed[e] + reachableTime), timerHandler, 0, e);
            } else {
                setState(e, PROBE, now);
                probes[e] = 0;
                probe(e, now);
                timer[e] = sim.schedule(now + RETRANS, timerHandler, 0, e);
            }
        } else if (s == INCOMPLETE || s == PROBE) {
            int max = UCAST_PROBES + (s == INCOMPLETE ? MCAST_PROBES : 0);
            if (probes[e] >= max) {
                setState(e, FAILED, now);
                invalidate(e, now);
            } else {
                probe(e, now);
                timer[e] = sim.schedule(now + RETRANS, timerHandler, 0, e);
            }
        }
    }

    /** neigh_invalidate: every queued packet gets ICMP host unreachable (ipv4_link_failure). */
    private void invalidate(int e, long now) {
        int n = drainQueue(e);
        for (int i = 0; i < n; i++) {
            int slot = drain[i];
            drain[i] = -1;
            ns.linkFailure(slot, now);
            pool.release(slot);
        }
    }

    private void setState(int e, int s, long now) {
        if (state[e] != s) {
            updated[e] = now;
        }
        state[e] = s;
    }

    private void cancelTimer(int e) {
        if (timer[e] >= 0) {
            sim.cancel(timer[e]);
            timer[e] = -1;
        }
    }

    /** neigh_update without NEIGH_UPDATE_F_ADMIN. */
    private void update(int e, long lladdr, int newState, boolean override, long now) {
        int old = state[e];
        if ((old & PERMANENT) != 0) {
            return;
        }
        boolean sameMac = (old & VALID) != 0 && lladdr == mac[e];
        if ((newState & CONNECTED) != 0) {
            confirmed[e] = now;
        }
        if ((old & VALID) != 0) {
            if (!sameMac && !override) {
                return;
            }
            if (sameMac && newState == STALE) {
                newState = old;
            }
        }
        if (newState != old || !sameMac) {
            updated[e] = now;
        }
        if (newState != old) {
            cancelTimer(e);
            if (newState == REACHABLE) {
                timer[e] = sim.scheduleDaemon(now + reachableTime, timerHandler, 0, e);
            }
            state[e] = newState;
        }
        if (!sameMac) {
            mac[e] = lladdr;
            if ((newState & CONNECTED) == 0) {
                confirmed[e] = now - 2 * BASE_REACHABLE;
            }
        }
        if (newState != old && (old & VALID) == 0) {
            flushQueue(e, now);
        }
    }

    // ---- input -----------------------------------------------------------------------------

    /** arp_rcv + arp_process for a frame the device accepted; releases the slot. */
    void input(NetDevice in, int slot, boolean l2Host, long now) {
        byte[] b = pool.buf(slot);
        arp.wrap(b, EthernetFrame.HEADER_LENGTH, pool.len(slot) - EthernetFrame.HEADER_LENGTH);
        if (arp.check() != io.dockwire.wire.DropReason.OK) {
            ns.countArpError();
            pool.release(slot);
            return;
        }
        int op = arp.operation();
        int sip = arp.senderIp();
        int tip = arp.targetIp();
        long sha = arp.senderMac();
        long tha = arp.targetMac();
        pool.release(slot);
        if ((op != ArpView.OP_REQUEST && op != ArpView.OP_REPLY) || isMulticast(tip) || (tip >>> 24) == 127
                || isMulticast(sip)) {
            return;
        }
        if (sip == 0) { // a duplicate address probe: answer if it asks for ours, learn nothing
            if (op == ArpView.OP_REQUEST && ns.isLocalAddress(tip)) {
                sendArp(in, ArpView.OP_REPLY, sha, tip, sha, sip, now);
            }
            return;
        }
        if (op == ArpView.OP_REQUEST && ns.isLocalAddress(tip)) {
            // arp_ignore=0: any local address; neigh_event_ns learns the asker as STALE.
            int e = find(in.ifindex(), sip);
            if (e < 0) {
                e = create(in.ifindex(), sip);
            }
            update(e, sha, STALE, true, now);
            sendArp(in, ArpView.OP_REPLY, sha, tip, sha, sip, now);
            return;
        }
        int e = find(in.ifindex(), sip);
        if (e < 0) {
            return; // arp_accept=0: unsolicited ARP creates nothing
        }
        boolean garp = sip == tip && !ns.isLocalAddress(sip)
                && (op == ArpView.OP_REQUEST || tha == MacAddress.BROADCAST || tha == sha);
        boolean override = now > updated[e] + LOCKTIME || garp;
        int newState = op == ArpView.OP_REPLY && l2Host ? REACHABLE : STALE;
        update(e, sha, newState, override, now);
    }

    private static boolean isMulticast(int a) {
        return (a >>> 28) == 0xE;
    }

    /** {@code ip neigh del ADDR dev D}: false when there is no such entry. */
    boolean delete(int ifindex, int addr) {
        int e = find(ifindex, addr);
        if (e < 0 || state[e] == NONE) {
            return false;
        }
        cancelTimer(e);
        int n = drainQueue(e);
        for (int i = 0; i < n; i++) {
            pool.release(drain[i]);
        }
        index.remove(key(dev[e], ip[e]));
        state[e] = NONE;
        dev[e] = 0;
        return true;
    }

    /** neigh_ifdown: forget a device's entries; queued packets are dropped silently. */
    void flushDevice(int ifindex) {
        for (int e = 0; e < size; e++) {
            if (dev[e] == ifindex && state[e] != NONE) {
                delete(ifindex, ip[e]);
            }
        }
    }

    // ---- rendering -------------------------------------------------------------------------

    /**
     * {@code ip neigh}: {@code ADDR dev DEV [lladdr MAC] STATE } with iproute2's trailing space.
     * The kernel dumps in hash-bucket order (randomly keyed); dockwire sorts by address, then
     * ifindex, for a stable output.
     */
    String render(java.util.function.IntFunction<String> devName, int onlyIfindex) {
        List<int[]> rows = new ArrayList<>();
        for (int e = 0; e < size; e++) {
            if (dev[e] != 0 && state[e] != NONE && (onlyIfindex == 0 || dev[e] == onlyIfindex)) {
                rows.add(new int[] {ip[e], dev[e], e});
            }
        }
        rows.sort((x, y) -> x[0] != y[0] ? Integer.compareUnsigned(x[0], y[0]) : Integer.compare(x[1], y[1]));
        StringBuilder sb = new StringBuilder();
        for (int[] r : rows) {
            int e = r[2];
            sb.append(Ipv4Address.toString(ip[e]));
            if (onlyIfindex == 0) {
                sb.append(" dev ").append(devName.apply(dev[e]));
            }
            if ((state[e] & VALID) != 0) {
                sb.append(" lladdr ").append(MacAddress.toString(mac[e]));
            }
            sb.append(' ').append(stateName(state[e])).append(" \n");
        }
        return sb.toString();
    }

    static String stateName(int s) {
        return switch (s) {
            case INCOMPLETE -> "INCOMPLETE";
            case REACHABLE -> "REACHABLE";
            case STALE -> "STALE";
            case DELAY -> "DELAY";
            case PROBE -> "PROBE";
            case FAILED -> "FAILED";
            case PERMANENT -> "PERMANENT";
            default -> "NONE";
        };
    }
}
