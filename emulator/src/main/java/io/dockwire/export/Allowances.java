package io.dockwire.export;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deliberate differences a scenario declares in comments, each with its reason:
 * <pre>
 * # conformance: allow IFACE-GLOB REASON...   (a difference on these interfaces is reported, not failed;
 *                                               "iptables" names the counter listings)
 * # conformance: skip REASON...               (the scenario cannot run on one real machine)
 * </pre>
 * A reason is mandatory: an allowance nobody can explain is a bug being hidden.
 */
public record Allowances(List<Allow> allows, String skipReason) {
    private static final Pattern LINE = Pattern.compile("(?m)^\\s*#\\s*conformance:\\s*(allow|skip)\\s+(.*)$");

    public record Allow(String glob, String reason) {
        boolean matches(String name) {
            return name.matches(Pattern.quote(glob).replace("*", "\\E.*\\Q"));
        }
    }

    public static Allowances parse(String scenarioText) {
        List<Allow> allows = new ArrayList<>();
        String skip = null;
        Matcher m = LINE.matcher(scenarioText);
        while (m.find()) {
            String rest = m.group(2).strip();
            if (m.group(1).equals("skip")) {
                skip = rest;
                continue;
            }
            String[] f = rest.split("\\s+", 2);
            if (f.length < 2) {
                throw new IllegalArgumentException("'# conformance: allow " + rest + "' needs a reason after the interface");
            }
            allows.add(new Allow(f[0], f[1]));
        }
        return new Allowances(List.copyOf(allows), skip);
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
