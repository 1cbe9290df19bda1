package io.dockwire.apps;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What an image's web server serves at {@code /}, and how it words its headers. The nginx
 * pages are the files shipped in the official images (615 bytes since nginx 1.21, 612 before),
 * with those files' modification times (nginx ETag = hex mtime - hex size: "6537cac7-267" for
 * nginx:1.25.3). httpd serves Apache's "It works!" page (45 bytes, dated 2007 in the image).
 */
public record Site(Kind kind, String server, int port, String index, long indexMtime, long keepAliveNs) {
    /** Header order and error pages differ per server family. */
    public enum Kind { NGINX, APACHE }

    private static final DateTimeFormatter RFC1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** nginx >= 1.21 default page (docker image nginx:1.25.3). */
    public static final String NGINX_INDEX = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Welcome to nginx!</title>
            <style>
            html { color-scheme: light dark; }
            body { width: 35em; margin: 0 auto;
            font-family: Tahoma, Verdana, Arial, sans-serif; }
            </style>
            </head>
            <body>
            <h1>Welcome to nginx!</h1>
            <p>If you see this page, the nginx web server is successfully installed and
            working. Further configuration is required.</p>

            <p>For online documentation and support please refer to
            <a href="http://nginx.org/">nginx.org</a>.<br/>
            Commercial support is available at
            <a href="http://nginx.com/">nginx.com</a>.</p>

            <p><em>Thank you for using nginx.</em></p>
            </body>
            </html>
            """;

    /** nginx 1.14 default page (docker image nginx:1.14). */
    public static final String NGINX_1_14_INDEX = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Welcome to nginx!</title>
            <style>
                body {
                    width: 35em;
                    margin: 0 auto;
                    font-family: Tahoma, Verdana, Arial, sans-serif;
                }
            </style>
            </head>
            <body>
            <h1>Welcome to nginx!</h1>
            <p>If you see this page, the nginx web server is successfully installed and
            working. Further configuration is required.</p>

            <p>For online documentation and support please refer to
            <a href="http://nginx.org/">nginx.org</a>.<br/>
            Commercial support is available at
            <a href="http://nginx.com/">nginx.com</a>.</p>

            <p><em>Thank you for using nginx.</em></p>
            </body>
            </html>
            """;

    public static final String HTTPD_INDEX = "<html><body><h1>It works!</h1></body></html>\n";

    /** nginx keepalive_timeout 65 s; Apache KeepAliveTimeout 5 s. */
    public static final Site NGINX = new Site(Kind.NGINX, "nginx/1.25.3", 80, NGINX_INDEX, 0x6537cac7L, 65_000_000_000L);
    public static final Site NGINX_1_14 =
            new Site(Kind.NGINX, "nginx/1.14.2", 80, NGINX_1_14_INDEX, 0x5c0692e1L, 65_000_000_000L);
    public static final Site HTTPD = new Site(Kind.APACHE, "Apache/2.4.58 (Unix)", 80, HTTPD_INDEX, 1181587994L, 5_000_000_000L);
    /** A generic PHP site standing in for wordpress (not WordPress's installer redirect). */
    public static final Site WORDPRESS = new Site(Kind.APACHE, "Apache/2.4.57 (Debian)", 80,
            "<!DOCTYPE html>\n<html><head><title>WordPress</title></head>\n<body><h1>Hello world!</h1></body></html>\n",
            1717200000L, 5_000_000_000L);

    /** The site an image name serves, or null ({@code nginx}, {@code nginx:1.14}, {@code httpd}, ...). */
    public static Site forImage(String image) {
        String name = image.contains("/") ? image.substring(image.lastIndexOf('/') + 1) : image;
        String repo = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        String tag = name.contains(":") ? name.substring(name.indexOf(':') + 1) : "latest";
        return switch (repo) {
            case "nginx" -> tag.startsWith("1.14") ? NGINX_1_14 : NGINX;
            case "httpd" -> HTTPD;
            case "wordpress" -> WORDPRESS;
            default -> null;
        };
    }

    public Site withPort(int p) {
        return new Site(kind, server, p, index, indexMtime, keepAliveNs);
    }

    static String httpDate(long epochSeconds) {
        return RFC1123.format(Instant.ofEpochSecond(epochSeconds));
    }

    /**
     * The response to one request: status line, headers in the server's order, body unless
     * HEAD. Only {@code /} and {@code /index.html} exist; anything else is the server's 404.
     */
    public String respond(String method, String path, boolean close, long nowEpochSeconds) {
        boolean found = path.equals("/") || path.equals("/index.html");
        String body = found ? index : notFoundBody();
        String type = found ? "text/html" : kind == Kind.NGINX ? "text/html" : "text/html; charset=iso-8859-1";
        int len = body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1).length;
        StringBuilder h = new StringBuilder();
        h.append("HTTP/1.1 ").append(found ? "200 OK" : "404 Not Found").append("\r\n");
        String date = httpDate(nowEpochSeconds);
        if (kind == Kind.NGINX) {
            h.append("Server: ").append(server).append("\r\nDate: ").append(date).append("\r\nContent-Type: ").append(type)
                    .append("\r\nContent-Length: ").append(len).append("\r\n");
            if (found) {
                h.append("Last-Modified: ").append(httpDate(indexMtime)).append("\r\n");
            }
            h.append("Connection: ").append(close ? "close" : "keep-alive").append("\r\n");
            if (found) {
                h.append("ETag: \"").append(Long.toHexString(indexMtime)).append('-').append(Integer.toHexString(len))
                        .append("\"\r\nAccept-Ranges: bytes\r\n");
            }
        } else {
            h.append("Date: ").append(date).append("\r\nServer: ").append(server).append("\r\n");
            if (found) {
                // Apache's ETag: hex size - hex mtime in microseconds (FileETag MTime Size).
                h.append("Last-Modified: ").append(httpDate(indexMtime)).append("\r\nETag: \"")
                        .append(Integer.toHexString(len)).append('-').append(Long.toHexString(indexMtime * 1_000_000L))
                        .append("\"\r\nAccept-Ranges: bytes\r\n");
            }
            h.append("Content-Length: ").append(len).append("\r\n");
            if (close) {
                h.append("Connection: close\r\n");
            }
            h.append("Content-Type: ").append(type).append("\r\n");
        }
        h.append("\r\n");
        if (!method.equals("HEAD")) {
            h.append(body);
        }
        return h.toString();
    }

    private String notFoundBody() {
        if (kind == Kind.NGINX) {
            return "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
                    + "<center><h1>404 Not Found</h1></center>\r\n<hr><center>" + server + "</center>\r\n</body>\r\n</html>\r\n";
        }
        return """
                <!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
                <html><head>
                <title>404 Not Found</title>
                </head><body>
                <h1>Not Found</h1>
                <p>The requested URL was not found on this server.</p>
                </body></html>
                """;
    }
}
