package io.dockwire.netfilter;

import io.dockwire.wire.Ipv4View;

/**
 * What a packet's whole pass through netfilter did for recent packets of established TCP/UDP
 * flows, so that the next packet of such a flow gets the same outcome without walking: conntrack's
 * per-packet step on the same entry, the entry's NAT bindings applied, and the counters of every
 * rule and policy the walks bumped, bumped again. {@link WalkMemo} remembers one table's walk at
 * one hook; this remembers the pass. Three kinds:
 * <ul>
 * <li>bridged (br_netfilter, {@link Netfilter#bridge}): PREROUTING, FORWARD and POSTROUTING in
 * one call, replayed in one step: one key comparison instead of a hook dispatch, a names check
 * and a memo lookup per table and hook (about 40% of a bridged frame's cost, benchmarks/HISTORY.md);
 * <li>forwarded (PREROUTING, FORWARD, POSTROUTING) and delivered (PREROUTING, INPUT): the stack
 * calls the hooks one by one with its routing decision between them, so the line keeps the
 * counters per hook ({@link #STAGES}); PREROUTING is replayed from the line, and each later hook
 * too while its devices are the remembered ones ({@link NfPacket#pass}); a hook that differs (a
 * new route) runs as usual from where a full PREROUTING would have left the packet.
 * </ul>
 *
 * <p>A pass is remembered only when everything in it is a function of what a line keys on and
 * checks: every non-idle walk was one {@link WalkMemo} may remember (keyed table, ACCEPT, no side
 * effect but counters, no TRACE), the packet belonged to a confirmed entry found by its tuple
 * whose NAT was already set up in both directions (so the nat table is not consulted), nothing
 * left a note, and every hook accepted. A line holds the inputs of that pass:
 * <ul>
 * <li>the key: the {@link Netfilter} generation (rules, chains, policies, interface names), the
 * input ifindex, whether bridged, addresses, ports, protocol and TCP flags;
 * <li>the entry: the slot (entry and direction) its tuple was found in, the entry's incarnation
 * (so a killed and reused entry does not pass for the old one), its status bits and TCP state
 * <em>before</em> the packet's conntrack step: given those and the flags, the step (TCP's state
 * table, UDP's timeouts) and the ctstate the walks saw are what they were.
 * <li>the output ifindex and the kind, checked at the hooks after PREROUTING.
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
    /** A pass's kinds: bridged (one call), forwarded (PREROUTING, FORWARD, POSTROUTING), delivered (PREROUTING, INPUT). */
    static final int BRIDGED = 1;
    static final int FORWARDED = 2;
    static final int DELIVERED = 3;
    /** Hooks in a pass, at most. */
    static final int STAGES = 3;
    private static final int KEY = 13;

    /**
     * Per line: generation (0 = empty), input ifindex, src, dst, ports, proto, tcp flags, slot,
     * incarnation, status, tcp state, kind, output ifindex.
     */
    private int[] keys;
    private Rule[] rules;
    private Chain[] policies;
    /** Per line and stage: where the stage's rules and policies end in the line's part of the arrays. */
    private int[] ruleEnds;
    private int[] policyEnds;
    /** Per line: bumped whenever the line is written, so a packet mid-pass can tell it still holds. */
    private int[] stamps;
    /**
     * Per line and stage: packets and bytes replayed and not yet added to the stage's rules and
     * policies ({@link #settle}). A replay adds to these two, not to every rule's counters.
     */
    private long[] pendingPackets;
    private long[] pendingBytes;
    /** Some replay since the last {@link #settle}. */
    private boolean pending;
    private int last;
    /** Passes replayed (for tests). */
    long replays;

    // The pass being recorded.
    private final Rule[] recRules = new Rule[MAX_RULES];
    private int recRuleCount;
    private final Chain[] recPolicies = new Chain[MAX_POLICIES];
    private int recPolicyCount;
    private final int[] recRuleEnds = new int[STAGES];
    private final int[] recPolicyEnds = new int[STAGES];
    private int recStages;
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
        policies = new Chain[LINES * MAX_POLICIES];
        ruleEnds = new int[LINES * STAGES];
        policyEnds = new int[LINES * STAGES];
        stamps = new int[LINES];
        pendingPackets = new long[LINES * STAGES];
        pendingBytes = new long[LINES * STAGES];
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
     * The line remembering a pass of this packet's key in generation {@code gen}, coming in on
     * {@code in}, bridged or not, else -1 (the entry is checked separately, {@link #sameEntry}).
     * The packet is parsed.
     */
    int find(NfPacket p, int in, int gen, boolean bridged) {
        if (keys == null || !p.l4Ok) {
            return -1;
        }
        int l = last;
        if (holds(l, p, in, gen, bridged)) {
            return l;
        }
        l = line(p.src, p.dst, p.ports(), p.proto);
        if (holds(l, p, in, gen, bridged)) {
            last = l;
            return l;
        }
        return -1;
    }

    private boolean holds(int l, NfPacket p, int in, int gen, boolean bridged) {
        int k = l * KEY;
        int[] a = keys;
        return a[k] == gen && a[k + 1] == in && a[k + 2] == p.src && a[k + 3] == p.dst && a[k + 4] == p.ports()
                && a[k + 5] == p.proto && a[k + 6] == p.tcpFlags && (a[k + 11] == BRIDGED) == bridged;
    }

    /** Line {@code l}'s stamp now. */
    int stamp(int l) {
        return stamps[l];
    }

    /** Whether line {@code l} is unchanged since its stamp was {@code stamp}. */
    boolean stillHolds(int l, int stamp) {
        return stamps[l] == stamp;
    }

    /** The line's kind: {@link #BRIDGED}, {@link #FORWARDED} or {@link #DELIVERED}. */
    int kind(int l) {
        return keys[l * KEY + 11];
    }

    /** The output ifindex of the line's pass (FORWARD's and POSTROUTING's), 0 for a delivered one. */
    int out(int l) {
        return keys[l * KEY + 12];
    }

    /** The input ifindex of the line's pass. */
    int in(int l) {
        return keys[l * KEY + 1];
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

    /**
     * Counts this packet for stages {@code from} to {@code to} (inclusive, 0 = PREROUTING) of the
     * remembered pass: what bumping every rule and policy those stages bumped would count, kept
     * per line and stage until {@link #settle} adds it to them (one add per stage instead of two
     * per rule: the rules' counters are only read by commands, which settle first).
     */
    void replay(int l, int from, int to, int len) {
        if (from == 0) {
            replays++;
        }
        long[] pp = pendingPackets;
        long[] pb = pendingBytes;
        for (int i = l * STAGES + from, end = l * STAGES + to; i <= end; i++) {
            pp[i]++;
            pb[i] += len;
        }
        pending = true;
    }

    /** Adds every line's pending counts to its rules and policies (before counters are read or set). */
    void settle() {
        if (!pending) {
            return;
        }
        for (int l = 0; l < LINES; l++) {
            settle(l);
        }
        pending = false;
    }

    private void settle(int l) {
        int sb = l * STAGES;
        for (int st = 0; st < STAGES; st++) {
            long n = pendingPackets[sb + st];
            if (n == 0) {
                continue;
            }
            long bytes = pendingBytes[sb + st];
            pendingPackets[sb + st] = 0;
            pendingBytes[sb + st] = 0;
            int base = l * MAX_RULES;
            for (int i = base + (st == 0 ? 0 : ruleEnds[sb + st - 1]), end = base + ruleEnds[sb + st]; i < end; i++) {
                rules[i].pkts += n;
                rules[i].bytes += bytes;
            }
            base = l * MAX_POLICIES;
            for (int i = base + (st == 0 ? 0 : policyEnds[sb + st - 1]), end = base + policyEnds[sb + st]; i < end; i++) {
                policies[i].policyPkts += n;
                policies[i].policyBytes += bytes;
            }
        }
    }

    // ---- recording -------------------------------------------------------------------------

    /** The pass of this packet (parsed, not yet NATed) starts being recorded. */
    void begin(NfPacket p) {
        recSrc = p.src;
        recDst = p.dst;
        recPorts = p.ports();
        recProto = p.proto;
        recFlags = p.tcpFlags;
        spoiled = !p.l4Ok || (p.proto != Ipv4View.PROTO_TCP && p.proto != Ipv4View.PROTO_UDP);
        recRuleCount = 0;
        recPolicyCount = 0;
        recStages = 0;
    }

    /** The pass's current hook ended (ACCEPT): what was added since the last mark is its stage. */
    void mark() {
        if (recStages == STAGES) {
            spoiled = true;
            return;
        }
        recRuleEnds[recStages] = recRuleCount;
        recPolicyEnds[recStages] = recPolicyCount;
        recStages++;
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
     * Copies {@code src[0, n)} to {@code dst} at {@code base}, clearing what is left of the line's
     * {@code old} entries after them (no stale reference kept alive).
     */
    private static <T> void put(T[] src, int n, T[] dst, int base, int old) {
        System.arraycopy(src, 0, dst, base, n);
        java.util.Arrays.fill(dst, base + n, base + Math.max(old, n), null);
    }

    /**
     * The recorded pass accepted the packet: remember it when nothing spoiled it. The caller has
     * checked the conntrack side (see the class comment) and passes the entry's slot, incarnation,
     * and status and TCP state from before the packet's conntrack step.
     */
    void end(int kind, int in, int out, int gen, int slot, int incarnation, int status, int tcpState) {
        if (spoiled || recStages != (kind == DELIVERED ? STAGES - 1 : STAGES)) { // a delivered pass has no POSTROUTING
            return;
        }
        if (keys == null) {
            allocate();
        }
        int l = line(recSrc, recDst, recPorts, recProto);
        settle(l); // the counts pending for the line's old pass belong to its rules
        int k = l * KEY;
        int[] a = keys;
        a[k] = gen;
        a[k + 1] = in;
        a[k + 2] = recSrc;
        a[k + 3] = recDst;
        a[k + 4] = recPorts;
        a[k + 5] = recProto;
        a[k + 6] = recFlags;
        a[k + 7] = slot;
        a[k + 8] = incarnation;
        a[k + 9] = status;
        a[k + 10] = tcpState;
        a[k + 11] = kind;
        a[k + 12] = out;
        stamps[l]++;
        int sb = l * STAGES;
        put(recRules, recRuleCount, rules, l * MAX_RULES, ruleEnds[sb + STAGES - 1]);
        put(recPolicies, recPolicyCount, policies, l * MAX_POLICIES, policyEnds[sb + STAGES - 1]);
        for (int st = 0; st < STAGES; st++) {
            // A delivered pass has two stages; the third ends where the second does.
            ruleEnds[sb + st] = recRuleEnds[Math.min(st, recStages - 1)];
            policyEnds[sb + st] = recPolicyEnds[Math.min(st, recStages - 1)];
        }
        last = l;
    }
}
