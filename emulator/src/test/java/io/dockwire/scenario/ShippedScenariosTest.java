package io.dockwire.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.cli.Main;
import io.dockwire.testing.Tshark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import io.dockwire.trace.CapturedFrame;
import io.dockwire.trace.PcapngReader;
import io.dockwire.wire.EthernetFrame;
import io.dockwire.wire.FrameSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every scenario in {@code traces/scenarios} runs to the end, its transcript equals the golden
 * one in {@code traces/golden/NAME.txt} exactly, and its capture passes Wireshark's checks
 * (no malformed frames, no bad checksums, no expert errors). Golden files change only with
 * {@code -Ddockwire.regenerate=true}.
 */
class ShippedScenariosTest {
    static final Path TRACES = Path.of("..", "traces");
    static final boolean REGENERATE = Boolean.getBoolean("dockwire.regenerate");

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioMatchesItsGoldenTranscript() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(TRACES.resolve("scenarios"))) {
            files = s.filter(p -> p.toString().endsWith(".dw")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "scenarios found: " + files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path scenario) throws Exception {
        String name = scenario.getFileName().toString().replaceFirst("\\.dw$", "");
        Path out = Files.createTempDirectory("dockwire-" + name);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(stdout));
        cl.setErr(new PrintWriter(stderr));
        int rc = cl.execute("run", scenario.toString(), "--out=" + out);
        assertEquals(0, rc, name + ": " + stderr);
        Path golden = TRACES.resolve("golden").resolve(name + ".txt");
        if (REGENERATE || !Files.exists(golden)) {
            Files.writeString(golden, stdout.toString());
        }
        assertEquals(Files.readString(golden), stdout.toString(), name + " transcript differs from " + golden
                + " (regenerate with -Ddockwire.regenerate=true after checking the change)");
        Tshark.assertClean(out.resolve("capture.pcapng"));
        Map<String, List<String>> seen = summaries(out.resolve("capture.pcapng"));
        for (String[] e : EXPECTED_FRAMES.getOrDefault(name, List.of())) {
            List<String> on = seen.getOrDefault(e[1], List.of());
            boolean found = on.stream().anyMatch(l -> l.contains(e[2]));
            assertEquals(e[0].equals("sees"), found, name + ": " + e[1] + " " + e[0] + " '" + e[2] + "'; it saw:\n"
                    + String.join("\n", on));
        }
    }

    /**
     * What the tutorials say about where frames go, checked on the capture: {sees|never, interface,
     * text in the frame's one-line summary (TTL shown as "ttl N")}.
     */
    static final Map<String, List<String[]>> EXPECTED_FRAMES = Map.of(
            "01-docker0-containers", List.of(
                    new String[] {"sees", "c1:eth0", "ARP, Request who-has 172.17.0.3 tell 172.17.0.2"},
                    new String[] {"sees", "c2:eth0", "ttl 64 IP 172.17.0.2 > 172.17.0.3: ICMP echo request"},
                    new String[] {"never", "docker0", "ICMP echo request"}),
            "02-port-publishing", List.of(
                    new String[] {"sees", "eth0", "> 192.168.1.10.80: Flags [S]"},
                    new String[] {"sees", "docker0", "ttl 63 IP 192.168.1.20."},
                    new String[] {"sees", "web1:eth0", "> 172.17.0.2.80: Flags [S]"},
                    new String[] {"never", "web2:eth0", "192.168.1.20"}),
            "04-isolated-bridges", List.of(
                    new String[] {"sees", "a1:eth0", "IP 172.30.0.2 > 172.31.0.2: ICMP echo request"},
                    new String[] {"never", "b1:eth0", "IP 172.30.0.2 > 172.31.0.2"}),
            "08-masquerade-internet", List.of(
                    new String[] {"sees", "eth0", "ttl 63 IP 192.168.1.10 > 142.250.206.206: ICMP echo request"},
                    new String[] {"never", "eth0", "IP 172.17.0.2 >"},
                    new String[] {"sees", "alpine1:eth0", "IP 142.250.206.206 > 172.17.0.2: ICMP echo reply"},
                    new String[] {"sees", "docker0", "IP 172.17.0.1 > 172.17.0.2: ICMP time exceeded in-transit"}),
            "11-swarm-overlay", List.of(
                    // The echo crosses the LAN inside VXLAN: outer TTL 64, UDP to 4789 on the other host.
                    new String[] {"sees", "manager:eth0", "ttl 64 IP 192.168.1.10."},
                    new String[] {"sees", "manager:eth0", "> 192.168.1.11.4789: UDP"},
                    new String[] {"sees", "worker-1:eth0", "> 192.168.1.10.4789: UDP"},
                    new String[] {"sees", "alpine2:eth0", "IP 10.0.1.2 > 10.0.1.4: ICMP echo request"},
                    new String[] {"sees", "alpine1:eth0", "ARP, Reply 10.0.1.4 is-at 02:42:0a:00:01:04"},
                    // vxlan0 answers the containers' ARP (proxy): none crosses the LAN.
                    new String[] {"never", "manager:eth0", "who-has 10.0.1."},
                    new String[] {"never", "lan:br0", "10.0.1."}),
            "12-overlay-web", List.of(
                    // TCP over the overlay: the MSS is the overlay MTU's (1450 - 40).
                    new String[] {"sees", "web:eth0", "win 64860, options [mss 1410,"},
                    new String[] {"sees", "worker-1:eth0", "> 192.168.1.10.4789: UDP"},
                    // The published port goes through docker_gwbridge to the gateway endpoint.
                    new String[] {"sees", "worker-1:docker_gwbridge", "> 172.18.0.3.80: Flags [S]"},
                    new String[] {"sees", "web:eth1", "ttl 63 IP 192.168.1.20."}),
            "13-swarm-three-hosts", List.of(
                    // w2 reaches blue through the interface network connect gave it (eth2), and leaves it again.
                    new String[] {"sees", "w2:eth2", "IP 10.10.0.2 > 10.10.0.6: ICMP echo request"},
                    new String[] {"sees", "worker-2:eth0", "> 192.168.1.12.4789: UDP"},
                    new String[] {"never", "w2:eth0", "10.10.0."}),
            "14-overlay-ip-and-errors", List.of(
                    // g1 asked for 10.20.0.50 and has it; b1 reaches green through its second interface.
                    new String[] {"sees", "g1:eth0", "IP 10.20.0.4 > 10.20.0.50: ICMP echo request"},
                    new String[] {"sees", "b1:eth1", "IP 10.20.0.4 > 10.20.0.3: ICMP echo request"}));

    /** Per interface, "ttl N " + tcpdump-style summary of each frame (ttl only for IPv4). */
    static Map<String, List<String>> summaries(Path capture) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        for (CapturedFrame f : PcapngReader.readAll(Files.readAllBytes(capture))) {
            byte[] b = f.data();
            String ttl = b.length > 34 && EthernetFrame.etherType(b, 0) == EthernetFrame.ETHERTYPE_IPV4
                    ? "ttl " + (b[22] & 0xFF) + " " : "";
            out.computeIfAbsent(f.interfaceName(), k -> new ArrayList<>()).add(ttl + FrameSummary.describe(b));
        }
        return out;
    }
}
