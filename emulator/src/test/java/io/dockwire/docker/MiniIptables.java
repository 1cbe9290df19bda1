package io.dockwire.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test oracle: applies recorded iptables -N/-A/-I/-D/-P commands to plain lists and prints
 * {@code iptables -S} the way iptables does (policies, user chains, then rules chain by chain),
 * failing on a -D of a missing rule or -N of an existing chain as the real tool does.
 */
final class MiniIptables {
    private final Map<String, Table> tables = new LinkedHashMap<>();

    private static final class Table {
        final Map<String, String> policies = new LinkedHashMap<>();
        final Map<String, List<String>> builtin = new LinkedHashMap<>();
        final Map<String, List<String>> user = new TreeMap<>();

        List<String> chain(String name) {
            List<String> c = builtin.containsKey(name) ? builtin.get(name) : user.get(name);
            if (c == null) {
                throw new AssertionError("iptables: No chain/target/match by that name: " + name);
            }
            return c;
        }
    }

    MiniIptables() {
        Table nat = new Table();
        for (String c : List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING")) {
            nat.policies.put(c, "ACCEPT");
            nat.builtin.put(c, new ArrayList<>());
        }
        Table filter = new Table();
        for (String c : List.of("INPUT", "FORWARD", "OUTPUT")) {
            filter.policies.put(c, "ACCEPT");
            filter.builtin.put(c, new ArrayList<>());
        }
        tables.put("nat", nat);
        tables.put("filter", filter);
    }

    /** Applies every "iptables ..." line; other lines are ignored. */
    MiniIptables apply(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("iptables ")) {
                exec(List.of(line.substring(9).split(" ")));
            }
        }
        return this;
    }

    private void exec(List<String> w) {
        int i = 0;
        String table = "filter";
        if (w.get(0).equals("-t")) {
            table = w.get(1);
            i = 2;
        }
        Table t = tables.get(table);
        String op = w.get(i);
        String chain = w.get(i + 1);
        String rule = String.join(" ", w.subList(i + 2, w.size()));
        switch (op) {
            case "-N" -> {
                if (t.user.containsKey(chain) || t.builtin.containsKey(chain)) {
                    throw new AssertionError("iptables: Chain already exists: " + chain);
                }
                t.user.put(chain, new ArrayList<>());
            }
            case "-P" -> t.policies.put(chain, rule);
            case "-A" -> t.chain(chain).add(rule);
            case "-I" -> t.chain(chain).add(0, rule);
            case "-D" -> {
                if (!t.chain(chain).remove(rule)) {
                    throw new AssertionError("iptables: Bad rule (does a matching rule exist in that chain?): " + rule);
                }
            }
            default -> throw new AssertionError("unsupported " + w);
        }
    }

    String listS(String table) {
        Table t = tables.get(table);
        StringBuilder sb = new StringBuilder();
        t.policies.forEach((c, p) -> sb.append("-P ").append(c).append(' ').append(p).append('\n'));
        t.user.keySet().forEach(c -> sb.append("-N ").append(c).append('\n'));
        t.builtin.forEach((c, rules) -> rules.forEach(r -> sb.append("-A ").append(c).append(' ').append(r).append('\n')));
        t.user.forEach((c, rules) -> rules.forEach(r -> sb.append("-A ").append(c).append(' ').append(r).append('\n')));
        return sb.toString();
    }
}
