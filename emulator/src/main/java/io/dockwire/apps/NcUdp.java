package io.dockwire.apps;

import io.dockwire.ip.UdpReceiver;
import io.dockwire.ip.UdpSocket;
import io.dockwire.kernel.Kernel;
import java.nio.charset.StandardCharsets;

/**
 * {@code nc -u}: UDP netcat. {@code nc -u -l [-p] PORT} binds the port, prints every datagram,
 * and - as OpenBSD nc does - locks onto the first sender and sends it {@link AppEnv#stdin()};
 * {@code nc -u HOST PORT} sends stdin as one datagram from a connected socket and prints what
 * comes back. UDP has no end of stream, so (as the real tools) both run until {@link #stop()}
 * unless {@code -w SECS} is given: then they end after that long without traffic (exit 0).
 * An ICMP port unreachable on the client's connected socket ends it with exit 1 (the real nc
 * reports ECONNREFUSED on its next read). {@code -z} sends a one-byte "X" probe and waits
 * -w (default 1 s): an ICMP port unreachable means failure, silently even with -v (measured
 * with netcat-openbsd 1.219); otherwise -v prints {@code Connection to H P port [udp/domain]
 * succeeded!} (UDP cannot tell open from filtered). The real tool's probe spacing is not
 * reproduced.
 */
final class NcUdp extends AppProcess implements UdpReceiver {
    private final Options o;
    private UdpSocket socket;
    private boolean locked;
    private long idle = -1;
    private boolean probing;

    NcUdp(Kernel.Services host, AppEnv env, Options o) {
        super(host, env);
        this.o = o;
    }

    @Override
    protected void start() {
        socket = ns().udpOpen(this);
        if (o.has('l')) {
            String p = o.get('p', o.operands.isEmpty() ? null : o.operands.get(o.operands.size() - 1));
            int rc = p == null ? -22 : socket.bind(0, Integer.parseInt(p));
            if (rc < 0) {
                printErr("nc: " + (p == null ? "missing port number" : "Address already in use") + "\n");
                exit(1);
            }
            armIdle();
            return;
        }
        if (o.operands.size() < 2) {
            printErr("nc: missing hostname and port\n");
            exit(1);
            return;
        }
        String host = o.operands.get(0);
        int port = Integer.parseInt(o.operands.get(1));
        Resolver.resolve(this, host, (outcome, addr) -> {
            if (done()) {
                return;
            }
            if (outcome != Resolver.Outcome.FOUND || socket.connect(addr, port) < 0) {
                printErr("nc: getaddrinfo for host \"" + host + "\" port " + port + ": " + Nc.gaiError(outcome) + "\n");
                exit(1);
                return;
            }
            if (o.has('z')) {
                probing = true;
                socket.send(new byte[] {'X'}, 0, 1, now());
                after(o.seconds('w', 1_000_000_000L), () -> {
                    if (o.has('v')) {
                        printErr("Connection to " + host + " " + port + " port [udp/" + udpService(port) + "] succeeded!\n");
                    }
                    exit(0);
                });
                return;
            }
            sendStdin(addr, port);
            armIdle();
        });
    }

    private void sendStdin(int addr, int port) {
        byte[] in = env.stdin().getBytes(StandardCharsets.UTF_8);
        if (in.length > 0) {
            socket.sendTo(addr, port, in, 0, in.length, now());
        }
    }

    private void armIdle() {
        long w = o.seconds('w', 0);
        if (w > 0) {
            if (idle >= 0) {
                cancel(idle);
            }
            idle = after(w, () -> exit(0));
        }
    }

    @Override
    public void receive(UdpSocket s, int src, int sport, int dst, int dport, byte[] buf, int off, int len, long now) {
        if (probing) {
            return;
        }
        if (o.has('l')) {
            if (!locked) {
                locked = true;
                sendStdin(src, sport);
            }
        }
        print(new String(buf, off, len, StandardCharsets.UTF_8));
        armIdle();
    }

    @Override
    public void error(UdpSocket s, int errno, int icmpType, int icmpCode, int fromAddr, long now) {
        exit(1);
    }

    static String udpService(int port) {
        return switch (port) {
            case 53 -> "domain";
            case 67 -> "bootps";
            case 123 -> "ntp";
            case 161 -> "snmp";
            case 514 -> "syslog";
            default -> "*";
        };
    }

    @Override
    protected void release() {
        if (socket != null) {
            socket.close();
        }
    }
}
