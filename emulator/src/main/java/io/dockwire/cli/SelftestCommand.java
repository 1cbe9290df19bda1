package io.dockwire.cli;

import io.dockwire.l2.Bridge;
import io.dockwire.l2.BridgeTools;
import io.dockwire.link.NetDevice;
import io.dockwire.link.VethPair;
import io.dockwire.link.World;
import io.dockwire.sim.Simulator;
import io.dockwire.trace.AsyncCaptureSink;
import io.dockwire.trace.PcapngWriter;
import io.dockwire.wire.ArpRepr;
import io.dockwire.wire.FrameBuilder;
import io.dockwire.wire.Icmpv4Repr;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.MacAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds docker0 with two containers (veth pairs), plays one ARP exchange and one ping between
 * them as scripted frames, and writes every hop to a pcapng file: a check that the build, the
 * bridge and the capture pipeline work, runnable before any scenario exists.
 */
@Command(name = "selftest", description = "Writes a small capture: ARP + ping between two containers on docker0.")
final class SelftestCommand implements Runnable {
    @Option(names = {"-o", "--output"}, description = "pcapng file to write (default: ${DEFAULT-VALUE})",
            defaultValue = "out/selftest.pcapng")
    Path output;

    @Option(names = "--seed", description = "seed for every random choice (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PcapngWriter writer = openWriter();
        try (AsyncCaptureSink sink = new AsyncCaptureSink(writer)) {
            World world = new World(new Simulator(seed), sink);
            Bridge docker0 = new Bridge(world, "docker0");
            docker0.setMac(MacAddress.parse("02:42:9c:3e:51:0a"));
            VethPair c1 = container(world, docker0, "c1", "veth1a2b3c4", "172.17.0.2");
            VethPair c2 = container(world, docker0, "c2", "veth5d6e7f8", "172.17.0.3");
            play(world, c1.b(), c2.b());
            world.sim().runUntilQuiet();

            out.print(BridgeTools.brctlShow(List.of(docker0)));
            out.println();
            out.print(BridgeTools.fdbShow(docker0, world.now()));
            out.println();
            out.printf("%-16s %8s %8s %8s %8s%n", "device", "rx", "tx", "rxdrop", "txdrop");
            for (NetDevice d : world.devices()) {
                out.printf("%-16s %8d %8d %8d %8d%n", d.qualifiedName(), d.rxPackets(), d.txPackets(),
                        d.rxDropped(), d.txDropped());
            }
        }
        out.println("wrote " + output);
        out.flush();
    }

    private PcapngWriter openWriter() {
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return PcapngWriter.open(output, Main.version());
        } catch (IOException e) {
            throw new UserError("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    /** A container endpoint as Docker 27 makes it: MAC 02:42 + the IPv4 address. */
    private static VethPair container(World world, Bridge bridge, String ns, String hostSide, String ip) {
        VethPair pair = world.vethPair(hostSide, null, "eth0", ns);
        pair.b().setMac(0x0242_0000_0000L | (Ipv4Address.parse(ip) & 0xFFFF_FFFFL));
        bridge.addPort(pair.a());
        return pair;
    }

    private static void play(World world, NetDevice c1, NetDevice c2) {
        int ip1 = Ipv4Address.parse("172.17.0.2");
        int ip2 = Ipv4Address.parse("172.17.0.3");
        long mac1 = c1.mac();
        long mac2 = c2.mac();
        byte[] payload = new byte[56];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (0x10 + i);
        }
        long us = 1_000;
        world.transmitAt(c1, 1_000 * us, FrameBuilder.arp(MacAddress.BROADCAST, ArpRepr.request(mac1, ip1, ip2)));
        world.transmitAt(c2, 1_010 * us, FrameBuilder.arp(mac1, ArpRepr.reply(mac2, ip2, mac1, ip1)));
        world.transmitAt(c1, 1_020 * us, FrameBuilder.icmp(mac2, mac1, ip1, ip2, 64, 0x1c46,
                Icmpv4Repr.echoRequest(1, 1, payload)));
        world.transmitAt(c2, 1_030 * us, FrameBuilder.icmp(mac1, mac2, ip2, ip1, 64, 0x7e01,
                Icmpv4Repr.echoReply(1, 1, payload)));
    }
}
