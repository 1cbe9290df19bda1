package io.dockwire.netfilter;

import java.util.ArrayList;
import java.util.List;

/** Executes one parsed iptables command against a table (the kernel side of iptables-nft). */
final class ChainCommands {
    private final Netfilter nf;
    private final Table t;

    ChainCommands(Netfilter nf, Table t) {
        this.nf = nf;
        this.t = t;
    }

    String execute(char op, String chainName, String arg2, int num, Rule rule, Listing fmt) {
        switch (op) {
            case 'L' -> {
                return list(chainName, fmt);
            }
            case 'S' -> {
                return listRules(chainName, num);
            }
            default -> {
                try {
                    String out = modify(op, chainName, arg2, num, rule);
                    t.exists = true;
                    return out;
                } finally {
                    nf.rulesChanged();
                }
            }
        }
    }

    /**
     * True when a chain reachable from a built-in chain can reach itself again through jumps or
     * gotos. nf_tables refuses such a ruleset at commit (ELOOP), so a loop among chains no built-in
     * chain reaches is accepted, as on a real kernel, and refused once a rule connects it.
     */
    private boolean loops() {
        java.util.Map<Chain, Integer> state = new java.util.IdentityHashMap<>();
        for (Chain base : t.byHook) {
            if (base != null && reachesCycle(base, state)) {
                return true;
            }
        }
        return false;
    }

    /** Depth-first: 1 = on the current path, 2 = done and loop-free. */
    private static boolean reachesCycle(Chain c, java.util.Map<Chain, Integer> state) {
        Integer s = state.get(c);
        if (s != null) {
            return s == 1;
        }
        state.put(c, 1);
        for (Rule r : c.rules) {
            Target tg = r.target;
            if (tg != null && (tg.kind == Target.JUMP || tg.kind == Target.GOTO) && reachesCycle(tg.chain, state)) {
                return true;
            }
        }
        state.put(c, 2);
        return false;
    }

    /** What iptables-nft prints when the kernel refuses a rule that closes a loop (exit 4). */
    private static IptablesError tooManyLinks(String op, String chainName) {
        return new IptablesError(IptablesError.PREFIX + " " + op + " failed (Too many links): rule in chain " + chainName + "\n", 4);
    }

    private String modify(char op, String chainName, String arg2, int num, Rule rule) {
        switch (op) {
            case 'A' -> {
                Chain c = existing(chainName);
                c.rules.add(rule);
                if (loops()) {
                    c.rules.remove(c.rules.size() - 1);
                    throw tooManyLinks("RULE_APPEND", chainName);
                }
                c.changed();
            }
            case 'I' -> {
                Chain c = existing(chainName);
                int at = num < 0 ? 1 : num;
                if (at > c.rules.size() + 1) {
                    throw IptablesError.kernel("Index of insertion too big.");
                }
                c.rules.add(at - 1, rule);
                if (loops()) {
                    c.rules.remove(at - 1);
                    throw tooManyLinks("RULE_INSERT", chainName);
                }
                c.changed();
            }
            case 'R' -> {
                Chain c = existing(chainName);
                if (num > c.rules.size()) {
                    throw IptablesError.noChain();
                }
                Rule old = c.rules.set(num - 1, rule);
                if (loops()) {
                    c.rules.set(num - 1, old);
                    throw tooManyLinks("RULE_REPLACE", chainName);
                }
                c.changed();
            }
            case 'D' -> {
                Chain c = existing(chainName);
                if (rule == null) {
                    if (num > c.rules.size()) {
                        throw IptablesError.noChain();
                    }
                    c.rules.remove(num - 1);
                } else {
                    String spec = rule.spec();
                    int found = -1;
                    for (int k = 0; k < c.rules.size() && found < 0; k++) {
                        if (c.rules.get(k).spec().equals(spec)) {
                            found = k;
                        }
                    }
                    if (found < 0) {
                        throw IptablesError.kernel("Bad rule (does a matching rule exist in that chain?).");
                    }
                    c.rules.remove(found);
                }
                c.changed();
            }
            case 'N' -> {
                if (t.chain(chainName) != null || Target.kindOf(chainName) >= 0) {
                    throw IptablesError.kernel("Chain already exists.");
                }
                t.user.put(chainName, new Chain(chainName, false));
            }
            case 'X' -> deleteChains(chainName);
            case 'F' -> {
                for (Chain c : selected(chainName)) {
                    c.rules.clear();
                }
            }
            case 'Z' -> {
                for (Chain c : selected(chainName)) {
                    c.policyPkts = 0;
                    c.policyBytes = 0;
                    for (Rule r : c.rules) {
                        r.pkts = 0;
                        r.bytes = 0;
                    }
                }
            }
            case 'P' -> {
                Chain c = t.chain(chainName);
                if (c == null || !c.builtin) {
                    throw IptablesError.kernel("Bad built-in chain name.");
                }
                if (!arg2.equals("ACCEPT") && !arg2.equals("DROP")) {
                    throw IptablesError.kernel("Bad policy name. Run `dmesg' for more information.");
                }
                if (arg2.equals("DROP") && t.name.equals("nat")) {
                    throw RuleParser.natDrop();
                }
                c.policy = arg2.equals("DROP") ? Target.DROP : Target.ACCEPT;
            }
            case 'E' -> {
                Chain c = t.user.get(chainName);
                if (c == null) {
                    throw IptablesError.noChain();
                }
                if (t.chain(arg2) != null) {
                    throw IptablesError.kernel("File exists.");
                }
                t.user.remove(chainName);
                c.name = arg2;
                t.user.put(arg2, c);
                for (Chain x : t.all()) {
                    x.changed();
                }
            }
            default -> throw new IllegalStateException("unhandled command, op=" + op);
        }
        return "";
    }

    private Chain existing(String name) {
        Chain c = t.chain(name);
        if (c == null) {
            throw IptablesError.noChain();
        }
        return c;
    }

    /** iptables-nft 1.8.9 reports a missing chain in -L/-S this way. */
    private Chain listed(String chainName) {
        Chain c = t.chain(chainName);
        if (c == null) {
            throw new IptablesError(IptablesError.PREFIX + "chain `" + chainName + "' in table `" + t.name
                    + "' is incompatible, use 'nft' tool.\n", 1);
        }
        return c;
    }

    private List<Chain> selected(String name) {
        return name == null ? t.all() : List.of(existing(name));
    }

    private void deleteChains(String name) {
        List<Chain> victims = new ArrayList<>();
        if (name == null) {
            victims.addAll(t.user.values());
        } else {
            Chain c = t.user.get(name);
            if (c == null) {
                throw IptablesError.noChain();
            }
            victims.add(c);
        }
        for (Chain v : victims) {
            for (Chain x : t.all()) {
                if (victims.contains(x)) {
                    continue;
                }
                for (Rule r : x.rules) {
                    if (r.target != null && r.target.chain == v) {
                        throw new IptablesError(IptablesError.PREFIX + " CHAIN_DEL failed (Device or resource busy): chain "
                                + v.name + "\n", 4);
                    }
                }
            }
        }
        for (Chain v : victims) {
            t.user.remove(v.name);
        }
    }

    private String list(String chainName, Listing fmt) {
        List<Chain> chains;
        if (chainName == null) {
            chains = t.all();
        } else {
            chains = List.of(listed(chainName));
        }
        StringBuilder sb = new StringBuilder();
        for (Chain c : chains) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            fmt.chain(sb, t, c);
        }
        return sb.toString();
    }

    private String listRules(String chainName, int num) {
        List<Chain> chains = chainName == null ? t.all() : List.of(listed(chainName));
        StringBuilder sb = new StringBuilder();
        for (Chain c : chains) {
            if (num > 0) {
                break; // "-S CHAIN N" prints only that rule
            }
            if (c.builtin) {
                sb.append("-P ").append(c.name).append(c.policy == Target.DROP ? " DROP\n" : " ACCEPT\n");
            }
        }
        for (Chain c : chains) {
            if (!c.builtin && num < 0) {
                sb.append("-N ").append(c.name).append('\n');
            }
        }
        for (Chain c : chains) {
            for (int k = 0; k < c.rules.size(); k++) {
                if (num < 0 || num == k + 1) {
                    sb.append("-A ").append(c.name).append(c.rules.get(k).spec()).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
