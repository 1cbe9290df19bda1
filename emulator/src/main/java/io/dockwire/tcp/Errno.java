package io.dockwire.tcp;

/** Linux errno values TCP reports to applications (asm-generic/errno.h), with glibc's texts. */
public final class Errno {
    public static final int EPIPE = 32;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ECONNRESET = 104;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;

    private Errno() {
    }

    /** strerror(3) as glibc prints it; curl-style messages build on these. */
    public static String message(int errno) {
        return switch (errno) {
            case 0 -> "Success";
            case EPIPE -> "Broken pipe";
            case EADDRINUSE -> "Address already in use";
            case EADDRNOTAVAIL -> "Cannot assign requested address";
            case ENETUNREACH -> "Network is unreachable";
            case ECONNRESET -> "Connection reset by peer";
            case ETIMEDOUT -> "Connection timed out";
            case ECONNREFUSED -> "Connection refused";
            case EHOSTUNREACH -> "No route to host";
            default -> "Unknown error " + errno;
        };
    }
}
