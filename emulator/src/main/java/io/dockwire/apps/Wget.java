package io.dockwire.apps;

import io.dockwire.kernel.Kernel;
import io.dockwire.tcp.Errno;
import io.dockwire.wire.Ipv4Address;
import java.util.List;
import java.util.Locale;

/**
 * BusyBox {@code wget [-q] [-O FILE|-] [-T SECS] URL} (texts checked against BusyBox 1.35 with
 * stderr not a terminal, as under {@code docker exec} without -t): "Connecting to" line,
 * "saving to"/"writing to stdout", one final progress-bar line (no carriage returns when not
 * a terminal), "saved"/"written to stdout". The request is byte-exact (HTTP/1.1,
 * {@code User-Agent: Wget}, {@code Connection: close}). -T (default 900 s) bounds the whole
 * download: "download timed out". Errors exit 1.
 */
final class Wget extends AppProcess implements HttpExchange.Listener {
    private final List<String> args;
    private Options o;
    private Url url;
    private int addr;
    private HttpExchange ex;

    Wget(Kernel.Services host, AppEnv env, List<String> args) {
        super(host, env);
        this.args = args;
    }

    @Override
    protected void start() {
        o = Options.parse(args, "OTU", "q", java.util.Map.of("--quiet", 'q', "--timeout", 'T'));
        if (o.error != null || o.operands.isEmpty()) {
            printErr(o.error != null ? "wget: unrecognized option '" + o.error + "'\n" : "BusyBox wget: missing URL\n");
            exit(1);
            return;
        }
        url = Url.parse(o.operands.get(0));
        if (url == null) {
            printErr("wget: not an http or ftp url: " + o.operands.get(0) + "\n");
            exit(1);
            return;
        }
        after(o.seconds('T', 900_000_000_000L), () -> {
            if (ex != null) {
                ex.cancel();
            }
            die("download timed out");
        });
        Resolver.resolve(this, url.host(), (outcome, a) -> {
            if (done()) {
                return;
            }
            if (outcome != Resolver.Outcome.FOUND) {
                die("bad address '" + url.host() + "'");
                return;
            }
            addr = a;
            if (!o.has('q')) {
                printErr("Connecting to " + url.hostPort() + " (" + Ipv4Address.toString(addr) + ":" + url.port() + ")\n");
            }
            String req = "GET " + url.path() + " HTTP/1.1\r\nHost: " + url.hostPort()
                    + "\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n";
            ex = new HttpExchange(this, req, false, this);
            ex.start(addr, url.port());
        });
    }

    private void die(String msg) {
        printErr("wget: " + msg + "\n");
        exit(1);
    }

    @Override
    public void connected() {
    }

    @Override
    public void done(HttpResponse r) {
        if (r.status() < 200 || r.status() > 299) {
            die("server returned error: " + r.statusLine());
            return;
        }
        String target = o.get('O', url.fileName());
        boolean toStdout = target.equals("-");
        boolean quiet = o.has('q');
        if (!quiet) {
            printErr(toStdout ? "writing to stdout\n" : "saving to '" + target + "'\n");
            printErr(progress(toStdout ? "-" : target, r.bytesReceived()));
        }
        if (toStdout) {
            print(r.body());
        } else {
            writeFile(target, r.body());
        }
        if (!quiet) {
            printErr(toStdout ? "written to stdout\n" : "'" + target + "' saved\n");
        }
        exit(0);
    }

    /**
     * The final state of BusyBox's progress bar (libbb/progress.c): name in 20 columns, percent,
     * a 32-star bar, size in 6 columns with a k/M suffix past 99999, and a zero ETA.
     */
    static String progress(String name, long size) {
        String shortName = name.length() > 20 ? name.substring(0, 20) : name;
        long v = size;
        int unit = 0;
        while (v >= 100000) {
            v >>= 10;
            unit++;
        }
        return String.format(Locale.ROOT, "%-20s%4d%% |%s|%6d%c%2d:%02d:%02d ETA\n", shortName, 100, "*".repeat(32), v,
                " kMGTPEZY".charAt(unit), 0, 0, 0);
    }

    @Override
    public void failed(int errno, HttpResponse partial) {
        if (errno == 0 || ex.connected()) {
            die(errno == 0 ? "error getting response" : "error getting response: " + Errno.message(errno));
        } else {
            die("can't connect to remote host (" + Ipv4Address.toString(addr) + "): " + Errno.message(errno));
        }
    }
}
