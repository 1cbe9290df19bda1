package io.dockwire.netfilter;

/**
 * The five IPv4 netfilter hooks (include/uapi/linux/netfilter.h NF_INET_*), as int constants so
 * they index arrays on the hot path.
 */
public final class Hook {
    public static final int PREROUTING = 0;
    public static final int INPUT = 1;
    public static final int FORWARD = 2;
    public static final int OUTPUT = 3;
    public static final int POSTROUTING = 4;
    public static final int COUNT = 5;

    private static final String[] NAMES = {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"};

    private Hook() {
    }

    public static String name(int hook) {
        return NAMES[hook];
    }

    /** -1 when the name is not a hook. */
    public static int byName(String name) {
        for (int i = 0; i < COUNT; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
