package io.dockwire.scenario;

import java.util.List;
import java.util.Set;

/**
 * Which docker command lines move the session into a container (see {@link ScenarioParser}).
 * A light scan of docker's own option syntax: it only has to find -i/-t/-d, --name and the
 * container argument; DockerCommand does the real parsing and reports option errors.
 */
final class AttachRules {
    /** Shells: {@code docker exec -it NAME sh} opens an interactive shell rather than running a command. */
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "zsh", "/bin/sh", "/bin/bash",
            "/bin/ash", "/bin/zsh", "/usr/bin/bash");

    /** docker run/exec long options that take a value (the rest are booleans). */
    private static final Set<String> VALUE_LONG = Set.of("--name", "--net", "--network", "--ip", "--ip6",
            "--publish", "--link", "--network-alias", "--net-alias", "--env", "--env-file", "--volume",
            "--workdir", "--user", "--hostname", "--entrypoint", "--mount", "--label", "--restart",
            "--memory", "--cpus", "--dns", "--add-host", "--mac-address", "--platform", "--pull",
            "--expose", "--log-driver", "--log-opt", "--cap-add", "--cap-drop", "--device", "--tmpfs",
            "--ulimit", "--security-opt", "--stop-signal", "--cidfile", "--detach-keys", "--alias");

    /** docker run/exec short options that take a value. */
    private static final String VALUE_SHORT = "epvwuhlmca";

    private AttachRules() {
    }

    /** What an attaching line enters. */
    record Attach(Context context, boolean mainProcess) {
    }

    /** The container a docker line attaches to, or null when it does not attach. */
    static Attach of(List<String> argv) {
        if (argv.size() < 2 || !argv.get(0).equals("docker")) {
            return null;
        }
        int i = 1;
        if (argv.get(1).equals("container") && argv.size() > 2) {
            i = 2;
        }
        String verb = argv.get(i);
        Scan scan = Scan.of(argv, i + 1);
        if (scan == null) {
            return null;
        }
        switch (verb) {
            case "run":
                if (scan.interactive && scan.tty && !scan.detach
                        && (scan.rest.size() == 1 || isShell(scan.rest.subList(1, scan.rest.size())))) {
                    return new Attach(scan.name == null ? Context.lastRunContainer() : Context.container(scan.name), true);
                }
                return null;
            case "attach":
                return scan.rest.size() == 1 ? new Attach(Context.container(scan.rest.get(0)), true) : null;
            case "exec":
                if (scan.interactive && scan.rest.size() >= 2 && isShell(scan.rest.subList(1, scan.rest.size()))) {
                    return new Attach(Context.container(scan.rest.get(0)), false);
                }
                return null;
            default:
                return null;
        }
    }

    /** {@code docker exec [opts] NAME CMD...} with a CMD: the command and its container, else null. */
    static List<String> execCommand(List<String> argv) {
        if (argv.size() < 3 || !argv.get(0).equals("docker")) {
            return null;
        }
        int i = argv.get(1).equals("container") ? 2 : 1;
        if (i >= argv.size() || !argv.get(i).equals("exec")) {
            return null;
        }
        Scan scan = Scan.of(argv, i + 1);
        if (scan == null || scan.rest.size() < 2 || scan.detach) {
            return null;
        }
        return scan.rest;
    }

    private static boolean isShell(List<String> cmd) {
        return cmd.size() == 1 && SHELLS.contains(cmd.get(0));
    }

    /** Options before the first operand, and the operands from there on. */
    private static final class Scan {
        boolean interactive;
        boolean tty;
        boolean detach;
        String name;
        List<String> rest;

        static Scan of(List<String> argv, int from) {
            Scan s = new Scan();
            int i = from;
            while (i < argv.size()) {
                String a = argv.get(i);
                if (a.equals("--")) {
                    i++;
                    break;
                }
                if (!a.startsWith("-") || a.equals("-")) {
                    break;
                }
                if (a.startsWith("--")) {
                    String opt = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                    String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
                    if (VALUE_LONG.contains(opt) && value == null) {
                        if (i + 1 >= argv.size()) {
                            return null;
                        }
                        value = argv.get(++i);
                    }
                    switch (opt) {
                        case "--interactive" -> s.interactive = !"false".equals(value);
                        case "--tty" -> s.tty = !"false".equals(value);
                        case "--detach" -> s.detach = !"false".equals(value);
                        case "--name" -> s.name = value;
                        default -> { }
                    }
                } else {
                    for (int k = 1; k < a.length(); k++) {
                        char c = a.charAt(k);
                        if (VALUE_SHORT.indexOf(c) >= 0) {
                            if (k == a.length() - 1) {
                                i++;
                            }
                            break;
                        }
                        if (c == 'i') {
                            s.interactive = true;
                        } else if (c == 't') {
                            s.tty = true;
                        } else if (c == 'd') {
                            s.detach = true;
                        }
                    }
                }
                i++;
            }
            s.rest = i <= argv.size() ? argv.subList(Math.min(i, argv.size()), argv.size()) : List.of();
            return s;
        }
    }
}
