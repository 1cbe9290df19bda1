package io.dockwire.netfilter;

import io.dockwire.wire.Ipv4Address;

/**
 * Parses the rule part of an iptables command line (ipt_ip fields, -m modules with their options,
 * -j/-g with target options) into a {@link Rule}, with iptables 1.8.9's error messages.
 */
final class RuleParser {
    private final Table table;
    final Rule rule = new Rule();
    private Match lastMatch;
    private String targetName;

    RuleParser(Table table) {
        this.table = table;
    }

    /**
     * Consumes one rule option at argv[i] (already known not to be a command); returns the index
     * after it. {@code inv} is whether a "!" preceded it.
     */
    int option(String[] argv, int i, boolean inv) {
        String a = argv[i];
        switch (a) {
            case "-s", "--source", "-d", "--destination" -> {
                String v = arg(argv, i);
                int[] am = address(v);
                if (a.equals("-s") || a.equals("--source")) {
                    rule.src = am[0];
                    rule.srcMask = am[1];
                    rule.srcInv = inv;
                } else {
                    rule.dst = am[0];
                    rule.dstMask = am[1];
                    rule.dstInv = inv;
                }
                return i + 2;
            }
            case "-i", "--in-interface", "-o", "--out-interface" -> {
                String v = arg(argv, i);
                boolean in = a.startsWith("-i") || a.equals("--in-interface");
                if ((in ? rule.in : rule.out) != null) {
                    throw IptablesError.param("multiple " + (in ? "-i" : "-o") + " flags not allowed");
                }
                if (in) {
                    rule.in = v;
                    rule.inInv = inv;
                } else {
                    rule.out = v;
                    rule.outInv = inv;
                }
                return i + 2;
            }
            case "-p", "--protocol" -> {
                String v = arg(argv, i);
                int pr = Protocols.parse(v);
                if (pr < 0) {
                    throw IptablesError.param("unknown protocol \"" + v + "\" specified");
                }
                rule.proto = pr;
                rule.protoInv = inv;
                return i + 2;
            }
            case "-m", "--match" -> {
                lastMatch = load(arg(argv, i));
                rule.matches.add(lastMatch);
                return i + 2;
            }
            case "-j", "--jump", "-g", "--goto" -> {
                String v = arg(argv, i);
                target(v, a.equals("-g") || a.equals("--goto"));
                return i + 2;
            }
            default -> {
                return moduleOption(argv, i, inv);
            }
        }
    }

    private static String arg(String[] argv, int i) {
        if (i + 1 >= argv.length) {
            throw IptablesError.param("option \"" + argv[i] + "\" requires an argument");
        }
        return argv[i + 1];
    }

    private Match load(String name) {
        return switch (name) {
            case "tcp" -> new PortMatch("tcp", 6);
            case "udp" -> new PortMatch("udp", 17);
            case "icmp" -> new IcmpTypeMatch();
            case "addrtype" -> new AddrTypeMatch();
            case "conntrack" -> new CtStateMatch(false);
            case "state" -> new CtStateMatch(true);
            case "comment" -> new CommentMatch();
            default -> throw new IptablesError(IptablesError.PREFIX + "Couldn't load match `" + name
                    + "':No such file or directory\n\n" + IptablesError.TRY, 2);
        };
    }

    private void target(String name, boolean isGoto) {
        if (rule.target != null) {
            throw IptablesError.param("multiple -j flags not allowed");
        }
        int kind = isGoto ? -1 : Target.kindOf(name);
        if (kind >= 0) {
            rule.target = new Target(kind);
            targetName = name;
            return;
        }
        Chain c = table.chain(name);
        if (c == null) {
            throw IptablesError.param("Chain '" + name + "' does not exist");
        }
        rule.target = Target.jump(c, isGoto);
        targetName = name;
    }

    private int moduleOption(String[] argv, int i, boolean inv) {
        String a = argv[i];
        if (rule.target != null && targetOption(argv, i)) {
            return i + 2;
        }
        for (int k = rule.matches.size() - 1; k >= 0; k--) {
            int n = matchOption(rule.matches.get(k), argv, i, inv);
            if (n > 0) {
                return n;
            }
        }
        // Implicit protocol match, as iptables loads -m tcp for "-p tcp --dport".
        if (!rule.protoInv && (rule.proto == 6 || rule.proto == 17 || rule.proto == 1)) {
            Match m = load(Protocols.name(rule.proto));
            int n = matchOption(m, argv, i, inv);
            if (n > 0) {
                rule.matches.add(m);
                return n;
            }
        }
        throw IptablesError.param("unknown option \"" + a + "\"");
    }

    private int matchOption(Match m, String[] argv, int i, boolean inv) {
        String a = argv[i];
        if (m instanceof PortMatch pm) {
            boolean s = a.equals("--sport") || a.equals("--source-port");
            boolean d = a.equals("--dport") || a.equals("--destination-port");
            if (!s && !d) {
                return 0;
            }
            int[] r = portRange(arg(argv, i));
            if (s) {
                pm.sportLo = r[0];
                pm.sportHi = r[1];
                pm.sportInv = inv;
            } else {
                pm.dportLo = r[0];
                pm.dportHi = r[1];
                pm.dportInv = inv;
            }
            return i + 2;
        }
        if (m instanceof IcmpTypeMatch im && a.equals("--icmp-type")) {
            String v = arg(argv, i);
            String[] tc = v.split("/", 2);
            try {
                im.type = Integer.parseInt(tc[0]);
                im.code = tc.length > 1 ? Integer.parseInt(tc[1]) : -1;
            } catch (NumberFormatException ex) {
                throw IptablesError.param("Invalid ICMP type `" + v + "'");
            }
            im.inv = inv;
            return i + 2;
        }
        if (m instanceof AddrTypeMatch at) {
            switch (a) {
                case "--src-type", "--dst-type" -> {
                    String v = arg(argv, i);
                    if (!v.equals("LOCAL")) {
                        throw IptablesError.param("addrtype: only LOCAL is modelled, got `" + v + "'");
                    }
                    if (a.equals("--src-type")) {
                        at.srcLocal = true;
                        at.srcInv = inv;
                    } else {
                        at.dstLocal = true;
                        at.dstInv = inv;
                    }
                    return i + 2;
                }
                case "--limit-iface-in" -> {
                    at.limitIn = true;
                    return i + 1;
                }
                case "--limit-iface-out" -> {
                    at.limitOut = true;
                    return i + 1;
                }
                default -> {
                    return 0;
                }
            }
        }
        if (m instanceof CtStateMatch cm && a.equals(cm.stateModule ? "--state" : "--ctstate")) {
            String v = arg(argv, i);
            int mask = CtState.parse(v);
            if (mask < 0) {
                throw IptablesError.param((cm.stateModule ? "Bad state \"" : "Bad ctstate \"") + v + "\"");
            }
            cm.mask = mask;
            cm.inv = inv;
            return i + 2;
        }
        if (m instanceof CommentMatch c && a.equals("--comment")) {
            c.text = arg(argv, i);
            return i + 2;
        }
        return 0;
    }

    private boolean targetOption(String[] argv, int i) {
        Target t = rule.target;
        String a = argv[i];
        switch (t.kind) {
            case Target.REJECT -> {
                if (!a.equals("--reject-with")) {
                    return false;
                }
                String v = arg(argv, i);
                RejectWith w = RejectWith.parse(v);
                if (w == null) {
                    throw IptablesError.param("unknown reject type \"" + v + "\"");
                }
                t.rejectWith = w;
                return true;
            }
            case Target.LOG -> {
                if (a.equals("--log-prefix")) {
                    t.logPrefix = arg(argv, i);
                    return true;
                }
                if (a.equals("--log-level")) {
                    t.logLevel = logLevel(arg(argv, i));
                    return true;
                }
                return false;
            }
            case Target.DNAT, Target.SNAT -> {
                if (!a.equals(t.kind == Target.DNAT ? "--to-destination" : "--to-source")) {
                    return false;
                }
                natRange(t, arg(argv, i));
                return true;
            }
            case Target.MASQUERADE, Target.REDIRECT -> {
                if (!a.equals("--to-ports")) {
                    return false;
                }
                needPortProto();
                int[] r = natPorts(arg(argv, i));
                t.hasPorts = true;
                t.minPort = r[0];
                t.maxPort = r[1];
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void needPortProto() {
        if (rule.protoInv || (rule.proto != 6 && rule.proto != 17 && rule.proto != 132 && rule.proto != 33)) {
            throw IptablesError.param("Need TCP, UDP, SCTP or DCCP with port specification");
        }
    }

    private void natRange(Target t, String v) {
        String ipPart = v;
        int colon = v.indexOf(':');
        if (colon >= 0) {
            ipPart = v.substring(0, colon);
            needPortProto();
            int[] r = natPorts(v.substring(colon + 1));
            t.hasPorts = true;
            t.minPort = r[0];
            t.maxPort = r[1];
        }
        if (!ipPart.isEmpty()) {
            String[] ips = ipPart.split("-", 2);
            try {
                t.minIp = Ipv4Address.parse(ips[0]);
                t.maxIp = ips.length > 1 ? Ipv4Address.parse(ips[1]) : t.minIp;
            } catch (IllegalArgumentException ex) {
                throw IptablesError.param("Bad IP address \"" + ipPart + "\"");
            }
            t.hasIp = true;
        }
    }

    private static int[] natPorts(String v) {
        String[] p = v.split("-", 2);
        int lo = port(p[0], v);
        int hi = p.length > 1 ? port(p[1], v) : lo;
        if (lo == 0 || hi < lo) {
            throw IptablesError.param("Port range `" + v + "' invalid");
        }
        return new int[] {lo, hi};
    }

    private static int logLevel(String v) {
        String[] names = {"emerg", "alert", "crit", "error", "warning", "notice", "info", "debug"};
        for (int k = 0; k < names.length; k++) {
            if (names[k].equals(v) || (k == 4 && v.equals("warn")) || (k == 0 && v.equals("panic"))) {
                return k;
            }
        }
        if (v.length() == 1 && v.charAt(0) >= '0' && v.charAt(0) <= '7') {
            return v.charAt(0) - '0';
        }
        throw IptablesError.param("log-level `" + v + "' unknown");
    }

    private static int[] portRange(String v) {
        int colon = v.indexOf(':');
        if (colon < 0) {
            int p = port(v, v);
            return new int[] {p, p};
        }
        String a = v.substring(0, colon);
        String b = v.substring(colon + 1);
        int lo = a.isEmpty() ? 0 : port(a, a);
        int hi = b.isEmpty() ? 0xFFFF : port(b, b);
        return new int[] {lo, hi};
    }

    private static int port(String s, String shown) {
        if (!s.isEmpty() && s.length() <= 5 && s.chars().allMatch(Character::isDigit)) {
            int p = Integer.parseInt(s);
            if (p <= 0xFFFF) {
                return p;
            }
        }
        throw IptablesError.param("invalid port/service `" + shown + "' specified");
    }

    /** [addr & mask, mask] from "a.b.c.d[/len|/mask]". */
    private static int[] address(String v) {
        String a = v;
        int mask = -1;
        int slash = v.indexOf('/');
        if (slash >= 0) {
            a = v.substring(0, slash);
            String m = v.substring(slash + 1);
            if (m.chars().allMatch(Character::isDigit) && !m.isEmpty() && m.length() <= 2
                    && Integer.parseInt(m) <= 32) {
                mask = Ipv4Address.mask(Integer.parseInt(m));
            } else {
                try {
                    mask = Ipv4Address.parse(m);
                } catch (IllegalArgumentException ex) {
                    throw IptablesError.param("invalid mask `" + m + "' specified");
                }
            }
        }
        try {
            int addr = Ipv4Address.parse(a);
            return new int[] {addr & mask, mask};
        } catch (IllegalArgumentException ex) {
            throw IptablesError.param("host/network `" + a + "' not found");
        }
    }

    /** Checks that need the whole rule; {@code cmd} names the nft operation for kernel-side errors. */
    Rule finish(String chainName, String cmd) {
        Target t = rule.target;
        if (t != null) {
            if (t.kind == Target.DNAT && !t.hasIp && !t.hasPorts) {
                throw new IptablesError(IptablesError.PREFIX + "DNAT: option \"--to-destination\" must be specified\n\n"
                        + IptablesError.TRY, 2);
            }
            if (t.kind == Target.SNAT && !t.hasIp && !t.hasPorts) {
                throw new IptablesError(IptablesError.PREFIX + "SNAT: option \"--to-source\" must be specified\n\n"
                        + IptablesError.TRY, 2);
            }
            if (t.kind == Target.DROP && table.name.equals("nat")) {
                throw natDrop();
            }
            if (t.isNat() && (!table.name.equals("nat") || !natHookAllowed(t.kind, chainName))) {
                throw new IptablesError(IptablesError.PREFIX + " " + cmd + " failed (Invalid argument): rule in chain "
                        + chainName + "\n", 4);
            }
        }
        rule.freeze();
        return rule;
    }

    /**
     * The hooks each NAT target's kernel module allows (xt_nat, xt_MASQUERADE, xt_REDIRECT
     * hooks masks), for a rule in a built-in chain of the nat table; a user chain is checked by
     * the kernel only through the chains that jump to it, which is not modelled.
     */
    private static boolean natHookAllowed(int kind, String chain) {
        return switch (chain) {
            case "PREROUTING", "OUTPUT" -> kind == Target.DNAT || kind == Target.REDIRECT;
            case "POSTROUTING" -> kind == Target.SNAT || kind == Target.MASQUERADE;
            case "INPUT" -> kind == Target.SNAT;
            default -> true;
        };
    }

    static IptablesError natDrop() {
        return new IptablesError(IptablesError.PREFIX + "\nThe \"nat\" table is not intended for filtering, the use of "
                + "DROP is therefore inhibited.\n\n\n" + IptablesError.TRY, 2);
    }

    String targetName() {
        return targetName;
    }
}
