package io.dockwire.apps;

import io.dockwire.ip.IcmpListener;
import io.dockwire.ip.NetNamespace;
import io.dockwire.kernel.Kernel;
import io.dockwire.wire.Checksum;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ping [-c N] [-i S] [-s N] [-t TTL] [-W S] [-w S] [-q] HOST} in iputils (GNU) or BusyBox
 * style. Echo identifier from the namespace's seeded random; sequence from 1 (iputils) or 0
 * (BusyBox); one echo every -i seconds (default 1).
 *
 * <p>Payload: iputils puts a struct timeval (16 bytes on x86-64: seconds and microseconds,
 * little-endian, wall time = {@link Kernel#EPOCH_SECONDS} + simulated time) then bytes
 * 0x10, 0x11, ...; BusyBox puts a 4-byte monotonic microsecond stamp then zeros.
 *
 * <p>When it ends (measured on iputils 20221126 and BusyBox 1.35): with -c, as soon as every
 * echo is answered (iputils also counts ICMP errors as answers). After the last echo is sent,
 * iputils waits max(2 * max RTT, interval) if anything came back, else -W (default 10 s);
 * BusyBox waits 2 * max RTT rounded up to whole seconds (at least 1) if anything came back,
 * else -W (default 10 s). -w ends it at that deadline. Without -c or -w it runs until
 * {@link #stop()} (Ctrl-C), which prints the statistics. BusyBox ignores ICMP errors.
 */
final class Ping extends AppProcess implements IcmpListener {
    private static final long S = 1_000_000_000L;

    private final List<String> args;
    private final boolean busybox;
    private PingOutput out;
    private int ident;
    private int dst;
    private int count;
    private long intervalNs;
    private int dataBytes;
    private int ttl;
    private long lingerNs;
    private long deadlineNs;
    private int nextSeq;
    private int transmitted;
    private int received;
    private int errors;
    private long maxRttNs;
    private final Map<Integer, Long> sentAt = new HashMap<>();
    private final java.util.Set<Integer> answered = new java.util.HashSet<>();
    private boolean registered;

    Ping(Kernel.Services host, AppEnv env, List<String> args) {
        super(host, env);
        this.args = args;
        this.busybox = env.flavour() == Flavour.BUSYBOX;
    }

    @Override
    protected void start() {
        Options o = Options.parse(args, "cistWw", "q");
        if (o.error != null || o.operands.size() != 1) {
            usage(o);
            return;
        }
        count = o.integer('c', 0);
        intervalNs = o.seconds('i', S);
        dataBytes = o.integer('s', 56);
        ttl = o.integer('t', 0);
        lingerNs = o.seconds('W', 10 * S);
        deadlineNs = o.seconds('w', 0);
        if (count < 0 || intervalNs < 0 || dataBytes < 0 || dataBytes > 1472 || ttl < 0 || ttl > 255 || lingerNs < 0
                || deadlineNs < 0) {
            usage(o);
            return;
        }
        String target = o.operands.get(0);
        Resolver.resolve(this, target, (outcome, addr) -> resolved(target, outcome, addr, o.has('q')));
    }

    private void usage(Options o) {
        if (busybox) {
            printErr("ping: " + (o.error != null ? "invalid option -- '" + o.error.substring(1) + "'" : "usage error")
                    + "\n");
            exit(1);
        } else {
            printErr(o.operands.isEmpty() && o.error == null ? "ping: usage error: Destination address required\n"
                    : "ping: invalid argument\n");
            exit(2);
        }
    }

    /** The name iputils prints for the replier ({@code from NAME (ADDR)}), null for the bare address. */
    private String reverseName;

    private void resolved(String target, Resolver.Outcome outcome, int addr, boolean quiet) {
        if (outcome != Resolver.Outcome.FOUND) {
            if (busybox) {
                printErr(PingOutput.busyboxBadAddress(target));
                exit(1);
            } else {
                printErr(outcome == Resolver.Outcome.NOT_FOUND ? PingOutput.iputilsUnknownHost(target)
                        : "ping: " + target + ": Temporary failure in name resolution\n");
                exit(2);
            }
            return;
        }
        dst = addr;
        // iputils names the replier when the target was a name (getnameinfo: /etc/hosts first;
        // a PTR query over DNS for an address not there is not modelled and prints the address).
        reverseName = busybox || DnsExchange.isIpv4(target) ? null : Resolver.nameFromHosts(env.hosts(), dst);
        if (!busybox && ns().sourceAddressFor(dst) == 0) {
            // iputils connects a probe socket first and fails before printing anything.
            printErr("ping: connect: Network is unreachable\n");
            exit(2);
            return;
        }
        out = new PingOutput(busybox ? PingOutput.Style.BUSYBOX : PingOutput.Style.IPUTILS,
                target, Ipv4Address.toString(dst), dataBytes);
        if (quiet) {
            out.quiet();
        }
        ident = ns().random().nextInt(0x10000);
        ns().registerIcmpListener(ident, this);
        registered = true;
        nextSeq = busybox ? 0 : 1;
        if (deadlineNs > 0) {
            after(deadlineNs, this::finish);
        }
        sendOne();
    }

    private void sendOne() {
        int seq = nextSeq++ & 0xFFFF;
        byte[] icmp = echo(seq);
        long now = now();
        // DF set: raw and ping sockets inherit IP_PMTUDISC_WANT; the IP ID then follows Linux's
        // ip_select_ident for an unconnected socket (the namespace's default).
        int rc = ns().sendIp(0, dst, Ipv4View.PROTO_ICMP, ttl, true, icmp, 0, icmp.length, now);
        if (rc < 0 && busybox) {
            print(out.text());
            printErr("ping: sendto: " + io.dockwire.tcp.Errno.message(-rc) + "\n");
            exit(1);
            return;
        }
        transmitted++;
        out.sent(now);
        sentAt.put(seq, now);
        if (count == 0 || transmitted < count) {
            after(intervalNs, this::sendOne);
        } else {
            after(waitAfterLast(), this::finish);
        }
    }

    private long waitAfterLast() {
        if (received == 0) {
            return lingerNs;
        }
        if (busybox) {
            return Math.max(1, (2 * maxRttNs + S - 1) / S) * S;
        }
        return Math.max(2 * maxRttNs, intervalNs);
    }

    private byte[] echo(int seq) {
        byte[] icmp = new byte[8 + dataBytes];
        icmp[0] = 8;
        icmp[4] = (byte) (ident >>> 8);
        icmp[5] = (byte) ident;
        icmp[6] = (byte) (seq >>> 8);
        icmp[7] = (byte) seq;
        long nowUs = now() / 1000;
        if (busybox) {
            if (dataBytes >= 4) {
                putLe(icmp, 8, nowUs, 4);
            }
        } else {
            for (int i = 0; i < dataBytes; i++) {
                icmp[8 + i] = (byte) i;
            }
            if (dataBytes >= 16) {
                putLe(icmp, 8, Kernel.EPOCH_SECONDS + nowUs / 1_000_000, 8);
                putLe(icmp, 16, nowUs % 1_000_000, 8);
            }
        }
        int c = Checksum.compute(icmp, 0, icmp.length);
        icmp[2] = (byte) (c >>> 8);
        icmp[3] = (byte) c;
        return icmp;
    }

    private static void putLe(byte[] b, int off, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    @Override
    public void echoReply(NetNamespace n, byte[] buf, int l3, int len, long now) {
        int ihl = Ipv4View.headerLength(buf, l3);
        int seq = u16(buf, l3 + ihl + 6);
        Long sent = sentAt.get(seq);
        if (sent == null || !answered.add(seq)) {
            return; // not ours, or a duplicate
        }
        received++;
        acknowledge(seq);
        long rtt = now - sent;
        maxRttNs = Math.max(maxRttNs, rtt);
        int src = Ipv4View.src(buf, l3);
        String from = Ipv4Address.toString(src);
        if (reverseName != null && src == dst) {
            from = reverseName + " (" + from + ")";
        }
        out.reply(len - ihl, from, seq, buf[l3 + 8] & 0xFF, rtt);
        checkDone();
    }

    @Override
    public void error(NetNamespace n, byte[] buf, int l3, int len, long now) {
        if (busybox) {
            return;
        }
        int ihl = Ipv4View.headerLength(buf, l3);
        int icmp = l3 + ihl;
        int quoted = icmp + 8;
        int seq = u16(buf, quoted + Ipv4View.headerLength(buf, quoted) + 6);
        if (!sentAt.containsKey(seq)) {
            return;
        }
        errors++;
        acknowledge(seq);
        out.error(Ipv4Address.toString(Ipv4View.src(buf, l3)), seq, errorText(buf[icmp] & 0xFF, buf[icmp + 1] & 0xFF));
        checkDone();
    }

    /**
     * iputils' pipe size (ping_common.c acknowledge()): when the answer to echo {@code seq}
     * arrives, how many echoes were out counting it. An echo never answered does not count,
     * so a black hole prints no pipe line (measured) while late ARP failures do.
     */
    private void acknowledge(int seq) {
        if (!busybox) {
            out.outstanding(transmitted - seq + 1);
        }
    }

    /** iputils' texts for ICMP errors (ping4_print_icmp / pr_icmph). */
    static String errorText(int type, int code) {
        if (type == 11) {
            return code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded";
        }
        if (type == 3) {
            return switch (code) {
                case 0 -> "Destination Net Unreachable";
                case 1 -> "Destination Host Unreachable";
                case 2 -> "Destination Protocol Unreachable";
                case 3 -> "Destination Port Unreachable";
                case 4 -> "Frag needed and DF set";
                case 9 -> "Destination Net Prohibited";
                case 10 -> "Destination Host Prohibited";
                case 13 -> "Packet filtered";
                default -> "Dest Unreachable, Bad Code: " + code;
            };
        }
        return "Bad ICMP type: " + type;
    }

    private void checkDone() {
        int answers = busybox ? received : received + errors;
        if (count > 0 && answers >= count) {
            finish();
        }
    }

    private void finish() {
        if (done()) {
            return;
        }
        int code = out.finish();
        print(out.text());
        exit(code);
    }

    /** Ctrl-C: the statistics, then the exit status they imply. */
    @Override
    public void stop() {
        if (out != null) {
            finish();
        } else {
            exit(130);
        }
    }

    @Override
    protected void release() {
        if (registered) {
            ns().unregisterIcmpListener(ident);
        }
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }
}
