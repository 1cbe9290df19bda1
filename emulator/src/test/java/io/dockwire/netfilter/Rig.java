package io.dockwire.netfilter;

import io.dockwire.command.CommandResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Docker 27 host of real-outputs.md as netfilter sees it, with the packet paths the IP stack
 * will drive: forwarded (PREROUTING, FORWARD, POSTROUTING), local out (OUTPUT, POSTROUTING) and
 * local in (PREROUTING, INPUT).
 */
final class Rig {
    static final int LO = 1;
    static final int ETH0 = 2;
    static final int DOCKER0 = 3;
    static final int BR_A = 4;
    static final int BR_B = 5;

    final FakeHost host = new FakeHost()
            .iface(LO, "lo", "127.0.0.1")
            .iface(ETH0, "eth0", "192.168.1.10")
            .iface(DOCKER0, "docker0", "172.17.0.1")
            .iface(BR_A, "br-aaaaaaaaaaaa", "172.18.0.1")
            .iface(BR_B, "br-bbbbbbbbbbbb", "172.19.0.1");
    final Netfilter nf;
    final IptablesCommand ipt;
    final NfPacket pkt = new NfPacket();
    long now = 1_000_000_000L;

    Rig() {
        this(Netfilter.DEFAULT_CONNTRACK_MAX);
    }

    Rig(int conntrackMax) {
        nf = new Netfilter(host, conntrackMax);
        ipt = new IptablesCommand(nf, () -> "Wed Nov 25 12:26:35 2026");
    }

    /** Loads the Docker 27 rule set from the real `iptables -S` / `-t nat -S` dumps. */
    Rig docker27() {
        load("filter", resource("docker27-filter.S"));
        load("nat", resource("docker27-nat.S"));
        nf.setBridgeNfCallIptables(true);
        return this;
    }

    void load(String table, String rules) {
        for (String line : rules.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            CommandResult r = ipt.runLine("iptables -t " + table + " " + line);
            if (r.exitCode() != 0) {
                throw new AssertionError(line + " -> " + r);
            }
        }
    }

    String run(String line) {
        CommandResult r = ipt.runLine(line);
        if (r.exitCode() != 0) {
            throw new AssertionError(line + " -> " + r);
        }
        return r.stdout();
    }

    static String resource(String name) {
        try (InputStream in = Rig.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource, name=" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Verdict forward(byte[] b, int in, int out) {
        pkt.wrap(b, 0, b.length);
        Verdict v = nf.hook(Hook.PREROUTING, pkt, in, 0, now);
        if (v != Verdict.ACCEPT) {
            return v;
        }
        v = nf.hook(Hook.FORWARD, pkt, in, out, now);
        if (v != Verdict.ACCEPT) {
            return v;
        }
        return nf.hook(Hook.POSTROUTING, pkt, 0, out, now);
    }

    /** A frame bridge {@code dev} forwards, through br_netfilter's pass ({@link Netfilter#bridge}). */
    Verdict bridge(byte[] b, int dev, boolean csumPartial) {
        pkt.wrap(b, 0, b.length);
        pkt.csumPartial(csumPartial);
        Verdict v = nf.bridge(pkt, dev, now);
        pkt.release();
        return v;
    }

    Verdict localOut(byte[] b, int out) {
        pkt.wrap(b, 0, b.length);
        Verdict v = nf.hook(Hook.OUTPUT, pkt, 0, out, now);
        if (v != Verdict.ACCEPT) {
            return v;
        }
        return nf.hook(Hook.POSTROUTING, pkt, 0, out, now);
    }

    Verdict localIn(byte[] b, int in) {
        pkt.wrap(b, 0, b.length);
        Verdict v = nf.hook(Hook.PREROUTING, pkt, in, 0, now);
        if (v != Verdict.ACCEPT) {
            return v;
        }
        return nf.hook(Hook.INPUT, pkt, in, 0, now);
    }

    /** PREROUTING only, then the stack drops it (TTL exceeded) and releases the packet. */
    Verdict preroutingThenDropped(byte[] b, int in) {
        pkt.wrap(b, 0, b.length);
        Verdict v = nf.hook(Hook.PREROUTING, pkt, in, 0, now);
        pkt.release();
        return v;
    }

    void advanceSeconds(double s) {
        now += (long) (s * 1e9);
    }
}
