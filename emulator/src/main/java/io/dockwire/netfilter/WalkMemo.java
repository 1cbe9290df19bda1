package io.dockwire.netfilter;

/**
 * What walking one table's chain at one hook did for recent packets, so a packet that presents
 * the same inputs gets the same outcome without the walk: the rules it matched, in order, and the
 * built-in chain whose policy decided (null when a rule did). Replaying bumps exactly the counters
 * the walk would have bumped, so {@code iptables -L -v} and {@code iptables-save -c} cannot tell.
 *
 * <p>Only walks that ended in ACCEPT without a side effect other than counters (no LOG, no TRACE)
 * are kept, and only for tables whose every match is {@link Match#keyed keyed}: its answer is a
 * function of the packet fields in the key (addresses, protocol, ports, ICMP type/code, whether
 * the L4 header is there, conntrack state, input and output ifindex). The rule set and the
 * interface names are the rest of the walk's inputs: each line carries the {@link Netfilter}
 * generation it was made in, and any change to either bumps the generation, which retires every
 * line at once.
 *
 * <p>Direct mapped, {@link #LINES} lines, all storage made up front: recording and replaying
 * allocate nothing.
 */
final class WalkMemo {
    static final int LINES = 256;
    /** Longest path (matched rules) kept; a longer walk is not remembered. */
    static final int MAX_PATH = 32;
    private static final int KEY = 10;

    private final int mask;
    /** Per line: generation (0 = empty), src, dst, ports, proto|l4Ok, ctState, icmp, in, out. */
    private final int[] keys;
    private final Rule[] paths;
    private final int[] lengths;
    private final Chain[] policies;
    /** The line last found or stored (any line: its generation and key are checked). */
    private int last;

    /** {@code lines}: a power of two ({@link #LINES}; tests use 1 so that every packet competes for one line). */
    WalkMemo(int lines) {
        if (Integer.bitCount(lines) != 1) {
            throw new IllegalArgumentException("lines must be a power of two, lines=" + lines);
        }
        mask = lines - 1;
        keys = new int[lines * KEY];
        paths = new Rule[lines * MAX_PATH];
        lengths = new int[lines];
        policies = new Chain[lines];
    }

    private static int protoL4(NfPacket p) {
        return p.l4Ok ? p.proto | 0x100 : p.proto;
    }

    private static int icmp(NfPacket p) {
        return (p.icmpType << 16) ^ (p.icmpCode & 0xFFFF);
    }

    private int line(NfPacket p) {
        int h = p.src * 0x9E37_79B1 + p.dst;
        h = h * 0x9E37_79B1 + p.ports();
        h = h * 0x9E37_79B1 + ((p.inIf << 16) ^ p.outIf ^ (p.ctState << 8) ^ p.proto);
        h ^= h >>> 15;
        h *= 0x85EB_CA6B;
        return (h ^ (h >>> 13)) & mask;
    }

    /**
     * The packet's line when it holds the same inputs in generation {@code gen}, else -1. The line
     * found or stored last is tried first, without hashing: a run of one flow's packets (what a
     * flood or a transfer is) compares its key and nothing else.
     */
    int find(NfPacket p, int gen) {
        int l = last;
        if (holds(l, p, gen)) {
            return l;
        }
        l = line(p);
        if (holds(l, p, gen)) {
            last = l;
            return l;
        }
        return -1;
    }

    private boolean holds(int l, NfPacket p, int gen) {
        int k = l * KEY;
        int[] a = keys;
        return a[k] == gen && a[k + 1] == p.src && a[k + 2] == p.dst && a[k + 3] == p.ports()
                && a[k + 4] == protoL4(p) && a[k + 5] == p.ctState && a[k + 6] == icmp(p)
                && a[k + 7] == p.inIf && a[k + 8] == p.outIf;
    }

    /** Bumps what the remembered walk bumped, with this packet's length. */
    void replay(int l, NfPacket p) {
        int len = p.totalLen;
        int base = l * MAX_PATH;
        for (int i = base, end = base + lengths[l]; i < end; i++) {
            Rule r = paths[i];
            r.pkts++;
            r.bytes += len;
        }
        Chain c = policies[l];
        if (c != null) {
            c.policyPkts++;
            c.policyBytes += len;
        }
    }

    /** Hands line {@code l}'s bumps (rules, then policy) to a pass being recorded. */
    void recordInto(int l, PassMemo pass) {
        pass.add(paths, l * MAX_PATH, lengths[l], policies[l]);
    }

    /** Remembers an ACCEPT walk of generation {@code gen}: {@code n} matched rules, then the policy of {@code policy} (or null). */
    void store(NfPacket p, int gen, Rule[] path, int n, Chain policy) {
        int l = line(p);
        int k = l * KEY;
        int[] a = keys;
        a[k] = gen;
        a[k + 1] = p.src;
        a[k + 2] = p.dst;
        a[k + 3] = p.ports();
        a[k + 4] = protoL4(p);
        a[k + 5] = p.ctState;
        a[k + 6] = icmp(p);
        a[k + 7] = p.inIf;
        a[k + 8] = p.outIf;
        int base = l * MAX_PATH;
        int old = lengths[l];
        System.arraycopy(path, 0, paths, base, n);
        for (int i = n; i < old; i++) {
            paths[base + i] = null;
        }
        lengths[l] = n;
        policies[l] = policy;
        last = l;
    }
}
