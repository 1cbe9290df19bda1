package io.dockwire.apps;

import io.dockwire.kernel.Kernel;
import io.dockwire.wire.Ipv4Address;
import java.util.List;

/**
 * BusyBox {@code nslookup NAME [SERVER]}: asks the first resolv.conf nameserver (or SERVER) for
 * A and AAAA at once and prints the answers in that order. Text as BusyBox 1.35 prints it
 * (checked against a real run): the server block, then per query either
 * "Non-authoritative answer:" with Name/Address lines, or "** server can't find NAME: NXDOMAIN",
 * each block followed by a blank line; an AAAA query answered with no records prints the header
 * alone. Exit 1 when a query found nothing or no server answered. Each query uses its own
 * socket (BusyBox sends both from one); retries as {@link DnsExchange}.
 */
final class Nslookup extends AppProcess {
    private final List<String> args;
    private String name;
    private DnsMessage a;
    private DnsMessage aaaa;
    private int pending = 2;
    private final boolean[] timedOut = new boolean[2];

    Nslookup(Kernel.Services host, AppEnv env, List<String> args) {
        super(host, env);
        this.args = args;
    }

    @Override
    protected void start() {
        List<String> ops = args.stream().filter(s -> !s.startsWith("-")).toList();
        if (ops.isEmpty()) {
            printErr("BusyBox v1.36.1 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n");
            exit(1);
            return;
        }
        name = ops.get(0);
        List<Integer> servers = ops.size() > 1 && DnsExchange.isIpv4(ops.get(1)) ? List.of(Ipv4Address.parse(ops.get(1)))
                : DnsExchange.servers(env).isEmpty() ? List.of() : List.of(DnsExchange.servers(env).get(0));
        if (servers.isEmpty()) {
            printErr("nslookup: can't resolve 'localhost'\n");
            exit(1);
            return;
        }
        String server = Ipv4Address.toString(servers.get(0));
        print("Server:\t\t" + server + "\nAddress:\t" + server + ":53\n\n");
        new DnsExchange(this, servers, name, DnsMessage.TYPE_A, m -> answered(0, m)).start();
        new DnsExchange(this, servers, name, DnsMessage.TYPE_AAAA, m -> answered(1, m)).start();
    }

    private void answered(int which, DnsMessage m) {
        if (which == 0) {
            a = m;
        } else {
            aaaa = m;
        }
        timedOut[which] = m == null;
        if (--pending > 0) {
            return;
        }
        if (timedOut[0] && timedOut[1]) {
            print(";; connection timed out; no servers could be reached\n\n");
            exit(1);
            return;
        }
        boolean ok = block(a) & block(aaaa);
        exit(ok ? 0 : 1);
    }

    private boolean block(DnsMessage m) {
        if (m == null) {
            print(";; connection timed out; no servers could be reached\n\n");
            return false;
        }
        if (m.rcode() != DnsMessage.NOERROR) {
            print("** server can't find " + name + ": " + rcodeName(m.rcode()) + "\n\n");
            return false;
        }
        if ((m.flags() & DnsMessage.AA) == 0) {
            print("Non-authoritative answer:\n");
        }
        for (int addr : m.addrs()) {
            print("Name:\t" + name + "\nAddress: " + Ipv4Address.toString(addr) + "\n");
        }
        print("\n");
        return true;
    }

    private static String rcodeName(int rcode) {
        return switch (rcode) {
            case 1 -> "FORMERR";
            case 2 -> "SERVFAIL";
            case 3 -> "NXDOMAIN";
            case 4 -> "NOTIMP";
            case 5 -> "REFUSED";
            default -> "RCODE" + rcode;
        };
    }
}
