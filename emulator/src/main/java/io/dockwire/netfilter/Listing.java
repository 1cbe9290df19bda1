package io.dockwire.netfilter;

import io.dockwire.wire.Ipv4Address;

/**
 * {@code iptables -L} rendering with the column layout of iptables 1.8.9's print_header /
 * print_firewall (nf_tables variant: with -n the protocol column shows the number, "0" for all).
 */
final class Listing {
    final boolean numeric;
    final boolean verbose;
    final boolean exact;
    final boolean lineNumbers;

    Listing(boolean numeric, boolean verbose, boolean exact, boolean lineNumbers) {
        this.numeric = numeric;
        this.verbose = verbose;
        this.exact = exact;
        this.lineNumbers = lineNumbers;
    }

    void chain(StringBuilder sb, Table t, Chain c) {
        sb.append("Chain ").append(c.name);
        if (c.builtin) {
            sb.append(" (policy ").append(c.policy == Target.DROP ? "DROP" : "ACCEPT");
            if (verbose) {
                sb.append(' ').append(num(c.policyPkts, false)).append("packets, ").append(num(c.policyBytes, false))
                        .append("bytes");
            }
            sb.append(")\n");
        } else {
            sb.append(" (").append(t.references(c)).append(" references)\n");
        }
        header(sb);
        int n = 1;
        for (Rule r : c.rules) {
            rule(sb, r, n++);
        }
    }

    private void header(StringBuilder sb) {
        if (lineNumbers) {
            sb.append(String.format("%-4s ", "num"));
        }
        if (verbose) {
            if (exact) {
                sb.append(String.format("%8s %10s ", "pkts", "bytes"));
            } else {
                sb.append(String.format("%5s %5s ", "pkts", "bytes"));
            }
        }
        sb.append(String.format("%-9s ", "target")).append(" prot opt");
        if (verbose) {
            sb.append(String.format(" %-6s %-6s ", "in", "out"));
        }
        sb.append(String.format(" %-19s ", "source")).append(String.format(" %-19s ", "destination")).append('\n');
    }

    private void rule(StringBuilder sb, Rule r, int n) {
        if (lineNumbers) {
            sb.append(String.format("%-4d ", n));
        }
        if (verbose) {
            sb.append(num(r.pkts, true)).append(num(r.bytes, true));
        }
        sb.append(String.format("%-9s ", r.target == null ? "" : r.target.name()));
        sb.append(r.protoInv ? '!' : ' ');
        sb.append(String.format("%-5s", numeric ? Integer.toString(r.proto) : protoName(r.proto)));
        sb.append("-- ");
        if (verbose) {
            sb.append(String.format(" %-6s ", iface(r.in, r.inInv)));
            sb.append(String.format("%-6s ", iface(r.out, r.outInv)));
        }
        sb.append(r.srcInv ? '!' : ' ').append(String.format("%-19s ", addr(r.src, r.srcMask)));
        sb.append(r.dstInv ? '!' : ' ').append(String.format("%-19s ", addr(r.dst, r.dstMask)));
        if (r.target != null && r.target.kind == Target.GOTO) {
            sb.append("[goto] ");
        }
        for (Match m : r.matches) {
            m.print(sb, numeric);
        }
        if (r.target != null) {
            r.target.print(sb, numeric);
        }
        sb.append('\n');
    }

    private static String protoName(int proto) {
        return proto == 0 ? "all" : Protocols.name(proto);
    }

    private String iface(String name, boolean inv) {
        String s = name == null ? (numeric ? "*" : "any") : name;
        return inv ? "!" + s : s;
    }

    private String addr(int a, int mask) {
        if (mask == 0 && !numeric) {
            return "anywhere";
        }
        String host = numeric ? null : Services.network(a);
        String s = host != null ? host : Ipv4Address.toString(a);
        return mask == -1 ? s : s + "/" + Rule.prefix(mask);
    }

    /**
     * xtables_print_num: exact with -x; otherwise up to 99999 as is, then K, M, G, T rounded
     * to nearest ((n + 500) / 1000). In a table cell width 5 + space; in the policy line no padding.
     */
    String num(long n, boolean cell) {
        if (exact && verbose) {
            return cell ? String.format("%8d ", n) : n + " ";
        }
        if (n <= 99999) {
            return cell ? String.format("%5d ", n) : n + " ";
        }
        String[] suffix = {"K", "M", "G", "T"};
        int i = 0;
        n = (n + 500) / 1000;
        while (n > 9999 && i < suffix.length - 1) {
            n = (n + 500) / 1000;
            i++;
        }
        return cell ? String.format("%4d%s ", n, suffix[i]) : n + suffix[i] + " ";
    }
}
