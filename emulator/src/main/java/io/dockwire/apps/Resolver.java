package io.dockwire.apps;

import io.dockwire.wire.Ipv4Address;

/**
 * Name to IPv4 address as getaddrinfo does it for the tools here: a dotted quad as is, then
 * {@code /etc/hosts} (first matching line, names compared case-insensitively), then DNS A
 * queries to the resolv.conf nameservers ({@link DnsExchange}). Search domains and ndots are
 * ignored (Docker writes none for its embedded DNS). A and AAAA are asked together, as glibc's
 * and musl's getaddrinfo do for AF_UNSPEC; only the A answer is used (these worlds have no IPv6).
 */
public final class Resolver {
    /** How a lookup ended. */
    public enum Outcome { FOUND, NOT_FOUND, NO_ANSWER_IN_TIME }

    /** Receives the result: the address when FOUND, else 0. */
    @FunctionalInterface
    public interface Callback {
        void resolved(Outcome outcome, int addr);
    }

    private Resolver() {
    }

    /** The address {@code name} has in a hosts file's text, or 0. */
    public static int fromHosts(String hostsText, String name) {
        for (String line : hostsText.lines().toList()) {
            int hash = line.indexOf('#');
            String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (f.length < 2 || !DnsExchange.isIpv4(f[0])) {
                continue;
            }
            for (int i = 1; i < f.length; i++) {
                if (f[i].equalsIgnoreCase(name)) {
                    return Ipv4Address.parse(f[0]);
                }
            }
        }
        return 0;
    }

    /** The first name of the first /etc/hosts line for {@code addr} (a files-only reverse lookup), or null. */
    public static String nameFromHosts(String hostsText, int addr) {
        for (String line : hostsText.lines().toList()) {
            int hash = line.indexOf('#');
            String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (f.length >= 2 && DnsExchange.isIpv4(f[0]) && Ipv4Address.parse(f[0]) == addr) {
                return f[1];
            }
        }
        return null;
    }

    /** Resolves in {@code owner}'s namespace; the callback may run before this returns. */
    static void resolve(AppProcess owner, String name, Callback cb) {
        if (DnsExchange.isIpv4(name)) {
            cb.resolved(Outcome.FOUND, Ipv4Address.parse(name));
            return;
        }
        int h = fromHosts(owner.env.hosts(), name);
        if (h != 0) {
            cb.resolved(Outcome.FOUND, h);
            return;
        }
        if (DnsExchange.servers(owner.env).isEmpty()) {
            cb.resolved(Outcome.NOT_FOUND, 0);
            return;
        }
        int[] questions = {DnsMessage.TYPE_A, DnsMessage.TYPE_AAAA};
        new DnsExchange(owner, DnsExchange.servers(owner.env), name, questions, l -> {
            DnsMessage m = l == null ? null : l.get(0);
            if (m == null) {
                cb.resolved(Outcome.NO_ANSWER_IN_TIME, 0);
            } else if (m.rcode() == DnsMessage.NOERROR && !m.addrs().isEmpty()) {
                cb.resolved(Outcome.FOUND, m.addrs().get(0));
            } else {
                cb.resolved(Outcome.NOT_FOUND, 0);
            }
        }).start();
    }
}
