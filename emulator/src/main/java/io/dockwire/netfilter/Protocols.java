package io.dockwire.netfilter;

/** Protocol names of /etc/protocols that iptables prints for -p (and accepts). */
final class Protocols {
    private static final String[] NAMES = new String[256];

    static {
        NAMES[1] = "icmp";
        NAMES[2] = "igmp";
        NAMES[6] = "tcp";
        NAMES[17] = "udp";
        NAMES[41] = "ipv6";
        NAMES[47] = "gre";
        NAMES[50] = "esp";
        NAMES[51] = "ah";
        NAMES[58] = "ipv6-icmp";
        NAMES[132] = "sctp";
        NAMES[136] = "udplite";
    }

    private Protocols() {
    }

    /** The name, or the number when /etc/protocols has none. */
    static String name(int proto) {
        String n = proto >= 0 && proto < 256 ? NAMES[proto] : null;
        return n != null ? n : Integer.toString(proto);
    }

    /** -1 when unknown; "all" is 0. */
    static int parse(String s) {
        if (s.equalsIgnoreCase("all")) {
            return 0;
        }
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() <= 3) {
            int v = Integer.parseInt(s);
            return v <= 255 ? v : -1;
        }
        for (int i = 0; i < 256; i++) {
            if (s.equalsIgnoreCase(NAMES[i] == null ? "" : NAMES[i])) {
                return i;
            }
        }
        return -1;
    }
}
