package io.dockwire.netfilter;

import java.util.Arrays;

/**
 * A rule's -i or -o answer per ifindex: whether the device passes (the '!' applied), computed from
 * its name on first sight and kept until {@link #forget}. The answer depends on the name alone, so
 * it stays right as long as {@link Netfilter} calls {@link Rule#forgetInterfaces} whenever the name
 * behind an ifindex changes (rename, or the index given to another device).
 */
final class IfaceCache {
    private static final byte UNKNOWN = 0;
    private static final byte FAIL = 1;
    private static final byte PASS = 2;
    /** Larger ifindexes are compared by name every time rather than cached. */
    private static final int MAX_CACHED_IFINDEX = 1 << 16;

    private byte[] answers = new byte[8];

    boolean passes(String rule, boolean inv, int ifindex, String actual) {
        byte[] c = answers;
        if (ifindex < c.length && c[ifindex] != UNKNOWN) {
            return c[ifindex] == PASS;
        }
        boolean pass = Rule.iface(rule, actual) != inv;
        if (ifindex >= 0 && ifindex <= MAX_CACHED_IFINDEX) {
            if (ifindex >= c.length) {
                answers = c = Arrays.copyOf(c, Math.max(ifindex + 1, 2 * c.length));
            }
            c[ifindex] = pass ? PASS : FAIL;
        }
        return pass;
    }

    void forget() {
        Arrays.fill(answers, UNKNOWN);
    }
}
