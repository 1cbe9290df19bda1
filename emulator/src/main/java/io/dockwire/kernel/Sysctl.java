package io.dockwire.kernel;

import io.dockwire.command.CommandResult;
import io.dockwire.ip.NetNamespace;
import java.util.List;

/**
 * procps {@code sysctl}: {@code sysctl KEY}, {@code sysctl -n KEY}, {@code sysctl -w KEY=VALUE}
 * and {@code sysctl KEY=VALUE}, for the keys a namespace models ({@link io.dockwire.ip.Sysctls}).
 * Prints what procps prints: {@code net.ipv4.ip_forward = 1} for reads and writes; a write
 * echoes the value as written ({@code = 49153 65535}), a read as the kernel formats it (a tab).
 */
final class Sysctl {
    private Sysctl() {
    }

    static CommandResult run(NetNamespace ns, List<String> args) {
        boolean valueOnly = false;
        boolean quiet = false;
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int rc = 0;
        for (String a : args) {
            switch (a) {
                case "-n" -> valueOnly = true;
                case "-q" -> quiet = true;
                case "-w" -> {
                }
                default -> {
                    if (a.startsWith("-")) {
                        return new CommandResult("", "sysctl: invalid option -- '" + a.substring(1) + "'\n", 1);
                    }
                    int eq = a.indexOf('=');
                    String key = (eq < 0 ? a : a.substring(0, eq)).replace('/', '.');
                    try {
                        if (eq >= 0) {
                            ns.sysctls().set(key, a.substring(eq + 1));
                        }
                        // A write echoes the value as written (procps WriteSetting), a read the kernel's text.
                        String v = eq >= 0 ? a.substring(eq + 1) : ns.sysctls().get(key);
                        if (!quiet) {
                            out.append(valueOnly ? v : key + " = " + v).append('\n');
                        }
                    } catch (IllegalArgumentException e) {
                        err.append(e.getMessage()).append('\n');
                        rc = 255;
                    }
                }
            }
        }
        return new CommandResult(out.toString(), err.toString(), rc);
    }
}
