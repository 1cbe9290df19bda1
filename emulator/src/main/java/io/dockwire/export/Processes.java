package io.dockwire.export;

import io.dockwire.apps.Site;
import io.dockwire.kernel.Kernel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Long-running processes the engine starts, on a real machine: a container's web server (the
 * image's {@link Site}, as the emulator decides it) becomes the script's web.py serving the
 * emulated server's exact responses (the bytes {@link Site#respond} gives, one send per
 * response, the same keep-alive and close rules as {@code io.dockwire.apps.HttpServer}),
 * listening on the same port as the emulated one. docker-proxy needs no stand-in: the script runs
 * the real binary (Debian's docker.io) with the engine's own arguments, in the Docker host's
 * namespace (the script's {@code docker_proxy} helper). Other main processes (shells, sleep) need
 * nothing.
 */
final class Processes {
    private Processes() {
    }

    /** A handle as a word safe in a file name and a bash array key. */
    static String handle(String h) {
        return h.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * Script lines starting the stand-in for {@code argv} in {@code ns} (null = the Docker host);
     * {@code site} is what the container's image serves (null: not a web server).
     */
    static String spawn(String handle, String ns, List<String> argv, Site site) {
        String h = handle(handle);
        String where = ns == null ? Scope.HOST : ns;
        Scope.ns(where); // validates the name
        if (isProxy(argv)) {
            return where.equals(Scope.HOST) ? proxy(h, argv)
                    : "# not replayed (the script's docker-proxy runs on the first Docker host only): " + Scope.words(argv)
                    + "\n";
        }
        if (site != null) {
            return web(h, where, site);
        }
        return "# no stand-in needed for " + h + ": " + Scope.words(argv) + "\n";
    }

    /** web.py with the site's responses: GET/HEAD x found/404 x keep-alive/close, base64 in a JSON file. */
    private static String web(String h, String where, Site site) {
        StringBuilder json = new StringBuilder("{");
        for (String method : List.of("GET", "HEAD")) {
            for (String path : List.of("/", "/404")) {
                for (boolean close : List.of(false, true)) {
                    String key = "h" + (method.equals("HEAD") ? 1 : 0) + "f" + (path.equals("/") ? 1 : 0) + "c" + (close ? 1 : 0);
                    byte[] bytes = site.respond(method, path, close, Kernel.EPOCH_SECONDS)
                            .getBytes(StandardCharsets.ISO_8859_1);
                    json.append(json.length() > 1 ? ", " : "").append('"').append(key).append("\": \"")
                            .append(Base64.getEncoder().encodeToString(bytes)).append('"');
                }
            }
        }
        json.append("}");
        String file = "\"$OUT/site-" + h + ".json\"";
        return "cat >" + file + " <<'DWEND'\n" + json + "\nDWEND\n"
                + "spawn " + h + " " + where + " python3 \"$OUT/web.py\" " + site.port() + " " + file + " "
                + site.keepAliveNs() / 1_000_000_000L + "\n"
                + "wait_listen " + where + " " + site.port() + "\n";
    }

    /**
     * The real docker-proxy with the engine's arguments ({@code -proto tcp|udp -host-ip ...
     * -container-port ...}); the helper starts it in {@code ${P}host} and waits for its "0\n"
     * on fd 3, as dockerd does.
     */
    private static String proxy(String h, List<String> argv) {
        String proto = option(argv, "-proto");
        boolean complete = List.of("-host-ip", "-host-port", "-container-ip", "-container-port").stream()
                .allMatch(o -> option(argv, o) != null);
        if (!complete || !("tcp".equals(proto) || "udp".equals(proto))) {
            return "# not replayed (docker-proxy for TCP and UDP only): " + Scope.words(argv) + "\n";
        }
        return "docker_proxy " + h + " " + Scope.words(argv.subList(1, argv.size())) + "\n";
    }

    /** Whether {@code argv} starts a docker-proxy (the script then needs the real binary). */
    static boolean isProxy(List<String> argv) {
        return !argv.isEmpty() && argv.get(0).equals("docker-proxy");
    }

    private static String option(List<String> argv, String name) {
        int i = argv.indexOf(name);
        return i < 0 || i + 1 >= argv.size() ? null : argv.get(i + 1);
    }
}
