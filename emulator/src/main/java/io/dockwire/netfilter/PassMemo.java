package io.dockwire.netfilter;

import io.dockwire.wire.Ipv4View;

/**
 * What a bridged packet's whole br_netfilter pass (PREROUTING, FORWARD, POSTROUTING: see
 * {@link Netfilter#bridge}) did for recent packets of established TCP/UDP flows, so that the next
 * packet of such a flow gets the same outcome without the three hooks: conntrack's per-packet
 * step on the same entry, the entry's NAT bindings applied, and the counters of every rule and
 * policy the walks bumped, bumped again. {@link WalkMemo} remembers one table's walk at one hook;
 * this remembers the pass, so a packet pays one key comparison instead of a hook dispatch, a
 * names check and a memo lookup per table and hook (about 40% of a bridged frame's cost when
 * br_netfilter is on, benchmarks/README.md).
 *
 * <p>A pass is remembered only when everything in it is a function of what a line keys on and
 * checks: every non-idle walk was one {@link WalkMemo} may remember (keyed table, ACCEPT, no side
 * effect but counters, no TRACE), the packet belonged to a confirmed entry found by its tuple
 * whose NAT was already set up in both directions (so the nat table is not consulted), nothing
 * left a note, and every hook accepted. A line holds the inputs of that pass:
 * <ul>
 * <li>the key: the {@link Netfilter} generation (rules, chains, policies, interface names), the
 * bridge's ifindex, addresses, ports, protocol and TCP flags;
 * <li>the entry: the slot (entry and direction) its tuple was found in, the entry's incarnation
 * (so a killed and reused entry does not pass for the old one), its status bits and TCP state
 * <em>before</em> the packet's conntrack step: given those and the flags, the step (TCP's state
 * table, UDP's timeouts) and the ctstate the walks saw are what they were.
 * </ul>
 * The transport checksum check (for packets that are not CHECKSUM_PARTIAL) is not remembered: it
 * runs for every packet, and a failure takes the full pass.
 *
 * <p>Direct mapped, {@link #LINES} lines, the last line found or stored tried first (a flood is a
 * run of one flow's packets). Storage is made on the first recording; recording and replaying
 * allocate nothing.
 */
final class PassMemo {
    static final int LINES = 64;
    /** Most rule matches one remembered pass may bump. */
    static final int MAX_RULES = 64;
    /** Most policy verdicts one remembered pass may bump (one per walk at most). */
    static final int MAX_POLICIES = 16;
    private static final int KEY = 11;

    /** Per line: generation (0 = empty), dev, src, dst, ports, proto, tcp flags, slot, incarnation, status, tcp state. */
    private int[] keys;
    private Rule[] rules;
    private int[] ruleCounts;
    private Chain[] policies;
    private int[] policyCounts;
    private int last;
    /** Passes replayed (for tests). */
    long replays;

    // The pass being recorded.
    private final Rule[] recRules = new Rule[MAX_RULES];
    private int recRuleCount;
    private final Chain[] recPolicies = new Chain[MAX_POLICIES];
    private int recPolicyCount;
    private boolean spoiled;
    /** The recorded packet's key as it came in (NAT may rewrite the packet during the pass). */
    private int recSrc;
    private int recDst;
    private int recPorts;
    private int recProto;
    private int recFlags;

    private void allocate() {
        keys = new int[LINES * KEY];
        rules = new Rule[LINES * MAX_RULES];
        ruleCounts = new int[LINES];
        policies = new Chain[LINES * MAX_POLICIES];
        policyCounts = new int[LINES];
    }

    private static int ports(NfPacket p) {
        return (p.sport << 16) | p.dport;
    }

    private static int line(int src, int dst, int ports, int proto) {
        int h = src * 0x9E37_79B1 + dst;
        h = h * 0x9E37_79B1 + ports;
        h = h * 0x9E37_79B1 + proto;
        h ^= h >>> 15;
        h *= 0x85EB_CA6B;
        return (h ^ (h >>> 13)) & (LINES - 1);
    }

    /**
     * The line remembering a pass of this packet's key in generation {@code gen} on bridge
     * {@code dev}, else -1 (the entry is checked separately, {@link #sameEntry}). The packet is
     * parsed.
     */
    int find(NfPacket p, int dev, int gen) {
        if (keys == null || !p.l4Ok) {
            return -1;
        }
        int l = last;
        if (holds(l, p, dev, gen)) {
            return l;
        }
        l = line(p.src, p.dst, ports(p), p.proto);
        if (holds(l, p, dev, gen)) {
            last = l;
            return l;
        }
        return -1;
    }

    private boolean holds(int l, NfPacket p, int dev, int gen) {
        int k = l * KEY;
        int[] a = keys;
        return a[k] == gen && a[k + 1] == dev && a[k + 2] == p.src && a[k + 3] == p.dst && a[k + 4] == ports(p)
                && a[k + 5] == p.proto && a[k + 6] == p.tcpFlags;
    }

    /**
     * Whether the packet's tuple was found in the same slot of the same incarnation of the entry,
     * with the status and TCP state the remembered pass started from.
     */
    boolean sameEntry(int l, int slot, Conntrack t) {
        int k = l * KEY;
        int[] a = keys;
        if (slot < 0 || a[k + 7] != slot) {
            return false;
        }
        int e = slot >> 1;
        return a[k + 8] == t.incarnation[e] && a[k + 9] == t.status[e] && a[k + 10] == t.tcpState[e];
    }

    /** Bumps the counters the remembered pass bumped, with this packet's length. */
    void replay(int l, int len) {
        replays++;
        Rule[] rs = rules;
        for (int i = l * MAX_RULES, end = i + ruleCounts[l]; i < end; i++) {
            Rule r = rs[i];
            r.pkts++;
            r.bytes += len;
        }
        Chain[] cs = policies;
        for (int i = l * MAX_POLICIES, end = i + policyCounts[l]; i < end; i++) {
            Chain c = cs[i];
            c.policyPkts++;
            c.policyBytes += len;
        }
    }

    // ---- recording -------------------------------------------------------------------------

    /** The pass of this packet (parsed, not yet NATed) starts being recorded. */
    void begin(NfPacket p) {
        recSrc = p.src;
        recDst = p.dst;
        recPorts = ports(p);
        recProto = p.proto;
        recFlags = p.tcpFlags;
        spoiled = !p.l4Ok || (p.proto != Ipv4View.PROTO_TCP && p.proto != Ipv4View.PROTO_UDP);
        recRuleCount = 0;
        recPolicyCount = 0;
    }

    /** The pass did something a replay would not repeat: it is not remembered. */
    void spoil() {
        spoiled = true;
    }

    /** A walk of the pass matched {@code path[0, n)} and ended in {@code policy}'s policy (or null). */
    void add(Rule[] path, int from, int n, Chain policy) {
        if (recRuleCount + n > MAX_RULES || (policy != null && recPolicyCount == MAX_POLICIES)) {
            spoiled = true;
            return;
        }
        System.arraycopy(path, from, recRules, recRuleCount, n);
        recRuleCount += n;
        if (policy != null) {
            recPolicies[recPolicyCount++] = policy;
        }
    }

    /**
     * The recorded pass accepted the packet: remember it when nothing spoiled it. The caller has
     * checked the conntrack side (see the class comment) and passes the entry's slot, incarnation,
     * and status and TCP state from before the packet's conntrack step.
     */
    void end(int dev, int gen, int slot, int incarnation, int status, int tcpState) {
        if (spoiled) {
            return;
        }
        if (keys == null) {
            allocate();
        }
        int l = line(recSrc, recDst, recPorts, recProto);
        int k = l * KEY;
        int[] a = keys;
        a[k] = gen;
        a[k + 1] = dev;
        a[k + 2] = recSrc;
        a[k + 3] = recDst;
        a[k + 4] = recPorts;
        a[k + 5] = recProto;
        a[k + 6] = recFlags;
        a[k + 7] = slot;
        a[k + 8] = incarnation;
        a[k + 9] = status;
        a[k + 10] = tcpState;
        int rb = l * MAX_RULES;
        int oldRules = ruleCounts[l];
        System.arraycopy(recRules, 0, rules, rb, recRuleCount);
        java.util.Arrays.fill(rules, rb + recRuleCount, rb + Math.max(oldRules, recRuleCount), null);
        ruleCounts[l] = recRuleCount;
        int pb = l * MAX_POLICIES;
        int oldPolicies = policyCounts[l];
        System.arraycopy(recPolicies, 0, policies, pb, recPolicyCount);
        java.util.Arrays.fill(policies, pb + recPolicyCount, pb + Math.max(oldPolicies, recPolicyCount), null);
        policyCounts[l] = recPolicyCount;
        last = l;
    }
}
