package io.dockwire.ip;

import java.util.Arrays;
import java.util.Map;

/** One namespace's {@link Mib} counters: a plain long array, and the {@code nstat -az} rendering. */
public final class IpStats {
    private final long[] v = new long[Mib.VALUES.length];

    public long get(Mib m) {
        return v[m.ordinal()];
    }

    void inc(Mib m) {
        v[m.ordinal()]++;
    }

    void add(Mib m, long n) {
        v[m.ordinal()] += n;
    }

    /**
     * {@code nstat -az NAMES} (absolute values, zeros included): a {@code #kernel} line, then the
     * named counters in the kernel's order (not the order asked for), each as
     * {@code printf("%-32s%-16llu%6.1f\n")} with a rate of 0.0. No names: every counter.
     * Unknown names are ignored, as nstat does.
     */
    public String nstat(String... names) {
        return nstat(Map.of(), names);
    }

    /** As {@link #nstat(String...)}, with the values of {@code kept} (by name) kept elsewhere (the TCP stack's). */
    public String nstat(Map<String, Long> kept, String... names) {
        StringBuilder sb = new StringBuilder("#kernel\n");
        for (Mib m : Mib.VALUES) {
            if (names.length == 0 || Arrays.asList(names).contains(m.name())) {
                long value = kept.getOrDefault(m.name(), v[m.ordinal()]);
                sb.append(String.format("%-32s%-16d%6.1f%n", m.name(), value, 0.0));
            }
        }
        return sb.toString();
    }
}
