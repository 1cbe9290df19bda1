package io.dockwire.apps;

import io.dockwire.kernel.Kernel;
import io.dockwire.tcp.TcpCallbacks;
import io.dockwire.tcp.TcpConnection;
import io.dockwire.tcp.TcpListener;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The web server of an image that serves HTTP (nginx, httpd, wordpress): listens on
 * 0.0.0.0:{@link Site#port()} with backlog 511 (both nginx and Apache default), answers each
 * request of a keep-alive connection with {@link Site#respond}, closes after a response when
 * the request said {@code Connection: close} (BusyBox wget) - so then the server's FIN comes
 * first - closes when the client's FIN arrives (curl closes after reading the body), and closes
 * an idle connection after the site's keep-alive timeout. Runs until {@link #stop()}.
 */
public final class HttpServer extends AppProcess {
    private final Site site;
    private TcpListener listener;
    private long requests;

    private HttpServer(Kernel.Services host, Site site) {
        super(host, AppEnv.gnu());
        this.site = site;
    }

    /** Starts {@code site} in namespace {@code ns}; throws TcpException if the port is taken. */
    public static HttpServer start(Kernel kernel, String ns, Site site) {
        HttpServer h = new HttpServer(services(kernel, ns), site);
        h.start();
        return h;
    }

    /** Requests answered so far. */
    public long requests() {
        return requests;
    }

    @Override
    protected void start() {
        listener = tcp().listen(0, site.port(), 511, c -> new Conn());
    }

    @Override
    public void stop() {
        exit(0);
    }

    @Override
    protected void release() {
        if (listener != null) {
            listener.close();
        }
    }

    /** One accepted connection. */
    private final class Conn implements TcpCallbacks {
        private final StringBuilder pending = new StringBuilder();
        private long idle = -1;
        private boolean closed;

        @Override
        public void onConnected(TcpConnection c) {
            armIdle(c);
        }

        @Override
        public void onData(TcpConnection c, byte[] buf, int off, int len) {
            if (closed || done()) {
                return;
            }
            pending.append(new String(buf, off, len, StandardCharsets.ISO_8859_1));
            int end;
            while (!closed && (end = pending.indexOf("\r\n\r\n")) >= 0) {
                String head = pending.substring(0, end);
                pending.delete(0, end + 4);
                answer(c, head);
            }
        }

        private void answer(TcpConnection c, String head) {
            String[] lines = head.split("\r\n");
            String[] rl = lines[0].split(" ");
            String method = rl[0];
            String path = rl.length > 1 ? rl[1] : "/";
            boolean close = rl.length > 2 && rl[2].equals("HTTP/1.0");
            for (int i = 1; i < lines.length; i++) {
                String l = lines[i].toLowerCase(Locale.ROOT);
                if (l.startsWith("connection:")) {
                    close = l.substring(11).trim().equals("close");
                }
            }
            requests++;
            byte[] resp = site.respond(method, path, close, Kernel.EPOCH_SECONDS + now() / 1_000_000_000L)
                    .getBytes(StandardCharsets.ISO_8859_1);
            c.send(resp, 0, resp.length);
            if (close) {
                shut(c);
            } else {
                armIdle(c);
            }
        }

        private void armIdle(TcpConnection c) {
            if (idle >= 0) {
                cancel(idle);
            }
            idle = after(site.keepAliveNs(), () -> shut(c));
        }

        private void shut(TcpConnection c) {
            if (!closed) {
                closed = true;
                if (idle >= 0) {
                    cancel(idle);
                }
                c.close();
            }
        }

        @Override
        public void onEof(TcpConnection c) {
            shut(c);
        }

        @Override
        public void onError(TcpConnection c, int errno) {
            closed = true;
            if (idle >= 0) {
                cancel(idle);
            }
        }
    }
}
