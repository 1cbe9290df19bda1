package io.dockwire.docker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Docker 27 ("classic") iptables layout, in the order libnetwork 27 issues the commands:
 * per-bridge rules are inserted at the top of their chains ({@code -I}), so the newest network
 * comes first; after each network libnetwork moves {@code FORWARD -j DOCKER-ISOLATION-STAGE-1}
 * and then the daemon {@code FORWARD -j DOCKER-USER} back to the top (delete + insert, the
 * "EnsureJumpRule" step); port rules and an icc=false network's DROP are appended ({@code -A}).
 * Rule words are written in the
 * order {@code iptables -S} prints them so that listings compare textually.
 */
final class Iptables27 implements RuleLayout {
    private boolean dockerUserExists;

    @Override
    public List<List<String>> daemonStart(boolean userlandProxy) {
        List<List<String>> c = new ArrayList<>();
        c.add(ipt("-t", "nat", "-N", "DOCKER"));
        c.add(ipt("-N", "DOCKER"));
        c.add(ipt("-N", "DOCKER-ISOLATION-STAGE-1"));
        c.add(ipt("-N", "DOCKER-ISOLATION-STAGE-2"));
        c.add(ipt("-t", "nat", "-A", "PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "DOCKER"));
        // With the userland proxy, loopback traffic is the proxy's job: OUTPUT skips 127.0.0.0/8.
        c.add(userlandProxy
                ? ipt("-t", "nat", "-A", "OUTPUT", "!", "-d", "127.0.0.0/8", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "DOCKER")
                : ipt("-t", "nat", "-A", "OUTPUT", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "DOCKER"));
        c.add(ipt("-A", "DOCKER-ISOLATION-STAGE-1", "-j", "RETURN"));
        c.add(ipt("-A", "DOCKER-ISOLATION-STAGE-2", "-j", "RETURN"));
        c.add(ipt("-I", "FORWARD", "-j", "DOCKER-ISOLATION-STAGE-1"));
        return c;
    }

    @Override
    public List<List<String>> networkAdded(BridgeNet n) {
        List<List<String>> c = new ArrayList<>();
        for (String[] rule : bridgeRules(n)) {
            // setIcc inserts the ACCEPT but appends the DROP of icc=false: it ends up last in FORWARD.
            c.add(ipt(with(rule, rule[rule.length - 1].equals("DROP") && rule[1].equals("FORWARD") ? "-A" : "-I")));
        }
        // EnsureJumpRule(FORWARD, DOCKER-ISOLATION-STAGE-1): delete, then insert at the top.
        c.add(ipt("-D", "FORWARD", "-j", "DOCKER-ISOLATION-STAGE-1"));
        c.add(ipt("-I", "FORWARD", "-j", "DOCKER-ISOLATION-STAGE-1"));
        // The daemon's arrangeUserFilterRule: DOCKER-USER exists and is jumped to first.
        if (!dockerUserExists) {
            c.add(ipt("-N", "DOCKER-USER"));
            c.add(ipt("-A", "DOCKER-USER", "-j", "RETURN"));
            dockerUserExists = true;
        } else {
            c.add(ipt("-D", "FORWARD", "-j", "DOCKER-USER"));
        }
        c.add(ipt("-I", "FORWARD", "-j", "DOCKER-USER"));
        return c;
    }

    @Override
    public List<List<String>> networkRemoved(BridgeNet n) {
        List<List<String>> c = new ArrayList<>();
        List<String[]> rules = bridgeRules(n);
        for (int i = rules.size() - 1; i >= 0; i--) {
            c.add(ipt(with(rules.get(i), "-D")));
        }
        return c;
    }

    /** Table, chain and rule of each per-bridge rule, in libnetwork's insertion order. */
    private static List<String[]> bridgeRules(BridgeNet n) {
        String br = n.bridge();
        String subnet = n.subnet().canonical().toString();
        List<String[]> r = new ArrayList<>();
        if (!n.internal()) {
            if (n.masquerade()) {
                r.add(new String[] {"nat", "POSTROUTING", "-s", subnet, "!", "-o", br, "-j", "MASQUERADE"});
            }
            if (n.hairpin()) {
                // hpNatRule: host-originated (loopback) connections DNAT'ed onto the bridge are masqueraded.
                r.add(new String[] {"nat", "POSTROUTING", "-o", br, "-m", "addrtype", "--src-type", "LOCAL", "-j", "MASQUERADE"});
            } else {
                // skipDNAT: with the proxy, traffic from the bridge itself never hits DNAT.
                r.add(new String[] {"nat", "DOCKER", "-i", br, "-j", "RETURN"});
            }
        }
        r.add(new String[] {"filter", "FORWARD", "-i", br, "-o", br, "-j", n.icc() ? "ACCEPT" : "DROP"});
        if (n.internal()) {
            // setupInternalNetworkRules: nothing leaves or enters the subnet through the bridge.
            r.add(new String[] {"filter", "DOCKER-ISOLATION-STAGE-1", "!", "-s", subnet, "-o", br, "-j", "DROP"});
            r.add(new String[] {"filter", "DOCKER-ISOLATION-STAGE-1", "-i", br, "!", "-d", subnet, "-j", "DROP"});
        } else {
            r.add(new String[] {"filter", "FORWARD", "-i", br, "!", "-o", br, "-j", "ACCEPT"});
            r.add(new String[] {"filter", "FORWARD", "-o", br, "-j", "DOCKER"});
            r.add(new String[] {"filter", "FORWARD", "-o", br, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"});
        }
        r.add(new String[] {"filter", "DOCKER-ISOLATION-STAGE-1", "-i", br, "!", "-o", br, "-j", "DOCKER-ISOLATION-STAGE-2"});
        r.add(new String[] {"filter", "DOCKER-ISOLATION-STAGE-2", "-o", br, "-j", "DROP"});
        return r;
    }

    @Override
    public List<List<String>> portAdded(Forward f, boolean userlandProxy) {
        List<List<String>> c = new ArrayList<>();
        for (String[] rule : portRules(f)) {
            c.add(ipt(with(rule, "-A")));
        }
        return c;
    }

    @Override
    public List<List<String>> portRemoved(Forward f, boolean userlandProxy) {
        List<List<String>> c = new ArrayList<>();
        for (String[] rule : portRules(f)) {
            c.add(ipt(with(rule, "-D")));
        }
        return c;
    }

    /** libnetwork's ChainInfo.Forward: DNAT, filter ACCEPT, hairpin MASQUERADE - in that order. */
    private static List<String[]> portRules(Forward f) {
        String ctr = Cidr.ip(f.containerIp());
        String br = f.bridge();
        List<String> dnat = new ArrayList<>(List.of("nat", "DOCKER"));
        if (!f.hostIp().equals("0.0.0.0")) {
            dnat.addAll(List.of("-d", f.hostIp() + "/32"));
        }
        if (!f.hairpin()) {
            dnat.addAll(List.of("!", "-i", br));
        }
        dnat.addAll(List.of("-p", f.proto(), "-m", f.proto(), "--dport", Integer.toString(f.hostPort()),
                "-j", "DNAT", "--to-destination", ctr + ":" + f.containerPort()));
        String port = Integer.toString(f.containerPort());
        return List.of(dnat.toArray(new String[0]),
                new String[] {"filter", "DOCKER", "-d", ctr + "/32", "!", "-i", br, "-o", br, "-p", f.proto(), "-m", f.proto(),
                    "--dport", port, "-j", "ACCEPT"},
                new String[] {"nat", "POSTROUTING", "-s", ctr + "/32", "-d", ctr + "/32", "-p", f.proto(), "-m", f.proto(),
                    "--dport", port, "-j", "MASQUERADE"});
    }

    /** {table, chain, spec...} to iptables words with the given action. */
    private static String[] with(String[] rule, String action) {
        List<String> w = new ArrayList<>();
        if (!rule[0].equals("filter")) {
            w.add("-t");
            w.add(rule[0]);
        }
        w.add(action);
        w.add(rule[1]);
        w.addAll(Arrays.asList(rule).subList(2, rule.length));
        return w.toArray(new String[0]);
    }

    private static List<String> ipt(String... words) {
        List<String> argv = new ArrayList<>(words.length + 1);
        argv.add("iptables");
        argv.addAll(Arrays.asList(words));
        return List.copyOf(argv);
    }
}
