package io.dockwire.export;

import java.util.List;

/**
 * Long-running processes the engine starts, on a real machine: a container's web server becomes
 * {@code python3 -m http.server 80}, docker-proxy a python TCP relay (the script's relay.py).
 * Both listen on the same address and port, so the TCP handshakes match; the HTTP bytes do not
 * (a deliberate, documented difference). Other main processes (shells, sleep) need no stand-in.
 */
final class Processes {
    private static final List<String> WEB_SERVERS = List.of("nginx", "httpd", "apache2", "http-server");

    private Processes() {
    }

    /** A handle as a word safe in a file name and a bash array key. */
    static String handle(String h) {
        return h.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Script lines starting the stand-in for {@code argv} in {@code ns} (null = the Docker host). */
    static String spawn(String handle, String ns, List<String> argv) {
        String h = handle(handle);
        String where = ns == null ? Scope.HOST : ns;
        Scope.ns(where); // validates the name
        if (!argv.isEmpty() && argv.get(0).equals("docker-proxy")) {
            return proxy(h, argv);
        }
        for (String w : argv) {
            for (String server : WEB_SERVERS) {
                if (w.equals(server) || w.endsWith("/" + server)) {
                    return "spawn " + h + " " + where + " python3 -m http.server 80 --bind 0.0.0.0\n"
                            + "wait_listen " + where + " 80\n";
                }
            }
        }
        return "# no stand-in needed for " + h + ": " + Scope.words(argv) + "\n";
    }

    private static String proxy(String h, List<String> argv) {
        String proto = option(argv, "-proto");
        String hostIp = option(argv, "-host-ip");
        String hostPort = option(argv, "-host-port");
        String cIp = option(argv, "-container-ip");
        String cPort = option(argv, "-container-port");
        if (!"tcp".equals(proto) || hostIp == null || hostPort == null || cIp == null || cPort == null) {
            return "# not replayed (only TCP docker-proxy has a stand-in): " + Scope.words(argv) + "\n";
        }
        return "spawn " + h + " " + Scope.HOST + " python3 \"$OUT/relay.py\" " + Scope.words(List.of(hostIp, hostPort, cIp, cPort))
                + "\nwait_listen " + Scope.HOST + " " + Scope.quote(hostPort) + "\n";
    }

    private static String option(List<String> argv, String name) {
        int i = argv.indexOf(name);
        return i < 0 || i + 1 >= argv.size() ? null : argv.get(i + 1);
    }
}
