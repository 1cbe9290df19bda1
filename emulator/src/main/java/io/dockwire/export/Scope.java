package io.dockwire.export;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rewrites one command so it can only touch namespaces the exported script created: the
 * emulator's root namespace (the Docker host) becomes {@code ${P}host}, every other namespace
 * {@code X} becomes {@code ${P}X}, where {@code P} is the script's unique prefix. Commands come
 * out as one shell line: {@code ip -n ${P}X ...}, {@code ip netns add ${P}X} (through the
 * script's {@code netns_add} / {@code netns_del} helpers, which also record the namespace for
 * teardown and turn IPv6 off in it), or {@code ip netns exec ${P}X CMD...}.
 */
public final class Scope {
    /** The script variable holding the prefix. */
    public static final String PREFIX = "${P}";
    /** What the emulator's root namespace is called on the real machine (after the prefix). */
    public static final String HOST = "host";
    private static final Pattern NS_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+^-]+");

    private Scope() {
    }

    /**
     * How one machine of the world names namespaces: by its root namespace's kernel key (null for
     * the emulator's root); the namespaces it makes are keyed {@code ROOT/NAME}
     * ({@link io.dockwire.link.World#netnsDir}).
     */
    public record Machine(String root) {
        /** The first Docker host: names are the kernel's keys. */
        public static final Machine FIRST = new Machine(null);

        /** The script name (without the prefix) of namespace {@code local} as this machine names it (null: its root). */
        public String name(String local) {
            return key(io.dockwire.link.World.key(root, local));
        }
    }

    /**
     * The script name of a kernel namespace key: the root is {@link #HOST}, another Docker host's
     * namespace {@code H/NAME} becomes {@code H.NAME} (one flat /run/netns on the real machine).
     */
    public static String key(String kernelKey) {
        return kernelKey == null ? HOST : kernelKey.replace('/', '.');
    }

    /** The real name of namespace {@code ns} (null = the Docker host), as a shell word. */
    public static String ns(String ns) {
        String n = ns == null ? HOST : ns;
        if (!NS_NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("namespace name not safe to put in a script: " + n);
        }
        return PREFIX + n;
    }

    /** The shell line that runs {@code argv} in namespace {@code ns} (null = the Docker host). */
    public static String line(String ns, List<String> argv) {
        return line(Machine.FIRST, ns, argv);
    }

    /**
     * The shell line that runs {@code argv}, typed on machine {@code m}, in its namespace {@code ns}
     * (null: the machine's root); namespace names in the command are that machine's.
     */
    public static String line(Machine m, String ns, List<String> argv) {
        if (argv.get(0).equals("ip")) {
            return ip(m, ns, argv);
        }
        return "ip netns exec " + ns(m.name(ns)) + " " + words(argv);
    }

    private static String ip(Machine m, String ns, List<String> argv) {
        List<String> opts = new ArrayList<>();
        String target = ns;
        int i = 1;
        for (; i < argv.size() && argv.get(i).startsWith("-"); i++) {
            String o = argv.get(i);
            if ((o.equals("-n") || o.equals("-netns") || o.equals("--netns")) && i + 1 < argv.size()) {
                target = argv.get(++i);
            } else {
                opts.add(o);
            }
        }
        List<String> rest = argv.subList(i, argv.size());
        if (!rest.isEmpty() && "netns".startsWith(rest.get(0)) && rest.get(0).length() >= 3) {
            return ipNetns(m, target, rest);
        }
        List<String> out = new ArrayList<>(opts);
        for (int j = 0; j < rest.size(); j++) {
            out.add(rest.get(j));
            if (rest.get(j).equals("netns") && j + 1 < rest.size()) {
                out.add(ns(m.name(rest.get(++j))));
            }
        }
        return "ip -n " + ns(m.name(target)) + (out.isEmpty() ? "" : " " + wordsKeepingPrefix(out));
    }

    /** {@code ip netns SUBCOMMAND ...}: namespaces are created and removed through the script's helpers. */
    private static String ipNetns(Machine m, String ctx, List<String> rest) {
        String sub = rest.size() > 1 ? rest.get(1) : "list";
        if ((sub.equals("add") || sub.equals("del") || sub.equals("delete")) && rest.size() == 3) {
            String name = m.name(rest.get(2));
            ns(name); // validates
            return (sub.equals("add") ? "netns_add " : "netns_del ") + name;
        }
        if (sub.equals("exec") && rest.size() > 3) {
            return line(m, rest.get(2), rest.subList(3, rest.size()));
        }
        if (sub.equals("list") || sub.equals("ls") || sub.equals("show")) {
            return "ip netns list | grep -F \"$P\" || true";
        }
        return "# not replayed (only namespaces this script made may be touched): " + words(rest);
    }

    private static String wordsKeepingPrefix(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String w : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w.startsWith(PREFIX) ? w : quote(w));
        }
        return sb.toString();
    }

    /** Words as a shell reads them back unchanged (single-quoted when not plain). */
    public static String words(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String w : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    public static String quote(String w) {
        return PLAIN.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'";
    }
}
