package io.dockwire.apps;

import io.dockwire.kernel.Kernel;
import io.dockwire.tcp.Errno;
import io.dockwire.wire.Ipv4Address;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code curl [-s] [-S] [-f] [-I] [-H HEADER]... [-o FILE] [-w FMT] [-m SECS] [--connect-timeout SECS] URL}, as
 * curl 7.88.1 (Debian 12). The request is byte-exact; the messages are curl's (exit codes 6, 7,
 * 22, 28, 52, 56). Times in messages are whole milliseconds of simulated time since the start,
 * and curl's timeout fires 1 ms after the limit (measured: {@code -m 2} reports 2001 ms).
 *
 * <p>{@code -v} prints curl's trace to stderr ({@code *   Trying}, {@code > } request and
 * {@code < } response header lines, how the connection ended) as with stdout on a terminal,
 * so without the {@code [N bytes data]} notes (measured on curl 7.88.1).
 *
 * <p>Not emulated: the progress meter (curl shows it when stdout is not a terminal and -s is
 * absent; this behaves as if stdout were a terminal), redirects, chunked bodies.
 */
final class Curl extends AppProcess implements HttpExchange.Listener {
    private static final Map<String, Character> LONG = Map.of("--silent", 's', "--show-error", 'S', "--fail", 'f',
            "--head", 'I', "--output", 'o', "--write-out", 'w', "--max-time", 'm', "--connect-timeout", 'C',
            "--verbose", 'v', "--header", 'H');

    private final List<String> args;
    private Options o;
    private Url url;
    private long startNs;
    private int addr;
    private HttpExchange ex;
    private boolean resolving;
    private String request;

    Curl(Kernel.Services host, AppEnv env, List<String> args) {
        super(host, env);
        this.args = args;
    }

    @Override
    protected void start() {
        startNs = now();
        o = Options.parse(args, "owmCH", "sSfIv", LONG);
        if (o.error != null) {
            printErr("curl: option " + o.error + ": is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
            exit(2);
            return;
        }
        if (o.operands.isEmpty()) {
            printErr("curl: try 'curl --help' or 'curl --manual' for more information\n");
            exit(2);
            return;
        }
        url = Url.parse(o.operands.get(0));
        if (url == null) {
            fail(3, "URL using bad/illegal format or missing URL");
            return;
        }
        long max = o.seconds('m', 0);
        if (max > 0) {
            after(max + 1_000_000L, this::maxTimeReached);
        }
        long ct = o.seconds('C', 0);
        if (ct > 0) {
            after(ct + 1_000_000L, this::connectTimeoutReached);
        }
        resolving = true;
        Resolver.resolve(this, url.host(), (outcome, a) -> {
            resolving = false;
            if (done()) {
                return;
            }
            if (outcome != Resolver.Outcome.FOUND) {
                fail(6, "Could not resolve host: " + url.host());
                return;
            }
            addr = a;
            verbose("*   Trying " + Ipv4Address.toString(addr) + ":" + url.port() + "...\n");
            connect();
        });
    }

    private void connect() {
        String method = o.has('I') ? "HEAD" : "GET";
        String req = method + " " + url.path() + " HTTP/1.1\r\n"
                + headers("Host: " + (url.port() == 80 ? url.host() : url.hostPort()) + "\r\nUser-Agent: curl/7.88.1\r\n"
                        + "Accept: */*\r\n") + "\r\n";
        request = req;
        ex = new HttpExchange(this, req, o.has('I'), this);
        ex.start(addr, url.port());
    }

    /**
     * curl's own Host, User-Agent and Accept lines followed by the -H headers in the order given
     * (http.c, Curl_add_custom_headers): a -H User-Agent or Accept replaces curl's line and goes
     * among the custom ones, a -H Host stays where Host goes (Curl_http_host); {@code Name:} without a value only removes curl's line,
     * {@code Name;} sends the header empty.
     */
    private String headers(String own) {
        List<String> custom = o.all('H');
        if (custom.isEmpty()) {
            return own;
        }
        StringBuilder out = new StringBuilder();
        for (String line : own.split("\r\n")) {
            String name = line.substring(0, line.indexOf(':'));
            String mine = custom.stream().filter(h -> headerName(h).equalsIgnoreCase(name)).findFirst().orElse(null);
            if (mine == null) {
                out.append(line).append("\r\n");
            } else if (name.equals("Host") && mine.length() > 5 && mine.charAt(4) == ':' && !mine.substring(5).isBlank()) {
                out.append("Host:").append(mine, 5, mine.length()).append("\r\n"); // Curl_http_host: in its place
            }
        }
        for (String h : custom) {
            if (headerName(h).equalsIgnoreCase("Host")) {
                continue; // sent in Host's place above, or not at all
            }
            int colon = h.indexOf(':');
            int semi = h.indexOf(';');
            if (colon > 0 && (semi < 0 || colon < semi)) {
                if (!h.substring(colon + 1).isBlank()) {
                    out.append(h).append("\r\n");
                }
            } else if (semi > 0 && h.substring(semi + 1).isBlank()) {
                out.append(h, 0, semi).append(":\r\n");
            }
        }
        return out.toString();
    }

    private static String headerName(String h) {
        int end = 0;
        while (end < h.length() && h.charAt(end) != ':' && h.charAt(end) != ';') {
            end++;
        }
        return h.substring(0, end);
    }

    private long elapsedMs() {
        return (now() - startNs) / 1_000_000L;
    }

    private void maxTimeReached() {
        if (resolving) {
            timeout("Resolving timed out after " + elapsedMs() + " milliseconds");
        } else if (ex == null || !ex.connected()) {
            timeout("Connection timed out after " + elapsedMs() + " milliseconds");
        } else {
            HttpResponse r = ex.response();
            String of = r.contentLength() >= 0 ? " out of " + r.contentLength() : "";
            timeout("Operation timed out after " + elapsedMs() + " milliseconds with " + r.bytesReceived() + of
                    + " bytes received");
        }
    }

    private void connectTimeoutReached() {
        if (ex != null && !ex.connected()) {
            timeout("Failed to connect to " + url.host() + " port " + url.port() + " after " + elapsedMs()
                    + " ms: Timeout was reached");
        }
    }

    private void timeout(String msg) {
        if (ex != null) {
            ex.cancel();
        }
        fail(28, msg);
    }

    @Override
    public void connected() {
        verbose("* Connected to " + url.host() + " (" + Ipv4Address.toString(addr) + ") port " + url.port() + " (#0)\n");
        verbose(prefixLines("> ", request));
    }

    private void verbose(String s) {
        if (o.has('v')) {
            printErr(s);
        }
    }

    /** Each CRLF-terminated line with a prefix, CRLF kept (curl's trace shows header bytes as sent). */
    private static String prefixLines(String prefix, String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("(?<=\r\n)")) {
            sb.append(prefix).append(line);
        }
        return sb.toString();
    }

    @Override
    public void done(HttpResponse r) {
        verbose(prefixLines("< ", r.headerText()));
        if (o.has('f') && r.status() >= 400) {
            fail(22, "The requested URL returned error: " + r.status(), r);
            return;
        }
        boolean closes = ex.peerClosed() || "close".equalsIgnoreCase(r.header("Connection"));
        verbose(closes ? "* Closing connection 0\n" : "* Connection #0 to host " + url.host() + " left intact\n");
        String body = o.has('I') ? r.headerText() : r.body();
        String file = o.get('o', null);
        if (file == null || file.equals("-")) {
            print(body);
        } else if (!file.equals("/dev/null")) {
            writeFile(file, body);
        }
        writeOut(r);
        exit(0);
    }

    @Override
    public void failed(int errno, HttpResponse partial) {
        if (errno == 0) {
            fail(52, "Empty reply from server", partial);
        } else if (ex.connected()) {
            fail(56, "Recv failure: " + Errno.message(errno), partial);
        } else {
            verbose("* connect to " + Ipv4Address.toString(addr) + " port " + url.port() + " failed: "
                    + Errno.message(errno) + "\n");
            // curl 7.88 reports every failed connect as CURLE_COULDNT_CONNECT's text; a kernel
            // ETIMEDOUT (SYN retries exhausted) exits 28 instead of 7 (measured).
            fail(errno == Errno.ETIMEDOUT ? 28 : 7, "Failed to connect to " + url.host() + " port " + url.port()
                    + " after " + elapsedMs() + " ms: Couldn't connect to server", partial);
        }
    }

    private void fail(int code, String msg) {
        fail(code, msg, null);
    }

    private void fail(int code, String msg, HttpResponse r) {
        if (o != null) {
            verbose("* " + msg + "\n* Closing connection 0\n");
        }
        writeOut(r);
        if (!o.has('s') || o.has('S')) {
            printErr("curl: (" + code + ") " + msg + "\n");
        }
        exit(code);
    }

    /** -w: %{http_code} (000 without a response), %{remote_ip}, %{size_download}, %{time_total}; \n \t \r. */
    private void writeOut(HttpResponse r) {
        String fmt = o == null ? null : o.get('w', null);
        if (fmt == null) {
            return;
        }
        int code = r == null || !r.hasHeaders() ? 0 : r.status();
        String s = fmt.replace("%{http_code}", String.format(Locale.ROOT, "%03d", code))
                .replace("%{response_code}", String.format(Locale.ROOT, "%03d", code))
                .replace("%{remote_ip}", addr == 0 ? "" : Ipv4Address.toString(addr))
                .replace("%{size_download}", Long.toString(r == null ? 0 : r.bytesReceived()))
                .replace("%{time_total}", String.format(Locale.ROOT, "%.6f", (now() - startNs) / 1e9))
                .replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
        print(s);
    }
}
