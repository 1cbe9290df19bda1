package io.dockwire.export;

import static org.junit.jupiter.api.Assertions.fail;

/** A test tier that needs something of the machine (root, a kernel feature, a daemon). */
final class Tier {
    private Tier() {
    }

    /**
     * Says loudly on stderr that a tier does not run here ({@code unavailable} non-null), and fails
     * instead when {@code requiredBy} (an environment variable CI sets) is 1.
     */
    static void announce(String tier, String unavailable, String hint, String requiredBy) {
        if (unavailable == null) {
            return;
        }
        String msg = tier + " NOT RUN: " + unavailable + " (" + hint + ")";
        System.err.println("\n" + "!".repeat(msg.length()) + "\n" + msg + "\n" + "!".repeat(msg.length()) + "\n");
        if ("1".equals(System.getenv(requiredBy))) {
            fail(msg + "; " + requiredBy + "=1 makes this a failure");
        }
    }
}
