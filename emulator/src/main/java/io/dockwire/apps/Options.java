package io.dockwire.apps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * getopt-style parsing shared by the tools: single-letter flags that may be bundled
 * ({@code -zv}), options with a value attached or in the next word ({@code -c1}, {@code -c 1}),
 * and operands. Long options ({@code --max-time}) are looked up in an alias table.
 */
final class Options {
    final Map<Character, String> values = new HashMap<>();
    /** Every value each option was given, in order (for repeatable ones such as curl's -H). */
    final Map<Character, List<String>> repeated = new HashMap<>();
    final List<String> operands = new ArrayList<>();
    String error;

    static Options parse(List<String> args, String withValue, String flags, Map<String, Character> longNames) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--") && a.length() > 2) {
                Character c = longNames.get(a);
                if (c == null) {
                    o.error = a;
                    return o;
                }
                if (withValue.indexOf(c) >= 0) {
                    if (i + 1 >= args.size()) {
                        o.error = a;
                        return o;
                    }
                    o.value(c, args.get(++i));
                } else {
                    o.values.put(c, "");
                }
                continue;
            }
            if (!a.startsWith("-") || a.length() == 1) {
                o.operands.add(a);
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                if (withValue.indexOf(c) >= 0) {
                    String v = a.substring(j + 1);
                    if (v.isEmpty()) {
                        if (i + 1 >= args.size()) {
                            o.error = "-" + c;
                            return o;
                        }
                        v = args.get(++i);
                    }
                    o.value(c, v);
                    break;
                } else if (flags.indexOf(c) >= 0) {
                    o.values.put(c, "");
                } else {
                    o.error = "-" + c;
                    return o;
                }
            }
        }
        return o;
    }

    private void value(char c, String v) {
        values.put(c, v);
        repeated.computeIfAbsent(c, k -> new ArrayList<>()).add(v);
    }

    /** All values of a repeatable option, in the order given; empty when absent. */
    List<String> all(char c) {
        return repeated.getOrDefault(c, List.of());
    }

    static Options parse(List<String> args, String withValue, String flags) {
        return parse(args, withValue, flags, Map.of());
    }

    boolean has(char c) {
        return values.containsKey(c);
    }

    String get(char c, String dflt) {
        return values.getOrDefault(c, dflt);
    }

    /** Seconds as given ("0.2", "2") in nanoseconds; negative when unparsable. */
    long seconds(char c, long dfltNs) {
        if (!has(c)) {
            return dfltNs;
        }
        try {
            return Math.round(Double.parseDouble(values.get(c)) * 1e9);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    int integer(char c, int dflt) {
        if (!has(c)) {
            return dflt;
        }
        try {
            return Integer.parseInt(values.get(c));
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    static final Set<String> NONE = Set.of();
}
