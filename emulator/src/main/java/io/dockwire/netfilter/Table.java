package io.dockwire.netfilter;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One iptables table: built-in chains per hook plus user chains (kept sorted by name, as
 * iptables-nft 1.8.9 lists them). {@link #exists} mirrors whether the table was ever written to:
 * iptables-save only shows tables that exist in the kernel, and -L alone does not create one.
 */
final class Table {
    final String name;
    final Chain[] byHook = new Chain[Hook.COUNT];
    final List<Chain> builtins = new ArrayList<>();
    final TreeMap<String, Chain> user = new TreeMap<>();
    boolean exists;
    /** Every rule is {@link Rule#keyed}: walks may be remembered ({@link WalkMemo}). */
    boolean keyed = true;
    /**
     * Per hook: no chain there, or an empty one with policy ACCEPT in a table that does not exist
     * (a walk returns ACCEPT at once and counts nothing). Set by {@link Netfilter#rulesChanged}.
     */
    final boolean[] idle = new boolean[Hook.COUNT];
    /** Per hook, made on the first remembered walk. */
    final WalkMemo[] memo = new WalkMemo[Hook.COUNT];

    Table(String name, int... hooks) {
        this.name = name;
        for (int h : hooks) {
            Chain c = new Chain(Hook.name(h), true);
            byHook[h] = c;
            builtins.add(c);
        }
        java.util.Arrays.fill(idle, true); // a new table exists in no kernel yet and has no rules
    }

    Chain chain(String chainName) {
        for (Chain c : builtins) {
            if (c.name.equals(chainName)) {
                return c;
            }
        }
        return user.get(chainName);
    }

    /** Built-ins in hook order, then user chains by name. */
    List<Chain> all() {
        List<Chain> l = new ArrayList<>(builtins);
        l.addAll(user.values());
        return l;
    }

    int references(Chain c) {
        int n = 0;
        for (Chain x : all()) {
            for (Rule r : x.rules) {
                if (r.target != null && r.target.chain == c) {
                    n++;
                }
            }
        }
        return n;
    }
}
