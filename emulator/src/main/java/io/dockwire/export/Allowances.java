package io.dockwire.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deliberate differences a scenario declares in comments, each with its reason:
 * <pre>
 * # conformance: allow IFACE-GLOB REASON...   (a difference on these interfaces is reported, not failed;
 *                                               "iptables" names the counter listings)
 * # conformance: skip REASON...               (the scenario cannot run on one real machine)
 * # conformance: allow-frames CLASS REASON... (frames of this class are set aside on both sides
 *                                               before the captures are compared, and counted)
 * </pre>
 * Frame classes: {@code arp-probe} - unicast ARP requests (a neighbour entry's PROBE state, the
 * only sender of them) and the reply answering each ({@link Conformance#dropArpProbes}).
 * A reason is mandatory: an allowance nobody can explain is a bug being hidden.
 */
public record Allowances(List<Allow> allows, String skipReason, Map<String, String> frameClasses) {
    private static final Pattern LINE = Pattern.compile("(?m)^\\s*#\\s*conformance:\\s*(allow-frames|allow|skip)\\s+(.*)$");

    /** The frame classes {@code allow-frames} knows. */
    public static final String ARP_PROBE = "arp-probe";
    private static final java.util.Set<String> FRAME_CLASSES = java.util.Set.of(ARP_PROBE);

    public record Allow(String glob, String reason) {
        boolean matches(String name) {
            return name.matches(Pattern.quote(glob).replace("*", "\\E.*\\Q"));
        }
    }

    public static Allowances parse(String scenarioText) {
        List<Allow> allows = new ArrayList<>();
        String skip = null;
        Map<String, String> classes = new TreeMap<>();
        Matcher m = LINE.matcher(scenarioText);
        while (m.find()) {
            String rest = m.group(2).strip();
            if (m.group(1).equals("skip")) {
                skip = rest;
                continue;
            }
            String[] f = rest.split("\\s+", 2);
            if (m.group(1).equals("allow-frames")) {
                if (!FRAME_CLASSES.contains(f[0].replaceFirst(":.*", "")) || !validScope(f[0])) {
                    throw new IllegalArgumentException("'# conformance: allow-frames " + rest + "': unknown frame class '"
                            + f[0] + "' (known: " + new java.util.TreeSet<>(FRAME_CLASSES) + ")");
                }
                if (f.length < 2) {
                    throw new IllegalArgumentException("'# conformance: allow-frames " + rest
                            + "' needs a reason after the frame class");
                }
                classes.put(f[0], f[1]);
                continue;
            }
            if (f.length < 2) {
                throw new IllegalArgumentException("'# conformance: allow " + rest + "' needs a reason after the interface");
            }
            allows.add(new Allow(f[0], f[1]));
        }
        return new Allowances(List.copyOf(allows), skip, java.util.Collections.unmodifiableMap(classes));
    }

    /** {@code arp-probe} or {@code arp-probe:A.B.C.D} (only the probes asking for that address). */
    private static boolean validScope(String token) {
        int colon = token.indexOf(':');
        if (colon < 0) {
            return true;
        }
        try {
            io.dockwire.wire.Ipv4Address.parse(token.substring(colon + 1));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The targets whose unicast ARP probes are set aside, each with its reason: a key is an IPv4
     * address, or "*" for every target ({@code arp-probe} without an address).
     */
    public Map<String, String> arpProbeTargets() {
        Map<String, String> out = new TreeMap<>();
        frameClasses.forEach((k, why) -> {
            if (k.equals(ARP_PROBE)) {
                out.put("*", why);
            } else if (k.startsWith(ARP_PROBE + ":")) {
                out.put(k.substring(ARP_PROBE.length() + 1), why);
            }
        });
        return out;
    }

    /** Why frames of {@code frameClass} are set aside before comparing, or null when they are compared. */
    public String framesAllowed(String frameClass) {
        return frameClasses.get(frameClass);
    }

    /** The reason a difference on {@code name} is allowed, or null. */
    public String allowed(String name) {
        for (Allow a : allows) {
            if (a.matches(name)) {
                return a.reason();
            }
        }
        return null;
    }
}
