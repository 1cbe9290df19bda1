package io.dockwire.netfilter;

/**
 * ICMP message classes as nf_conntrack_proto_icmp.c sees them: queries (echo, timestamp, info,
 * address mask) are tracked with the identifier as the "port"; only a request starts an entry
 * ({@code icmp_new}); errors are looked up as RELATED to the flow they quote.
 */
final class IcmpQuery {
    private IcmpQuery() {
    }

    static boolean isError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    static boolean isRequest(int type) {
        return type == 8 || type == 13 || type == 15 || type == 17;
    }

    static boolean isQuery(int type) {
        return isRequest(type) || type == 0 || type == 14 || type == 16 || type == 18;
    }

    /** The kernel's invmap: the reply type of a request (echo 8 -> 0, ...), itself otherwise. */
    static int replyType(int type) {
        return switch (type) {
            case 8 -> 0;
            case 0 -> 8;
            case 13 -> 14;
            case 14 -> 13;
            case 15 -> 16;
            case 16 -> 15;
            case 17 -> 18;
            case 18 -> 17;
            default -> type;
        };
    }
}
