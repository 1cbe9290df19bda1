package io.dockwire.apps;

import java.util.List;
import java.util.Set;

/**
 * Per-namespace facts an application reads from its container's file system, supplied by the
 * caller (the Docker layer): the userland flavour, the tools installed, {@code /etc/hosts},
 * {@code /etc/resolv.conf}, the hostname, and what the process reads on stdin (the caller
 * splits a pipeline such as {@code echo hello | nc host 80} and passes "hello\n" here).
 */
public record AppEnv(Flavour flavour, Set<String> tools, String hosts, String resolvConf, String hostname, String stdin) {
    /** BusyBox applets the emulator knows (busybox 1.36: no curl). */
    public static final Set<String> BUSYBOX_TOOLS = Set.of("ping", "wget", "nc", "nslookup", "cat", "echo", "hostname");
    /** A Debian host with iputils-ping, curl and netcat-openbsd installed. */
    public static final Set<String> GNU_TOOLS = Set.of("ping", "curl", "nc", "cat", "echo", "hostname");
    /** What Docker writes when nothing else is known. */
    public static final String DEFAULT_HOSTS = "127.0.0.1\tlocalhost\n";

    public AppEnv {
        tools = Set.copyOf(tools);
    }

    public static AppEnv busybox() {
        return new AppEnv(Flavour.BUSYBOX, BUSYBOX_TOOLS, DEFAULT_HOSTS, "", "localhost", "");
    }

    public static AppEnv gnu() {
        return new AppEnv(Flavour.GNU, GNU_TOOLS, DEFAULT_HOSTS, "", "localhost", "");
    }

    public AppEnv withHosts(String text) {
        return new AppEnv(flavour, tools, text, resolvConf, hostname, stdin);
    }

    public AppEnv withResolvConf(String text) {
        return new AppEnv(flavour, tools, hosts, text, hostname, stdin);
    }

    /** resolv.conf with these nameservers, as Docker writes it. */
    public AppEnv withNameservers(String... servers) {
        StringBuilder sb = new StringBuilder();
        for (String s : servers) {
            sb.append("nameserver ").append(s).append('\n');
        }
        return withResolvConf(sb.toString());
    }

    public AppEnv withHostname(String name) {
        return new AppEnv(flavour, tools, hosts, resolvConf, name, stdin);
    }

    public AppEnv withStdin(String text) {
        return new AppEnv(flavour, tools, hosts, resolvConf, hostname, text);
    }

    public AppEnv withTools(Set<String> names) {
        return new AppEnv(flavour, names, hosts, resolvConf, hostname, stdin);
    }

    /** The nameserver lines of resolv.conf, in order. */
    public List<String> nameservers() {
        return resolvConf.lines().map(String::trim).filter(l -> l.startsWith("nameserver"))
                .map(l -> l.substring("nameserver".length()).trim()).filter(s -> !s.isEmpty()).toList();
    }
}
