package io.dockwire.apps;

import java.util.Locale;

/**
 * What {@code ping} prints, in the two styles the tutorials meet: iputils (Debian/Ubuntu hosts
 * and images) and BusyBox (busybox and alpine images). The ping application feeds events in
 * simulated time; this class only formats, so both styles are checked against real output
 * without a network (real-outputs.md for iputils; BusyBox 1.36 networking/ping.c for BusyBox).
 */
public final class PingOutput {
    public enum Style { IPUTILS, BUSYBOX }

    private final Style style;
    private final String target;
    private final String address;
    private final int dataBytes;
    private final StringBuilder out = new StringBuilder();
    private int transmitted;
    private int received;
    private int errors;
    private int pipe;
    private boolean quiet;
    private long firstSendNs = -1;
    private long lastSendNs;
    private double minMs = Double.MAX_VALUE;
    private double maxMs;
    private double sumMs;
    private double sumSqMs;

    /**
     * @param target  what the user typed (name or address)
     * @param address the resolved address in dotted quad
     */
    public PingOutput(Style style, String target, String address, int dataBytes) {
        this.style = style;
        this.target = target;
        this.address = address;
        this.dataBytes = dataBytes;
        if (style == Style.IPUTILS) {
            out.append("PING ").append(target).append(" (").append(address).append(") ").append(dataBytes)
                    .append('(').append(dataBytes + 28).append(") bytes of data.\n");
        } else {
            out.append("PING ").append(target).append(" (").append(address).append("): ").append(dataBytes)
                    .append(" data bytes\n");
        }
    }

    /** BusyBox's answer to a name it cannot resolve (exit code 1). */
    public static String busyboxBadAddress(String name) {
        return "ping: bad address '" + name + "'\n";
    }

    /** iputils' answer to a name it cannot resolve (exit code 2). */
    public static String iputilsUnknownHost(String name) {
        return "ping: " + name + ": Name or service not known\n";
    }

    /** {@code -q}: only the header and the statistics. */
    public void quiet() {
        quiet = true;
    }

    /**
     * iputils' pipe size: the most echoes that were out when one of them was answered (the
     * caller computes it per answer), printed as {@code pipe N} when above 1 (ping_common.c).
     */
    public void outstanding(int n) {
        pipe = Math.max(pipe, n);
    }

    public void sent(long nowNs) {
        if (firstSendNs < 0) {
            firstSendNs = nowNs;
        }
        lastSendNs = nowNs;
        transmitted++;
    }

    /** An echo reply: {@code seq} as sent on the wire (iputils starts at 1, BusyBox at 0). */
    public void reply(int bytes, String from, int seq, int ttl, long rttNs) {
        received++;
        double ms = rttNs / 1e6;
        minMs = Math.min(minMs, ms);
        maxMs = Math.max(maxMs, ms);
        sumMs += ms;
        sumSqMs += ms * ms;
        if (quiet) {
            return; // -q: the header and the statistics only (iputils and BusyBox alike)
        }
        if (style == Style.IPUTILS) {
            out.append(bytes).append(" bytes from ").append(from).append(": icmp_seq=").append(seq).append(" ttl=")
                    .append(ttl).append(" time=").append(iputilsTime(rttNs)).append(" ms\n");
        } else {
            out.append(bytes).append(" bytes from ").append(from).append(": seq=").append(seq).append(" ttl=")
                    .append(ttl).append(" time=").append(fixed3(ms)).append(" ms\n");
        }
    }

    /**
     * An ICMP error about one of our echoes, or a local failure (ARP gave up): iputils prints
     * {@code From 172.17.0.1 icmp_seq=1 Time to live exceeded}; BusyBox prints nothing.
     */
    public void error(String from, int seq, String text) {
        errors++;
        if (style == Style.IPUTILS && !quiet) {
            out.append("From ").append(from).append(" icmp_seq=").append(seq).append(' ').append(text).append('\n');
        }
    }

    /** Appends the statistics block; returns the exit code ping ends with. */
    public int finish() {
        int lossPct = transmitted == 0 ? 0 : (int) ((transmitted - received) * 100L / transmitted);
        double lossExact = transmitted == 0 ? 0 : (transmitted - received) * 100.0 / transmitted;
        out.append('\n').append("--- ").append(target).append(" ping statistics ---\n");
        if (style == Style.IPUTILS) {
            long timeMs = firstSendNs < 0 ? 0 : (lastSendNs - firstSendNs) / 1_000_000;
            out.append(transmitted).append(" packets transmitted, ").append(received).append(" received");
            if (errors > 0) {
                out.append(", +").append(errors).append(" errors");
            }
            out.append(", ").append(cGeneral(lossExact)).append("% packet loss, time ").append(timeMs).append("ms\n");
            // Then always one more line: rtt and/or pipe, possibly empty (real-outputs.md shows
            // the blank line after a total loss).
            String comma = "";
            if (received > 0) {
                double avg = sumMs / received;
                double mdev = Math.sqrt(Math.max(0, sumSqMs / received - avg * avg));
                out.append("rtt min/avg/max/mdev = ").append(fixed3(minMs)).append('/').append(fixed3(avg)).append('/')
                        .append(fixed3(maxMs)).append('/').append(fixed3(mdev)).append(" ms");
                comma = ", ";
            }
            if (pipe > 1) {
                out.append(comma).append("pipe ").append(pipe);
            }
            out.append('\n');
        } else {
            out.append(transmitted).append(" packets transmitted, ").append(received).append(" packets received, ")
                    .append(lossPct).append("% packet loss\n");
            if (received > 0) {
                out.append("round-trip min/avg/max = ").append(fixed3(minMs)).append('/')
                        .append(fixed3(sumMs / received)).append('/').append(fixed3(maxMs)).append(" ms\n");
            }
        }
        return received > 0 ? 0 : 1;
    }

    public String text() {
        return out.toString();
    }

    public int dataBytes() {
        return dataBytes;
    }

    public String address() {
        return address;
    }

    /** iputils prints three significant decimals: 0.140, 31.6, 105 (ping_common.c). */
    static String iputilsTime(long rttNs) {
        long us = rttNs / 1000;
        if (us >= 100_000 - 50) {
            return Long.toString((us + 500) / 1000);
        } else if (us >= 10_000 - 5) {
            return String.format(Locale.ROOT, "%d.%01d", (us + 50) / 1000, ((us + 50) % 1000) / 100);
        } else if (us >= 1000) {
            return String.format(Locale.ROOT, "%d.%02d", (us + 5) / 1000, ((us + 5) % 1000) / 10);
        }
        return String.format(Locale.ROOT, "%d.%03d", us / 1000, us % 1000);
    }

    /** C's {@code %g} for a percentage: six significant digits, no trailing zeros (33.3333, 50, 100). */
    static String cGeneral(double v) {
        if (v == 0) {
            return "0";
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        return d.toPlainString();
    }

    private static String fixed3(double ms) {
        return String.format(Locale.ROOT, "%.3f", ms);
    }
}
