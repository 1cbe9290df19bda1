package io.dockwire.tcp;

import io.dockwire.sim.SimRandom;
import io.dockwire.sim.Simulator;
import io.dockwire.wire.FrameSummary;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.TcpView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two TCP stacks joined by a wire with a fixed one-way delay, standing in for the IP layer.
 * Every segment sent is checked (TCP checksum over the pseudo-header; a bad one fails the test
 * at once) and, unless recording is
 * off, logged as a tcpdump line with the sender's time in ms, sequence numbers relative to each
 * direction's ISN and timestamps relative to each host's first TSval. Chosen segments can be
 * dropped by a predicate on that line.
 */
final class TestNet {
    static final int A = Ipv4Address.parse("10.0.0.1");
    static final int B = Ipv4Address.parse("10.0.0.2");
    static final long DELAY = 1_000_000L; // 1 ms one way

    final Simulator sim;
    final Host a;
    final Host b;
    final List<String> log = new ArrayList<>();
    boolean record = true;
    long badChecksums;
    private final List<Predicate<String>> dropOnce = new ArrayList<>();
    private final Map<String, Long> isn = new HashMap<>();
    private final Map<String, Long> firstTs = new HashMap<>();

    TestNet(long seed) {
        this(seed, new TcpConfig());
    }

    TestNet(long seed, TcpConfig config) {
        sim = new Simulator(seed);
        a = new Host(A);
        b = new Host(B);
        a.peer = b;
        b.peer = a;
        a.stack = new TcpStack(a, config);
        b.stack = new TcpStack(b, config);
    }

    /** Drops the first segment whose log line matches (the line is logged with " [dropped]"). */
    void dropOnce(Predicate<String> p) {
        dropOnce.add(p);
    }

    /** The log without the time column. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (String l : log) {
            out.add(l.substring(l.indexOf(' ') + 1));
        }
        return out;
    }

    final class Host implements TcpHost {
        final int addr;
        Host peer;
        TcpStack stack;
        final int channel;
        /** IP IDs of the segments this host sent, in order. */
        final List<Integer> ipIds = new ArrayList<>();
        /** The last IP packet this host sent (when recording), for ICMP quotes. */
        byte[] lastSent;
        /** The first packet with payload this host sent (when recording). */
        byte[] firstData;
        private final Ipv4View ipView = new Ipv4View();
        private final TcpView tcpView = new TcpView();
        int low = 32768;
        int high = 60999;
        boolean blackhole;

        Host(int addr) {
            this.addr = addr;
            this.channel = sim.addChannel((now, slot, arg) -> {
                byte[] buf = sim.pool().buf(slot);
                stack.input(buf, 0, sim.pool().len(slot), now);
                sim.pool().release(slot);
            });
        }

        @Override
        public int sendIp(int src, int dst, byte[] seg, int off, int len, int ipId, boolean confirmNeighbour, long now) {
            int slot = sim.pool().alloc(Ipv4View.HEADER_LENGTH + len);
            byte[] buf = sim.pool().buf(slot);
            Ipv4View ip = ipView.wrap(buf, 0, Ipv4View.HEADER_LENGTH + len);
            ip.versionIhl(4, 5).tos(0).totalLength(Ipv4View.HEADER_LENGTH + len).identification(ipId)
                    .flagsFragment(true, false, 0).ttl(64).protocol(Ipv4View.PROTO_TCP).src(src).dst(dst).fillChecksum();
            System.arraycopy(seg, off, buf, Ipv4View.HEADER_LENGTH, len);
            if (record) {
                ipIds.add(ipId);
                lastSent = java.util.Arrays.copyOf(buf, Ipv4View.HEADER_LENGTH + len);
                if (firstData == null && len > 32 + 12) {
                    firstData = lastSent;
                }
            }
            if (!tcpView.wrap(buf, Ipv4View.HEADER_LENGTH, len).verifyChecksum(src, dst)) {
                badChecksums++;
                throw new AssertionError("segment with a bad TCP checksum: " + relative(buf, Ipv4View.HEADER_LENGTH + len));
            }
            boolean dropped = false;
            if (record) {
                String line = relative(buf, Ipv4View.HEADER_LENGTH + len);
                for (int i = 0; i < dropOnce.size(); i++) {
                    if (dropOnce.get(i).test(line)) {
                        dropOnce.remove(i);
                        dropped = true;
                        line += " [dropped]";
                        break;
                    }
                }
                log.add(String.format("%d.%03d %s", now / 1_000_000, now / 1000 % 1000, line));
            }
            if (dropped || blackhole || dst != peer.addr) {
                sim.pool().release(slot);
            } else {
                sim.send(peer.channel, now + DELAY, slot, 0);
            }
            return 0;
        }

        @Override
        public int ephemeralLow() {
            return low;
        }

        @Override
        public int ephemeralHigh() {
            return high;
        }

        @Override
        public boolean isLocalAddress(int x) {
            return x == addr;
        }

        @Override
        public int sourceAddressFor(int dst) {
            return dst == peer.addr ? addr : 0;
        }

        @Override
        public Simulator sim() {
            return sim;
        }

        @Override
        public SimRandom random() {
            return sim.random();
        }
    }

    private static final Pattern LINE = Pattern.compile(
            "IP (\\S+)\\.(\\d+) > (\\S+)\\.(\\d+): Flags \\[([^\\]]*)\\](, seq (\\d+)(:(\\d+))?)?(, ack (\\d+))?(.*)");
    private static final Pattern TS = Pattern.compile("TS val (\\d+) ecr (\\d+)");
    private static final Pattern SACK = Pattern.compile("\\{(\\d+):(\\d+)\\}");

    /** tcpdump -S line from FrameSummary, then sequence numbers and timestamps made relative. */
    private String relative(byte[] ipPacket, int len) {
        byte[] frame = new byte[14 + len];
        frame[12] = 0x08;
        System.arraycopy(ipPacket, 0, frame, 14, len);
        String abs = FrameSummary.describe(frame);
        Matcher m = LINE.matcher(abs);
        if (!m.matches()) {
            return abs;
        }
        String fwd = m.group(1) + "." + m.group(2) + ">" + m.group(3) + "." + m.group(4);
        String rev = m.group(3) + "." + m.group(4) + ">" + m.group(1) + "." + m.group(2);
        String flags = m.group(5);
        StringBuilder sb = new StringBuilder();
        sb.append(m.group(1)).append('.').append(m.group(2)).append(" > ").append(m.group(3)).append('.')
                .append(m.group(4)).append(": Flags [").append(flags).append(']');
        if (m.group(7) != null) {
            long seq = Long.parseLong(m.group(7));
            if (flags.contains("S")) {
                isn.put(fwd, seq);
            }
            Long base = isn.get(fwd);
            sb.append(", seq ").append(rel(seq, base));
            if (m.group(9) != null) {
                sb.append(':').append(rel(Long.parseLong(m.group(9)), base));
            }
        }
        if (m.group(11) != null) {
            sb.append(", ack ").append(rel(Long.parseLong(m.group(11)), isn.get(rev)));
        }
        String rest = m.group(12);
        Matcher t = TS.matcher(rest);
        if (t.find()) {
            long val = Long.parseLong(t.group(1));
            long ecr = Long.parseLong(t.group(2));
            firstTs.putIfAbsent(fwd, val);
            String ecrText = ecr == 0 ? "0" : Long.toString(rel(ecr, firstTs.get(rev)));
            rest = rest.substring(0, t.start()) + "TS val " + rel(val, firstTs.get(fwd)) + " ecr " + ecrText
                    + rest.substring(t.end());
        }
        Matcher s = SACK.matcher(rest);
        StringBuilder r = new StringBuilder();
        while (s.find()) {
            Long base = isn.get(rev);
            s.appendReplacement(r, "{" + rel(Long.parseLong(s.group(1)), base) + ":"
                    + rel(Long.parseLong(s.group(2)), base) + "}");
        }
        s.appendTail(r);
        return sb.append(r).toString();
    }

    private static long rel(long v, Long base) {
        return base == null ? v : (v - base) & 0xFFFF_FFFFL;
    }
}
