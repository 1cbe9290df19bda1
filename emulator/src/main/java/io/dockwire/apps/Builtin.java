package io.dockwire.apps;

import io.dockwire.kernel.Kernel;
import java.util.List;

/**
 * Commands that finish at once without the network: {@code echo}, {@code hostname} and
 * {@code cat} of the two files the emulator knows ({@code /etc/hosts}, {@code /etc/resolv.conf}).
 */
final class Builtin extends AppProcess {
    private final String cmd;
    private final List<String> args;

    Builtin(Kernel.Services host, AppEnv env, String cmd, List<String> args) {
        super(host, env);
        this.cmd = cmd;
        this.args = args;
    }

    /** A process that already ended with this output (an unknown command, an empty line). */
    static AppProcess finished(Kernel.Services host, AppEnv env, String out, String err, int code) {
        Builtin b = new Builtin(host, env, "", List.of());
        b.print(out);
        b.printErr(err);
        b.exit(code);
        return b;
    }

    @Override
    protected void start() {
        switch (cmd) {
            case "echo" -> echo();
            case "hostname" -> hostname();
            case "cat" -> cat();
            default -> exit(0);
        }
    }

    /**
     * hostname, or with -i the addresses /etc/hosts gives the name, each followed by a space
     * (BusyBox and Debian's hostname print them so), one line.
     */
    private void hostname() {
        if (args.isEmpty() || !args.get(0).equals("-i")) {
            print(env.hostname() + "\n");
            exit(0);
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (String line : env.hosts().split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length > 1 && !w[0].startsWith("#") && !w[0].contains(":")
                    && java.util.Arrays.asList(w).subList(1, w.length).contains(env.hostname())) {
                sb.append(w[0]).append(' ');
            }
        }
        if (sb.length() == 0) {
            printErr("hostname: Name or service not known\n");
            exit(1);
            return;
        }
        print(sb.append('\n').toString());
        exit(0);
    }

    private void echo() {
        boolean newline = true;
        List<String> words = args;
        if (!words.isEmpty() && words.get(0).equals("-n")) {
            newline = false;
            words = words.subList(1, words.size());
        }
        print(String.join(" ", words) + (newline ? "\n" : ""));
        exit(0);
    }

    private void cat() {
        int code = 0;
        for (String f : args) {
            switch (f) {
                case "/etc/hosts" -> print(env.hosts());
                case "/etc/resolv.conf" -> print(env.resolvConf());
                case "/etc/hostname" -> print(env.hostname() + "\n");
                default -> {
                    printErr("cat: " + (env.flavour() == Flavour.BUSYBOX ? "can't open '" + f + "'" : f)
                            + ": No such file or directory\n");
                    code = 1;
                }
            }
        }
        exit(code);
    }
}
