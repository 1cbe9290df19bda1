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
 * response, the same keep-alive and close rules as {@code io.dockwire.apps.HttpServer});
 * docker-proxy a python TCP relay (the script's relay.py). Both listen on the same address and
 * port as the emulated ones. Other main processes (shells, sleep) need no stand-in.
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
        if (!argv.isEmpty() && argv.get(0).equals("docker-proxy")) {
            return proxy(h, argv);
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
