package io.dockwire.apps;

import io.dockwire.kernel.Kernel;
import io.dockwire.tcp.Errno;
import io.dockwire.tcp.TcpCallbacks;
import io.dockwire.tcp.TcpConnection;
import io.dockwire.tcp.TcpListener;
import io.dockwire.wire.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * netcat over TCP: OpenBSD's (GNU flavour, Debian netcat-openbsd) or BusyBox's.
 * <ul>
 *   <li>{@code nc -l [-p] PORT}: accepts one connection, prints what arrives, sends
 *       {@link AppEnv#stdin()}, exits 0 when the peer closes.</li>
 *   <li>{@code nc HOST PORT}: connects, sends stdin, then shuts down its write side (as
 *       {@code -N} / {@code -q 0} would - without it the real tools wait for the peer forever),
 *       prints what arrives, exits 0 at the peer's EOF.</li>
 *   <li>{@code nc -z [-v] HOST PORT}: connect and close. OpenBSD -v prints
 *       {@code Connection to H P port [tcp/http] succeeded!}; BusyBox -v prints
 *       {@code H (A:P) open}.</li>
 * </ul>
 * -w SECS bounds the connect. Failures: OpenBSD prints {@code nc: connect to H port P (tcp)
 * failed: Connection refused} with -v only; BusyBox always prints {@code nc: can't connect to
 * remote host (A): Connection refused}. Both exit 1. {@code -u} is {@link NcUdp}.
 */
final class Nc extends AppProcess implements TcpCallbacks {
    private final List<String> args;
    private final boolean busybox;
    private Options o;
    private String host;
    private int addr;
    private int port;
    private TcpListener listener;
    private TcpConnection conn;
    private boolean connected;

    Nc(Kernel.Services host, AppEnv env, List<String> args) {
        super(host, env);
        this.args = args;
        this.busybox = env.flavour() == Flavour.BUSYBOX;
    }

    @Override
    protected void start() {
        o = Options.parse(args, "pwq", "lzvnNu");
        if (o.error != null) {
            printErr("nc: invalid option -- '" + o.error.substring(1) + "'\n");
            exit(1);
            return;
        }
        if (o.has('l')) {
            String p = o.get('p', o.operands.isEmpty() ? null : o.operands.get(o.operands.size() - 1));
            if (p == null) {
                printErr("nc: missing port number\n");
                exit(1);
                return;
            }
            port = Integer.parseInt(p);
            listener = tcp().listen(0, port, 1, c -> {
                listener.close();
                listener = null;
                conn = c;
                sendStdin(c, false);
                return this;
            });
            return;
        }
        if (o.operands.size() < 2) {
            printErr("nc: missing hostname and port\n");
            exit(1);
            return;
        }
        host = o.operands.get(0);
        port = Integer.parseInt(o.operands.get(1));
        long w = o.seconds('w', 0);
        if (w > 0) {
            after(w, () -> {
                if (conn != null) {
                    conn.close();
                }
                failed(Errno.ETIMEDOUT);
            });
        }
        Resolver.resolve(this, host, (outcome, a) -> {
            if (done()) {
                return;
            }
            if (outcome != Resolver.Outcome.FOUND) {
                printErr(busybox ? "nc: bad address '" + host + "'\n" : "nc: getaddrinfo for host \"" + host + "\" port "
                        + port + ": " + gaiError(outcome) + "\n");
                exit(1);
                return;
            }
            addr = a;
            conn = tcp().connect(addr, port, this);
        });
    }

    private void sendStdin(TcpConnection c, boolean shut) {
        byte[] in = env.stdin().getBytes(StandardCharsets.UTF_8);
        if (in.length > 0) {
            c.send(in, 0, in.length);
        }
        if (shut) {
            c.shutdownOutput();
        }
    }

    @Override
    public void onConnected(TcpConnection c) {
        connected = true;
        if (o.has('l')) {
            return;
        }
        if (o.has('z')) {
            if (o.has('v')) {
                printErr(busybox ? host + " (" + Ipv4Address.toString(addr) + ":" + port + ") open\n"
                        : "Connection to " + host + " " + port + " port [tcp/" + service(port) + "] succeeded!\n");
            }
            c.close();
            exit(0);
            return;
        }
        sendStdin(c, true);
    }

    @Override
    public void onData(TcpConnection c, byte[] buf, int off, int len) {
        print(new String(buf, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public void onEof(TcpConnection c) {
        c.close();
        exit(0);
    }

    @Override
    public void onError(TcpConnection c, int errno) {
        if (o.has('l') || connected) {
            exit(1); // reset by the peer mid-stream
        } else {
            failed(errno);
        }
    }

    private void failed(int errno) {
        if (done()) {
            return;
        }
        if (busybox) {
            printErr(errno == Errno.ETIMEDOUT && o.has('w') ? "nc: timed out\n"
                    : "nc: can't connect to remote host (" + Ipv4Address.toString(addr) + "): " + Errno.message(errno) + "\n");
        } else if (o.has('v')) {
            String why = errno == Errno.ETIMEDOUT && o.has('w') ? "timed out: Operation now in progress"
                    : "failed: " + Errno.message(errno);
            printErr("nc: connect to " + host + " port " + port + " (tcp) " + why + "\n");
        }
        exit(1);
    }

    /** glibc's gai_strerror for how the lookup failed (measured with netcat-openbsd). */
    static String gaiError(Resolver.Outcome outcome) {
        return outcome == Resolver.Outcome.NOT_FOUND ? "Name or service not known" : "Temporary failure in name resolution";
    }

    /** /etc/services names OpenBSD nc prints, "*" when unknown. */
    static String service(int port) {
        return switch (port) {
            case 21 -> "ftp";
            case 22 -> "ssh";
            case 25 -> "smtp";
            case 53 -> "domain";
            case 80 -> "http";
            case 443 -> "https";
            case 3306 -> "mysql";
            case 5432 -> "postgresql";
            case 6379 -> "redis";
            case 8080 -> "http-alt";
            default -> "*";
        };
    }

    @Override
    protected void release() {
        if (listener != null) {
            listener.close();
        }
    }
}
