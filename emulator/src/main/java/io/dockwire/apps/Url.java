package io.dockwire.apps;

/**
 * An http URL as curl and BusyBox wget take it: optional {@code http://}, host, optional port,
 * path (default {@code /}). {@code hostPort} is the authority as typed, which both tools put in
 * the Host header and wget prints in "Connecting to".
 */
record Url(String host, int port, boolean portGiven, String path) {
    /** Null when this is not an http URL (another scheme, an empty or bad host or port). */
    static Url parse(String text) {
        String rest = text;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            if (!rest.substring(0, scheme).equalsIgnoreCase("http")) {
                return null;
            }
            rest = rest.substring(scheme + 3);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        int port = 80;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (port <= 0 || port > 65535) {
                return null;
            }
        }
        if (host.isEmpty()) {
            return null;
        }
        return new Url(host, port, colon >= 0, path);
    }

    String hostPort() {
        return portGiven ? host + ":" + port : host;
    }

    /** The last path segment, or index.html (wget's output file name). */
    String fileName() {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        String last = p.substring(p.lastIndexOf('/') + 1);
        return last.isEmpty() ? "index.html" : last;
    }
}
