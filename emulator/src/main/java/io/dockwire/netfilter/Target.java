package io.dockwire.netfilter;

import io.dockwire.wire.Ipv4Address;

/**
 * A rule's verdict or action (-j/-g). One small class with a {@link #kind} switch rather than a
 * hierarchy: the chain walker dispatches on the kind, and the NAT kinds share the range fields.
 */
final class Target {
    static final int ACCEPT = 0;
    static final int DROP = 1;
    static final int RETURN = 2;
    static final int JUMP = 3;
    static final int GOTO = 4;
    static final int REJECT = 5;
    static final int LOG = 6;
    static final int DNAT = 7;
    static final int SNAT = 8;
    static final int MASQUERADE = 9;
    static final int REDIRECT = 10;

    private static final String[] NAMES = {"ACCEPT", "DROP", "RETURN", null, null, "REJECT", "LOG", "DNAT", "SNAT",
        "MASQUERADE", "REDIRECT"};
    private static final String[] LEVELS = {"emerg", "alert", "crit", "error", "warn", "notice", "info", "debug"};

    final int kind;
    /** JUMP/GOTO destination; held by reference so -E (rename) needs no fix-up. */
    Chain chain;
    RejectWith rejectWith = RejectWith.ICMP_PORT_UNREACHABLE;
    String logPrefix = "";
    int logLevel = 4;
    boolean hasIp;
    int minIp;
    int maxIp;
    boolean hasPorts;
    int minPort;
    int maxPort;

    Target(int kind) {
        this.kind = kind;
    }

    static Target jump(Chain c, boolean isGoto) {
        Target t = new Target(isGoto ? GOTO : JUMP);
        t.chain = c;
        return t;
    }

    /** -1 when not a built-in target name. */
    static int kindOf(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (name.equals(NAMES[i])) {
                return i;
            }
        }
        return -1;
    }

    boolean isNat() {
        return kind >= DNAT;
    }

    String name() {
        return kind == JUMP || kind == GOTO ? chain.name : NAMES[kind];
    }

    void save(StringBuilder sb) {
        sb.append(kind == GOTO ? " -g " : " -j ").append(name());
        switch (kind) {
            case REJECT -> sb.append(" --reject-with ").append(rejectWith.text());
            case LOG -> {
                if (!logPrefix.isEmpty()) {
                    sb.append(" --log-prefix ").append(Quote.save(logPrefix));
                }
                if (logLevel != 4) {
                    sb.append(" --log-level ").append(logLevel);
                }
            }
            case DNAT -> sb.append(" --to-destination ").append(natRange());
            case SNAT -> sb.append(" --to-source ").append(natRange());
            case MASQUERADE, REDIRECT -> {
                if (hasPorts) {
                    sb.append(" --to-ports ").append(ports());
                }
            }
            default -> {
            }
        }
    }

    void print(StringBuilder sb, boolean numeric) {
        switch (kind) {
            case REJECT -> sb.append(" reject-with ").append(rejectWith.text());
            case LOG -> {
                sb.append(numeric ? " LOG flags 0 level " + logLevel : " LOG level " + LEVELS[logLevel]);
                if (!logPrefix.isEmpty()) {
                    sb.append(" prefix \"").append(logPrefix).append('"');
                }
            }
            case DNAT, SNAT -> sb.append(" to:").append(natRange());
            case MASQUERADE -> {
                if (hasPorts) {
                    sb.append(" masq ports: ").append(ports());
                }
            }
            case REDIRECT -> {
                if (hasPorts) {
                    sb.append(" redir ports ").append(ports());
                }
            }
            default -> {
            }
        }
    }

    String natRange() {
        StringBuilder sb = new StringBuilder();
        if (hasIp) {
            sb.append(Ipv4Address.toString(minIp));
            if (maxIp != minIp) {
                sb.append('-').append(Ipv4Address.toString(maxIp));
            }
        }
        if (hasPorts) {
            sb.append(':').append(ports());
        }
        return sb.toString();
    }

    private String ports() {
        return minPort == maxPort ? Integer.toString(minPort) : minPort + "-" + maxPort;
    }
}
