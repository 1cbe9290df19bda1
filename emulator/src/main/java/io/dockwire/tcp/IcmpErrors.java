package io.dockwire.tcp;

/**
 * ICMP errors as Linux's TCP reads them (tcp_v4_err with icmp_err_convert): the errno an ICMP
 * type/code stands for. Source quench and unknown types map to 0 (ignored).
 */
final class IcmpErrors {
    static final int TYPE_DEST_UNREACH = 3;
    static final int TYPE_TIME_EXCEEDED = 11;
    static final int TYPE_PARAMETER_PROBLEM = 12;
    static final int CODE_FRAG_NEEDED = 4;

    private static final int ENOPROTOOPT = 92;
    private static final int EMSGSIZE = 90;
    private static final int EOPNOTSUPP = 95;
    private static final int EHOSTDOWN = 112;
    private static final int ENONET = 64;
    private static final int EPROTO = 71;

    /** icmp_err_convert, indexed by the destination-unreachable code (RFC 792, RFC 1812). */
    private static final int[] UNREACH = {
        Errno.ENETUNREACH, Errno.EHOSTUNREACH, ENOPROTOOPT, Errno.ECONNREFUSED, EMSGSIZE, EOPNOTSUPP,
        Errno.ENETUNREACH, EHOSTDOWN, ENONET, Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENETUNREACH,
        Errno.EHOSTUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH,
    };

    private IcmpErrors() {
    }

    static int errno(int type, int code) {
        return switch (type) {
            case TYPE_DEST_UNREACH -> code >= 0 && code < UNREACH.length ? UNREACH[code] : 0;
            case TYPE_TIME_EXCEEDED -> Errno.EHOSTUNREACH;
            case TYPE_PARAMETER_PROBLEM -> EPROTO;
            default -> 0;
        };
    }
}
