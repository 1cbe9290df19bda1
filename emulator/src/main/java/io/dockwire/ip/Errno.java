package io.dockwire.ip;

/** Linux errno values the IP layer returns (negated) from its send paths. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int EINVAL = 22;
    public static final int EMSGSIZE = 90;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EDESTADDRREQ = 89;

    private Errno() {
    }
}
