package io.dockwire.ip;

import io.dockwire.command.CommandResult;
import io.dockwire.link.NetDevice;
import io.dockwire.sim.Simulator;
import io.dockwire.testing.RecordingSink;
import io.dockwire.wire.Checksum;
import io.dockwire.wire.FrameSummary;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;

import java.util.ArrayList;
import java.util.List;

/** Test fixture: an {@link Emulation} with a recording capture, built through {@code ip} argv. */
final class Net {
    static final long MS = 1_000_000L;
    static final long S = 1_000 * MS;

    final RecordingSink sink = new RecordingSink();
    final Emulation emu;
    final List<String> events = new ArrayList<>();

    Net(long seed) {
        emu = new Emulation(new Simulator(seed), sink);
        emu.world().setRootNamespaceName("dh");
    }

    Net() {
        this(1);
    }

    void ip(String line) {
        CommandResult r = emu.ipLine(line);
        if (r.exitCode() != 0) {
            throw new AssertionError("ip " + line + ": " + r.stderr());
        }
    }

    /** docker0 172.17.0.1/16 with containers c1 (.2), c2 (.3): MACs 02:42 + address, as Docker 27 sets them. */
    static Net docker(long seed, String... containers) {
        Net n = new Net(seed);
        n.ip("link add docker0 type bridge");
        n.ip("addr add 172.17.0.1/16 dev docker0");
        n.ip("link set docker0 up");
        int i = 2;
        for (String c : containers) {
            n.ip("netns add " + c);
            n.ip("link add veth" + c + " type veth peer name eth0 netns " + c);
            n.ip("link set veth" + c + " master docker0");
            n.ip("link set veth" + c + " up");
            n.ip("-n " + c + " link set lo up");
            n.ip("-n " + c + " link set eth0 address 02:42:ac:11:00:0" + i);
            n.ip("-n " + c + " link set eth0 up");
            n.ip("-n " + c + " addr add 172.17.0." + i + "/16 dev eth0");
            n.ip("-n " + c + " route add default via 172.17.0.1");
            i++;
        }
        return n;
    }

    /** a (10.0.1.2) -- r (10.0.1.1 | 10.0.2.1) -- b (10.0.2.2), plain veth links, r forwarding. */
    static Net routed(long seed, boolean forward) {
        Net n = new Net(seed);
        for (String s : new String[] {"a", "r", "b"}) {
            n.ip("netns add " + s);
            n.ip("-n " + s + " link set lo up");
        }
        n.ip("link add ra netns a type veth peer name eth0 netns r");
        n.ip("-n a link set ra name eth0");
        n.ip("link add rb netns b type veth peer name eth1 netns r");
        n.ip("-n b link set rb name eth0");
        n.ip("-n a link set eth0 address 02:00:00:00:01:02");
        n.ip("-n r link set eth0 address 02:00:00:00:01:01");
        n.ip("-n r link set eth1 address 02:00:00:00:02:01");
        n.ip("-n b link set eth0 address 02:00:00:00:02:02");
        for (String l : new String[] {"a eth0 10.0.1.2/24", "r eth0 10.0.1.1/24", "r eth1 10.0.2.1/24", "b eth0 10.0.2.2/24"}) {
            String[] p = l.split(" ");
            n.ip("-n " + p[0] + " link set " + p[1] + " up");
            n.ip("-n " + p[0] + " addr add " + p[2] + " dev " + p[1]);
        }
        n.ip("-n a route add default via 10.0.1.1");
        n.ip("-n b route add default via 10.0.2.1");
        n.ns("r").sysctls().set("net.ipv4.ip_forward", forward ? "1" : "0");
        return n;
    }

    NetNamespace ns(String name) {
        return emu.netns(name);
    }

    NetDevice dev(String ns, String name) {
        return ns(ns).device(name);
    }

    /** Listens for echo id {@code ident} in {@code ns}, logging replies and errors to {@link #events}. */
    void listen(String ns, int ident) {
        ns(ns).registerIcmpListener(ident, new IcmpListener() {
            @Override
            public void echoReply(NetNamespace n, byte[] buf, int l3, int len, long now) {
                int icmp = l3 + Ipv4View.headerLength(buf, l3);
                events.add(now + " " + ns + " reply from " + Ipv4Address.toString(Ipv4View.src(buf, l3)) + " seq "
                        + ((buf[icmp + 6] & 0xFF) << 8 | (buf[icmp + 7] & 0xFF)) + " ttl " + (buf[l3 + 8] & 0xFF));
            }

            @Override
            public void error(NetNamespace n, byte[] buf, int l3, int len, long now) {
                int icmp = l3 + Ipv4View.headerLength(buf, l3);
                events.add(now + " " + ns + " error " + buf[icmp] + "/" + buf[icmp + 1] + " from "
                        + Ipv4Address.toString(Ipv4View.src(buf, l3)));
            }
        });
    }

    /** Schedules an echo request (56 data bytes, DF, as iputils ping sends) from ns at time t. */
    void ping(String ns, String dst, int ident, int seq, int ttl, long t) {
        byte[] icmp = new byte[64];
        icmp[0] = 8;
        icmp[4] = (byte) (ident >>> 8);
        icmp[5] = (byte) ident;
        icmp[6] = (byte) (seq >>> 8);
        icmp[7] = (byte) seq;
        for (int i = 8; i < 64; i++) {
            icmp[i] = (byte) i;
        }
        int c = Checksum.compute(icmp, 0, 64);
        icmp[2] = (byte) (c >>> 8);
        icmp[3] = (byte) c;
        at(t, () -> {
            int rc = ns(ns).sendIp(0, Ipv4Address.parse(dst), 1, ttl, 0, true, 0x4000 + seq, icmp, 0, 64, t);
            if (rc != 0) {
                events.add(t + " " + ns + " send failed " + rc);
            }
        });
    }

    /** Runs {@code r} at simulated time t. */
    void at(long t, Runnable r) {
        int h = emu.sim().registerTimerHandler((now, kind, arg) -> r.run());
        emu.sim().schedule(t, h, 0, 0);
    }

    void run() {
        emu.sim().runUntilQuiet();
    }

    /** tcpdump-style lines seen on one capture interface ({@code c1:eth0}), with direction and TTL. */
    List<String> frames(String iface) {
        List<String> out = new ArrayList<>();
        for (RecordingSink.Frame f : sink.on(iface)) {
            String dir = f.direction() == 1 ? "in " : f.direction() == 2 ? "out" : "---";
            String s = FrameSummary.describe(f.bytes());
            if (s.startsWith("IP ")) {
                s += " ttl " + (f.bytes()[14 + 8] & 0xFF);
            }
            out.add(dir + " " + s);
        }
        return out;
    }

    /** Capture times relative to {@code t0}, in ms, for one interface. */
    List<Long> timesMs(String iface, long t0) {
        List<Long> out = new ArrayList<>();
        for (RecordingSink.Frame f : sink.on(iface)) {
            out.add((f.timeNs() - t0) / MS);
        }
        return out;
    }
}
