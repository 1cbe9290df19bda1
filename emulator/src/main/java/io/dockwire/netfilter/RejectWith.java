package io.dockwire.netfilter;

/**
 * The replies of the REJECT target (net/ipv4/netfilter/ipt_REJECT.c). ICMP kinds carry the type 3
 * code the kernel's {@code nf_send_unreach} uses; {@link #TCP_RESET} is {@code nf_send_reset}.
 */
public enum RejectWith {
    ICMP_NET_UNREACHABLE("icmp-net-unreachable", 0),
    ICMP_HOST_UNREACHABLE("icmp-host-unreachable", 1),
    ICMP_PROT_UNREACHABLE("icmp-proto-unreachable", 2),
    ICMP_PORT_UNREACHABLE("icmp-port-unreachable", 3),
    ICMP_NET_PROHIBITED("icmp-net-prohibited", 9),
    ICMP_HOST_PROHIBITED("icmp-host-prohibited", 10),
    ICMP_ADMIN_PROHIBITED("icmp-admin-prohibited", 13),
    TCP_RESET("tcp-reset", -1);

    private final String text;
    private final int icmpCode;

    RejectWith(String text, int icmpCode) {
        this.text = text;
        this.icmpCode = icmpCode;
    }

    /** The name iptables prints and parses. */
    public String text() {
        return text;
    }

    /** ICMP destination-unreachable code, -1 for {@link #TCP_RESET}. */
    public int icmpCode() {
        return icmpCode;
    }

    /** Accepts the names and aliases libxt_REJECT accepts; null when unknown. */
    static RejectWith parse(String s) {
        switch (s) {
            case "icmp-net-unreachable", "net-unreach" -> { return ICMP_NET_UNREACHABLE; }
            case "icmp-host-unreachable", "host-unreach" -> { return ICMP_HOST_UNREACHABLE; }
            case "icmp-proto-unreachable", "proto-unreach" -> { return ICMP_PROT_UNREACHABLE; }
            case "icmp-port-unreachable", "port-unreach" -> { return ICMP_PORT_UNREACHABLE; }
            case "icmp-net-prohibited", "net-prohib" -> { return ICMP_NET_PROHIBITED; }
            case "icmp-host-prohibited", "host-prohib" -> { return ICMP_HOST_PROHIBITED; }
            case "icmp-admin-prohibited", "admin-prohib" -> { return ICMP_ADMIN_PROHIBITED; }
            case "tcp-reset", "tcp-rst" -> { return TCP_RESET; }
            default -> { return null; }
        }
    }
}
