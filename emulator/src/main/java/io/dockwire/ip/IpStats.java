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
        return nstat(values(kept), Map.of(), true, names);
    }

    /** Every counter by name, in the kernel's order, with {@code kept}'s values where it has them. */
    public Map<String, Long> values(Map<String, Long> kept) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (Mib m : Mib.VALUES) {
            out.put(m.name(), kept.getOrDefault(m.name(), v[m.ordinal()]));
        }
        return out;
    }

    /**
     * nstat's table of {@code current - base} (base: the history, or nothing for absolute
     * values), zeros only with {@code zeros}, the named counters only when names are given.
     */
    public static String nstat(Map<String, Long> current, Map<String, Long> base, boolean zeros, String... names) {
        StringBuilder sb = new StringBuilder("#kernel\n");
        for (Map.Entry<String, Long> e : current.entrySet()) {
            long value = e.getValue() - base.getOrDefault(e.getKey(), 0L);
            if ((names.length == 0 || Arrays.asList(names).contains(e.getKey())) && (zeros || value != 0)) {
                sb.append(String.format("%-32s%-16d%6.1f%n", e.getKey(), value, 0.0));
            }
        }
        return sb.toString();
    }
}
