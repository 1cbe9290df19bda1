package io.dockwire.conformance;

import io.dockwire.trace.CaptureSink;
import io.dockwire.trace.CapturedFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two captures of the same scenario (for example dockwire's and a real kernel's)
 * interface by interface, frame by frame, after {@link FrameNormalizer normalising} both sides.
 * Interfaces are visited in name order on both sides so aliases are numbered alike.
 */
public final class CaptureDiff {
    private CaptureDiff() {
    }

    /** One interface's first difference, or a missing interface. */
    public record Difference(String interfaceName, int frameIndex, String left, String right) {
        @Override
        public String toString() {
            return interfaceName + " frame #" + (frameIndex + 1) + ":\n  left:  " + (left == null ? "(none)" : left)
                    + "\n  right: " + (right == null ? "(none)" : right);
        }
    }

    /**
     * Groups frames by interface name, keeping capture order within each. Annotation records are
     * left out: dockwire records a packet a netfilter rule dropped on the interface where it died
     * (no direction, a comment naming the rule), which is a note for Wireshark users, not a frame
     * on the wire that a kernel capture could show.
     */
    public static Map<String, List<byte[]>> byInterface(List<CapturedFrame> frames) {
        Map<String, List<byte[]>> m = new TreeMap<>();
        for (CapturedFrame f : frames) {
            if (f.direction() == CaptureSink.DIR_UNKNOWN && !f.comments().isEmpty()) {
                continue;
            }
            m.computeIfAbsent(f.interfaceName(), k -> new ArrayList<>()).add(f.data());
        }
        return m;
    }

    /** Normalised lines per interface, in interface-name order. */
    public static Map<String, List<String>> normalise(Map<String, List<byte[]>> frames, FrameNormalizer n) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map.Entry<String, List<byte[]>> e : new TreeMap<>(frames).entrySet()) {
            List<String> lines = new ArrayList<>();
            for (byte[] f : e.getValue()) {
                lines.add(n.normalize(f));
            }
            out.put(e.getKey(), lines);
        }
        return out;
    }

    /** The first difference on every interface where the two sides disagree; empty when equal. */
    public static List<Difference> diff(Map<String, List<String>> left, Map<String, List<String>> right) {
        List<Difference> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(left.keySet());
        names.addAll(right.keySet());
        for (String name : names) {
            List<String> a = left.getOrDefault(name, List.of());
            List<String> b = right.getOrDefault(name, List.of());
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                String x = i < a.size() ? a.get(i) : null;
                String y = i < b.size() ? b.get(i) : null;
                if (x == null || !x.equals(y)) {
                    out.add(new Difference(name, i, x, y));
                    break;
                }
            }
        }
        return out;
    }
}
