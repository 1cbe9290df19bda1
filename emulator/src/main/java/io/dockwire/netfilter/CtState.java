package io.dockwire.netfilter;

/**
 * Conntrack state bits as xt_conntrack/xt_state test them (XT_CONNTRACK_STATE_BIT(ctinfo)):
 * INVALID = 1, ESTABLISHED = 1 << 1, RELATED = 1 << 2, NEW = 1 << 3, UNTRACKED = 1 << 8.
 */
final class CtState {
    static final int INVALID = 1;
    static final int ESTABLISHED = 1 << 1;
    static final int RELATED = 1 << 2;
    static final int NEW = 1 << 3;
    static final int UNTRACKED = 1 << 8;

    /** Print order of libxt_conntrack / libxt_state. */
    private static final int[] ORDER = {INVALID, NEW, RELATED, ESTABLISHED, UNTRACKED};
    private static final String[] NAMES = {"INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED"};

    private CtState() {
    }

    static String format(int mask) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ORDER.length; i++) {
            if ((mask & ORDER[i]) != 0) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(NAMES[i]);
            }
        }
        return sb.toString();
    }

    /** -1 when a name is unknown. */
    static int parse(String list) {
        int mask = 0;
        for (String s : list.split(",", -1)) {
            int bit = -1;
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equals(s)) {
                    bit = ORDER[i];
                }
            }
            if (bit < 0) {
                return -1;
            }
            mask |= bit;
        }
        return mask;
    }
}
