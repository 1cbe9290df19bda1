package io.dockwire.docker;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The images scenarios use, with their EXPOSE ports and default command as in the official
 * images of the tutorials' era. Any other well-formed reference is a plain shell image.
 */
public final class ImageCatalog {
    /** docker/distribution's reference grammar, simplified: lowercase path components, optional tag. */
    private static final Pattern REFERENCE = Pattern.compile(
            "^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
                    + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$");

    private ImageCatalog() {
    }

    public static boolean isValidReference(String ref) {
        return REFERENCE.matcher(ref).matches();
    }

    public static Image lookup(String ref) {
        String repo = new Image(ref, List.of(), List.of(), List.of()).repository();
        String tag = ref.length() > repo.length() ? ref.substring(repo.length() + 1) : "latest";
        return switch (repo) {
            case "busybox" -> new Image(ref, List.of(), List.of(), List.of("sh"));
            case "alpine" -> new Image(ref, List.of(), List.of(), List.of("/bin/sh"));
            // nginx images before 1.19 had no /docker-entrypoint.sh
            case "nginx" -> nginxBefore119(tag)
                    ? new Image(ref, List.of("80/tcp"), List.of(), List.of("nginx", "-g", "daemon off;"))
                    : new Image(ref, List.of("80/tcp"), List.of("/docker-entrypoint.sh"), List.of("nginx", "-g", "daemon off;"));
            case "httpd" -> new Image(ref, List.of("80/tcp"), List.of(), List.of("httpd-foreground"));
            case "mysql" -> new Image(ref, List.of("3306/tcp", "33060/tcp"), List.of("docker-entrypoint.sh"), List.of("mysqld"));
            case "wordpress" -> new Image(ref, List.of("80/tcp"), List.of("docker-entrypoint.sh"), List.of("apache2-foreground"));
            // A toolbox image the tutorial keeps running and execs bash in.
            case "nockchun/docterm" -> new Image(ref, List.of(), List.of(), List.of("tail", "-f", "/dev/null"));
            default -> new Image(ref, List.of(), List.of(), List.of("sh"));
        };
    }

    private static boolean nginxBefore119(String tag) {
        var m = Pattern.compile("^1\\.(\\d+)").matcher(tag);
        return m.find() && Integer.parseInt(m.group(1)) < 19;
    }

    /** Whether a main process is an interactive shell, which exits at once when stdin is not open (-i). */
    public static boolean isShell(List<String> argv) {
        if (argv.isEmpty()) {
            return false;
        }
        String p = argv.get(0);
        String base = p.substring(p.lastIndexOf('/') + 1);
        return argv.size() == 1 && (base.equals("sh") || base.equals("bash") || base.equals("ash") || base.equals("zsh"));
    }
}
