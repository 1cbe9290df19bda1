package io.dockwire.netfilter;

/** A command failure carrying exactly what iptables prints on stderr and its exit status. */
final class IptablesError extends RuntimeException {
    static final String PREFIX = "iptables v1.8.9 (nf_tables): ";
    static final String TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";

    final String stderr;
    final int exitCode;

    IptablesError(String stderr, int exitCode) {
        super(stderr, null, false, false);
        this.stderr = stderr;
        this.exitCode = exitCode;
    }

    /** PARAMETER_PROBLEM (exit 2) with the usage hint. */
    static IptablesError param(String msg) {
        return new IptablesError(PREFIX + msg + "\n" + TRY, 2);
    }

    /** "iptables: ..." errors from the kernel side (exit 1). */
    static IptablesError kernel(String msg) {
        return new IptablesError("iptables: " + msg + "\n", 1);
    }

    static IptablesError noChain() {
        return kernel("No chain/target/match by that name.");
    }

    static IptablesError badArgument(String arg) {
        return new IptablesError("Bad argument `" + arg + "'\n" + TRY, 2);
    }
}
