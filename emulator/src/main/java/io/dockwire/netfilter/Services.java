package io.dockwire.netfilter;

import java.util.Map;

/**
 * The few /etc/services names (Debian 12 netbase) that {@code iptables -L} without -n shows for
 * ports Docker setups use; other ports print as numbers. Hostnames are never resolved (no DNS in
 * the emulator); /etc/networks gives "loopback" and "link-local".
 */
final class Services {
    private static final Map<Integer, String> TCP = Map.ofEntries(Map.entry(21, "ftp"), Map.entry(22, "ssh"),
            Map.entry(23, "telnet"), Map.entry(25, "smtp"), Map.entry(53, "domain"), Map.entry(80, "http"),
            Map.entry(110, "pop3"), Map.entry(143, "imap2"), Map.entry(443, "https"), Map.entry(3306, "mysql"),
            Map.entry(5432, "postgresql"), Map.entry(6379, "redis"), Map.entry(8080, "http-alt"));
    private static final Map<Integer, String> UDP = Map.of(53, "domain", 67, "bootps", 68, "bootpc", 123, "ntp",
            161, "snmp", 514, "syslog");

    private Services() {
    }

    static String name(int port, String proto, boolean numeric) {
        if (!numeric) {
            String n = ("tcp".equals(proto) ? TCP : UDP).get(port);
            if (n != null) {
                return n;
            }
        }
        return Integer.toString(port);
    }

    /** Names from /etc/networks for the -L address column (without -n). */
    static String network(int addr) {
        return switch (addr) {
            case 0x7F000000 -> "loopback";
            case 0xA9FE0000 -> "link-local";
            default -> null;
        };
    }
}
