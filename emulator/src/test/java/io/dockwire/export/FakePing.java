package io.dockwire.export;

import io.dockwire.docker.Container;
import io.dockwire.ip.CommandResult;
import io.dockwire.ip.NetNamespace;
import io.dockwire.scenario.DockerHost;
import io.dockwire.scenario.Programs;
import io.dockwire.wire.Checksum;
import io.dockwire.wire.Ipv4Address;
import java.util.List;

/**
 * A stand-in for the emulator's ping while the real one is not wired into the scenario runner:
 * {@code ping -c N ADDR} sends N iputils-style echo requests (56 bytes of data, DF, TTL 64) one
 * second apart from the emulated stack and waits like ping for the last reply. Only what the
 * conformance test needs to compare the kernel path (ARP, bridging, echo replies) end to end.
 */
final class FakePing implements Programs {
    private static final int IDENT = 0x3a2b;

    @Override
    public CommandResult run(DockerHost host, String ns, Container container, List<String> argv) {
        if (!argv.get(0).equals("ping") || argv.size() != 4 || !argv.get(1).equals("-c")) {
            return null;
        }
        int count = Integer.parseInt(argv.get(2));
        int dst = Ipv4Address.parse(argv.get(3));
        NetNamespace n = ns == null ? host.kernel().emulation().root() : host.kernel().emulation().netns(ns);
        long start = host.sim().now();
        for (int seq = 1; seq <= count; seq++) {
            byte[] icmp = request(seq);
            int h = host.sim().registerTimerHandler((now, kind, arg) -> n.sendIp(0, dst, 1, 64, true, icmp, 0, icmp.length, now));
            host.sim().schedule(start + (seq - 1) * 1_000_000_000L, h, 0, 0);
        }
        host.sim().runUntil(start + (count - 1) * 1_000_000_000L + 10_000_000L);
        return new CommandResult("", "", 0);
    }

    private static byte[] request(int seq) {
        byte[] icmp = new byte[64];
        icmp[0] = 8;
        icmp[4] = (byte) (IDENT >>> 8);
        icmp[5] = (byte) IDENT;
        icmp[6] = (byte) (seq >>> 8);
        icmp[7] = (byte) seq;
        for (int i = 8; i < 64; i++) {
            icmp[i] = (byte) i;
        }
        int c = Checksum.compute(icmp, 0, 64);
        icmp[2] = (byte) (c >>> 8);
        icmp[3] = (byte) c;
        return icmp;
    }

    @Override
    public List<String> names() {
        return List.of("ping (test stand-in)");
    }
}
