package io.dockwire.netfilter;

import io.dockwire.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * One rule: the ipt_ip part (-s/-d/-i/-o/-p, each invertible), its matches in command-line order,
 * a target (null for a counting-only rule) and pkts/bytes counters.
 */
final class Rule {
    int src;
    int srcMask;
    boolean srcInv;
    int dst;
    int dstMask;
    boolean dstInv;
    /** Interface as written (may end in '+'), null when absent. */
    String in;
    boolean inInv;
    String out;
    boolean outInv;
    /** 0 = any protocol. */
    int proto;
    boolean protoInv;
    final List<Match> matches = new ArrayList<>();
    private Match[] matchArray = new Match[0];
    Target target;
    /** Counters; replayed passes may be pending in {@link PassMemo}: read after {@link Netfilter#settleCounters}. */
    long pkts;
    long bytes;
    /** Cached "table/chain #n TARGET" for capture notes; cleared when the chain changes. */
    String note;

    private final IfaceCache inCache = new IfaceCache();
    private final IfaceCache outCache = new IfaceCache();

    void freeze() {
        matchArray = matches.toArray(new Match[0]);
    }

    boolean matches(NfPacket p, NetfilterHost host) {
        if ((((p.src & srcMask) == src) == srcInv) || (((p.dst & dstMask) == dst) == dstInv)) {
            return false;
        }
        if (in != null && !inCache.passes(in, inInv, p.inIf, p.inName)) {
            return false;
        }
        if (out != null && !outCache.passes(out, outInv, p.outIf, p.outName)) {
            return false;
        }
        if (proto != 0 && ((p.proto == proto) == protoInv)) {
            return false;
        }
        for (Match m : matchArray) {
            if (!m.matches(p, host)) {
                return false;
            }
        }
        return true;
    }

    /** Drops the cached -i/-o answers (an interface was renamed, or an ifindex got another device). */
    void forgetInterfaces() {
        inCache.forget();
        outCache.forget();
    }

    /** ifname_compare: exact, or a prefix when the rule's name ends in '+'. */
    static boolean iface(String rule, String actual) {
        int n = rule.length();
        if (rule.charAt(n - 1) == '+') {
            return actual.regionMatches(0, rule, 0, n - 1);
        }
        return rule.equals(actual);
    }

    /** Every match is {@link Match#keyed} (the ip part always is). */
    boolean keyed() {
        for (Match m : matches) {
            if (!m.keyed()) {
                return false;
            }
        }
        return true;
    }

    boolean needsConntrack() {
        if (target != null && target.isNat()) {
            return true;
        }
        for (Match m : matches) {
            if (m.needsConntrack()) {
                return true;
            }
        }
        return false;
    }

    /** The rule as -S prints it after "-A CHAIN": " -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE". */
    String spec() {
        StringBuilder sb = new StringBuilder();
        if (srcMask != 0 || srcInv) {
            sb.append(srcInv ? " ! -s " : " -s ").append(Ipv4Address.toString(src)).append('/').append(prefix(srcMask));
        }
        if (dstMask != 0 || dstInv) {
            sb.append(dstInv ? " ! -d " : " -d ").append(Ipv4Address.toString(dst)).append('/').append(prefix(dstMask));
        }
        if (in != null) {
            sb.append(inInv ? " ! -i " : " -i ").append(in);
        }
        if (out != null) {
            sb.append(outInv ? " ! -o " : " -o ").append(out);
        }
        if (proto != 0) {
            sb.append(protoInv ? " ! -p " : " -p ").append(Protocols.name(proto));
        }
        for (Match m : matches) {
            m.save(sb);
        }
        if (target != null) {
            target.save(sb);
        }
        return sb.toString();
    }

    static int prefix(int mask) {
        return Integer.bitCount(mask);
    }
}
