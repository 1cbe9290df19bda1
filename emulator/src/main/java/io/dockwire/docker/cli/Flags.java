package io.dockwire.docker.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pflag-style option parsing as cobra does it for the docker CLI: {@code --name v},
 * {@code --name=v}, {@code -p v}, {@code -pv}, {@code -p=v}, clusters of short booleans
 * ({@code -dit}), {@code --} ends options. With interspersed off (docker run/exec), options stop
 * at the first operand. Errors carry pflag's exact wording.
 */
final class Flags {
    /** A flag: long name, short letter (0 = none), whether it takes a value. */
    record Flag(String name, char shorthand, boolean value) {
    }

    static final class FlagError extends Exception {
        FlagError(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, Flag> byName = new HashMap<>();
    private final Map<Character, Flag> byShort = new HashMap<>();
    private final boolean interspersed;

    Flags(boolean interspersed) {
        this.interspersed = interspersed;
    }

    Flags bool(String name, char shorthand) {
        return add(new Flag(name, shorthand, false));
    }

    Flags value(String name, char shorthand) {
        return add(new Flag(name, shorthand, true));
    }

    /** Another long name for a flag (--net for --network). */
    Flags alias(String alias, String of) {
        byName.put(alias, byName.get(of));
        return this;
    }

    private Flags add(Flag f) {
        byName.put(f.name(), f);
        if (f.shorthand() != 0) {
            byShort.put(f.shorthand(), f);
        }
        return this;
    }

    /** The parse: values per flag (in order), booleans as "true"/"false", and the operands. */
    static final class Parsed {
        final Map<String, List<String>> values = new LinkedHashMap<>();
        final List<String> args = new ArrayList<>();

        boolean has(String name) {
            List<String> v = values.get(name);
            return v != null && !v.get(v.size() - 1).equals("false");
        }

        String get(String name) {
            List<String> v = values.get(name);
            return v == null ? null : v.get(v.size() - 1);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }
    }

    Parsed parse(List<String> argv) throws FlagError {
        Parsed p = new Parsed();
        int i = 0;
        while (i < argv.size()) {
            String a = argv.get(i++);
            if (a.equals("--")) {
                p.args.addAll(argv.subList(i, argv.size()));
                break;
            }
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String val = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    val = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Flag f = byName.get(name);
                if (f == null) {
                    throw new FlagError("unknown flag: --" + name);
                }
                if (f.value() && val == null) {
                    if (i >= argv.size()) {
                        throw new FlagError("flag needs an argument: --" + name);
                    }
                    val = argv.get(i++);
                }
                put(p, f, val == null ? "true" : val);
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    Flag f = byShort.get(c);
                    if (f == null) {
                        throw new FlagError("unknown shorthand flag: '" + c + "' in " + a);
                    }
                    if (f.value()) {
                        String val = a.substring(k + 1);
                        if (val.startsWith("=")) {
                            val = val.substring(1);
                        }
                        if (val.isEmpty()) {
                            if (i >= argv.size()) {
                                throw new FlagError("flag needs an argument: '" + c + "' in -" + c);
                            }
                            val = argv.get(i++);
                        }
                        put(p, f, val);
                        break;
                    }
                    put(p, f, "true");
                }
            } else {
                p.args.add(a);
                if (!interspersed) {
                    p.args.addAll(argv.subList(i, argv.size()));
                    break;
                }
            }
        }
        return p;
    }

    private static void put(Parsed p, Flag f, String v) {
        p.values.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(v);
    }
}
