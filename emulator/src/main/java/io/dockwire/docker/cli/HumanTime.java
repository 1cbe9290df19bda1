package io.dockwire.docker.cli;

import java.time.Instant;

/** Time as the docker CLI shows it (go-units HumanDuration) and the daemon stores it (RFC 3339). */
final class HumanTime {
    private HumanTime() {
    }

    /** go-units HumanDuration. */
    static String duration(long millis) {
        long seconds = millis / 1000;
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = seconds / 60;
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(millis / 3_600_000.0);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return (hours / 24) + " days";
        } else if (hours < 24 * 30 * 2) {
            return (hours / 24 / 7) + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return (hours / 24 / 30) + " months";
        }
        return (millis / 3_600_000 / 24 / 365) + " years";
    }

    /**
     * Go's time.RFC3339Nano in UTC: fraction without trailing zeros. {@code unixMillis} is the
     * engine's clock, wall time already (the scenario host starts it at {@code Kernel.EPOCH_SECONDS},
     * the instant iptables-save and the HTTP servers print too).
     */
    static String rfc3339(long unixMillis) {
        String s = Instant.ofEpochMilli(unixMillis).toString();
        int dot = s.indexOf('.');
        if (dot < 0) {
            return s;
        }
        String frac = s.substring(dot + 1, s.length() - 1).replaceAll("0+$", "");
        return s.substring(0, dot) + (frac.isEmpty() ? "" : "." + frac) + "Z";
    }

    /** The zero time.Time Docker prints for "never" (e.g. FinishedAt of a running container). */
    static final String ZERO = "0001-01-01T00:00:00Z";
}
