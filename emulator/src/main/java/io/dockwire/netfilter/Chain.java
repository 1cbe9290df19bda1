package io.dockwire.netfilter;

import java.util.ArrayList;
import java.util.List;

/** A built-in chain (with policy and policy counters) or a user chain. */
final class Chain {
    String name;
    final boolean builtin;
    /** Target.ACCEPT or Target.DROP for built-ins. */
    int policy = Target.ACCEPT;
    /** Policy counters; read after {@link Netfilter#settleCounters} (as {@link Rule#pkts}). */
    long policyPkts;
    long policyBytes;
    final List<Rule> rules = new ArrayList<>();
    /** {@link #rules} as an array for the walker, refreshed by {@link Netfilter#rulesChanged}. */
    Rule[] ruleArray = new Rule[0];

    Chain(String name, boolean builtin) {
        this.name = name;
        this.builtin = builtin;
    }

    /** Called after any change to the rule list: rule numbers in cached notes may be stale. */
    void changed() {
        for (Rule r : rules) {
            r.note = null;
        }
    }
}
