package io.dockwire.export;

import io.dockwire.command.CommandResult;
import io.dockwire.conformance.CaptureDiff;
import io.dockwire.conformance.FrameNormalizer;
import io.dockwire.docker.Container;
import io.dockwire.scenario.ScenarioWorld;
import io.dockwire.scenario.WorldSpec;
import io.dockwire.scenario.Programs;
import io.dockwire.scenario.ScenarioLine;
import io.dockwire.scenario.ScenarioRunner;
import io.dockwire.trace.CapturedFrame;
import io.dockwire.trace.PcapReader;
import io.dockwire.trace.PcapngReader;
import io.dockwire.trace.PcapngWriter;
import io.dockwire.wire.ArpView;
import io.dockwire.wire.Bytes;
import io.dockwire.wire.EthernetFrame;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.MacAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs one scenario both ways - emulated, and as the exported script on this machine's kernel -
 * and compares the captures interface by interface after normalising both
 * ({@link FrameNormalizer}, {@link CaptureDiff}), then the Docker host's iptables counters.
 * Interfaces on which neither side saw a frame do not appear on either side.
 */
public final class Conformance {
    /** The real run must finish in this time (the script's own tools time out well before). */
    static final long SCRIPT_TIMEOUT_SECONDS = 300;

    private Conformance() {
    }

    /** What was compared and where the two sides disagree (empty lists: none). */
    public record Report(Map<String, Integer> framesPerInterface, List<CaptureDiff.Difference> frames,
                         List<String> counters, Allowances allowances) {
        /** No difference other than the scenario's declared ones. */
        public boolean equal() {
            return frames.stream().allMatch(d -> allowances.allowed(d.interfaceName()) != null)
                    && counters.stream().allMatch(c -> allowances.allowed(counterKind(c)) != null);
        }

        /** What a counter difference is allowed as: "nstat" or "iptables". */
        static String counterKind(String difference) {
            return difference.startsWith("nstat") ? "nstat" : "iptables";
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            framesPerInterface.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append(" frames\n"));
            for (CaptureDiff.Difference d : frames) {
                String why = allowances.allowed(d.interfaceName());
                sb.append(why == null ? "DIFF " : "ALLOWED (" + why + ") ").append(d).append('\n');
            }
            for (String c : counters) {
                String why = allowances.allowed(counterKind(c));
                sb.append(why == null ? "DIFF " : "ALLOWED (" + why + ") ").append(c).append('\n');
            }
            String verdict = !equal() ? "DIFFERENT" : frames.isEmpty() && counters.isEmpty() ? "equal"
                    : "equal but for the differences the scenario declares";
            return sb.append("conformance: ").append(verdict).append('\n').toString();
        }
    }

    /** Null when this machine can run exported scripts (root, ip netns, tcpdump); otherwise why not. */
    public static String unavailableReason() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!id.waitFor(10, TimeUnit.SECONDS) || !uid.equals("0")) {
                return "not root (uid " + uid + "): network namespaces cannot be created";
            }
            for (List<String> probe : List.of(List.of("ip", "netns", "list"), List.of("tcpdump", "--version"),
                    List.of("iptables", "--version"), List.of("python3", "--version"))) {
                Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return "'" + String.join(" ", probe) + "' does not work here";
                }
            }
            return null;
        } catch (IOException e) {
            return "cannot run system tools: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Both runs in {@code dir} (emulated/ and kernel/), then the comparison. */
    public static Report run(String scenario, List<ScenarioLine> lines, Allowances allowances, long seed,
                             Function<ScenarioWorld, Programs> programs, Path dir) throws IOException, InterruptedException {
        return run(scenario, lines, WorldSpec.DEFAULT, allowances, seed, programs, dir);
    }

    /** Both runs of the world {@code spec} describes in {@code dir} (emulated/ and kernel/), then the comparison. */
    public static Report run(String scenario, List<ScenarioLine> lines, WorldSpec spec, Allowances allowances, long seed,
                             Function<ScenarioWorld, Programs> programs, Path dir) throws IOException, InterruptedException {
        Path emu = dir.resolve("emulated");
        Path real = dir.resolve("kernel");
        Files.createDirectories(emu);
        Files.createDirectories(real);
        Emulated emulated = emulate(lines, spec, seed, programs, emu.resolve("capture.pcapng"));
        Path script = dir.resolve("export.sh");
        Files.writeString(script, LinuxExport.script(scenario, lines, seed, "conformance", spec));
        runScript(script, real);
        Map<String, List<byte[]>> left = CaptureDiff.byInterface(
                PcapngReader.readAll(Files.readAllBytes(emu.resolve("capture.pcapng"))));
        Frames frames = compareFrames(left, readKernel(real), allowances, true);
        List<String> counters = new ArrayList<>();
        compareCounters("iptables -L -n -v -x", emulated.filter(), real.resolve("iptables-filter.txt"), counters);
        compareCounters("iptables -t nat -L -n -v -x", emulated.nat(), real.resolve("iptables-nat.txt"), counters);
        compareNstat(emulated, real.resolve("nstat"), counters);
        return new Report(frames.counts(), frames.diffs(), counters, allowances);
    }

    /** Frames per interface (and what was set aside, counted) and the first difference on each. */
    record Frames(Map<String, Integer> counts, List<CaptureDiff.Difference> diffs) {
    }

    /**
     * Both sides' frames by interface, compared after setting aside what neither may be held to -
     * IGMP, and the unicast ARP probes the scenario declares - and normalising ({@link FrameNormalizer}).
     */
    static Frames compareFrames(Map<String, List<byte[]>> left, Map<String, List<byte[]>> right, Allowances allowances,
                                boolean echoIdAliases) {
        int igmp = dropIgmp(left) + dropIgmp(right);
        Map<String, Integer> probes = new TreeMap<>();
        for (String target : allowances.arpProbeTargets().keySet()) {
            byte[] t = null;
            if (!target.equals("*")) {
                t = new byte[4];
                Ipv4Address.write(t, 0, Ipv4Address.parse(target));
            }
            probes.put(target, dropArpProbes(left, t) + dropArpProbes(right, t));
        }
        Map<String, Integer> counts = new TreeMap<>();
        left.forEach((k, v) -> counts.put(k, v.size()));
        right.forEach((k, v) -> counts.putIfAbsent(k, 0));
        List<CaptureDiff.Difference> diffs = CaptureDiff.diff(
                CaptureDiff.normalise(left, new FrameNormalizer(echoIdAliases)),
                CaptureDiff.normalise(right, new FrameNormalizer(echoIdAliases)));
        if (igmp > 0) {
            counts.put("(IGMP frames not compared)", igmp);
        }
        for (Map.Entry<String, String> a : allowances.arpProbeTargets().entrySet()) {
            counts.put("(unicast ARP probes" + (a.getKey().equals("*") ? "" : " for " + a.getKey())
                    + " and their replies not compared: " + a.getValue() + ")", probes.get(a.getKey()));
        }
        return new Frames(counts, diffs);
    }

    /**
     * What the emulated run leaves to compare: the host's filter and nat listings and each
     * namespace's nstat output (the host as "host").
     */
    record Emulated(String filter, String nat, Map<String, String> nstat) {
    }

    /** The emulated run (as {@code dockwire run} does it). */
    static Emulated emulate(List<ScenarioLine> lines, WorldSpec spec, long seed, Function<ScenarioWorld, Programs> programs,
                            Path capture) throws IOException {
        PcapngWriter sink = PcapngWriter.open(capture, "conformance");
        ScenarioWorld host;
        try {
            host = new ScenarioWorld(seed, sink, spec);
            new ScenarioRunner(host, programs.apply(host), false).run(lines);
        } finally {
            sink.close();
        }
        CommandResult filter = host.kernel().exec(null, List.of("iptables", "-L", "-n", "-v", "-x"));
        CommandResult nat = host.kernel().exec(null, List.of("iptables", "-t", "nat", "-L", "-n", "-v", "-x"));
        List<String> namespaces = new ArrayList<>(List.of(Scope.HOST, "lan"));
        namespaces.addAll(ScenarioWorld.MACHINES);
        for (Container c : host.engine().containers()) {
            if (c.running() && !c.networkMode().equals("host") && host.kernel().find(c.netns()) != null) {
                namespaces.add(c.netns());
            }
        }
        Map<String, String> nstat = new TreeMap<>();
        for (String ns : namespaces) {
            nstat.put(ns, host.kernel().exec(ns.equals(Scope.HOST) ? null : ns, List.of("nstat", "-a", "-z")).stdout());
        }
        return new Emulated(filter.stdout(), nat.stdout(), nstat);
    }

    /**
     * Each namespace's Icmp, Tcp and Udp counters that the emulator keeps (io.dockwire.ip.Mib)
     * against the kernel's (a counter nstat does not print is 0). The Ip and IpExt groups are not
     * compared: a real bridge sends IGMP reports at random moments ({@link #dropIgmp}), some before
     * the captures start, and they count there as IP output and in every machine on the bridge as
     * IpInReceives (seen on the client and gw of scenario 03).
     */
    static void compareNstat(Emulated emulated, Path realDir, List<String> diffs) throws IOException {
        for (Map.Entry<String, String> e : emulated.nstat().entrySet()) {
            Path f = realDir.resolve(e.getKey() + ".txt");
            Map<String, Long> real = Files.exists(f) ? nstatValues(Files.readString(f)) : Map.of();
            List<String> differ = new ArrayList<>();
            nstatValues(e.getValue()).forEach((name, value) -> {
                long r = real.getOrDefault(name, 0L);
                if (r != value && !name.startsWith("Ip")) {
                    differ.add(name + " " + value + " vs " + r);
                }
            });
            if (!differ.isEmpty()) {
                diffs.add("nstat in " + e.getKey() + " (emulated vs kernel): " + String.join(", ", differ));
            }
        }
    }

    /** nstat's "NAME VALUE RATE" lines as NAME to VALUE. */
    static Map<String, Long> nstatValues(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String l : text.split("\n")) {
            String[] f = l.strip().split("\\s+");
            if (f.length >= 2 && !f[0].startsWith("#") && f[1].matches("\\d+")) {
                out.put(f[0], Long.parseLong(f[1]));
            }
        }
        return out;
    }

    static void runScript(Path script, Path out) throws IOException, InterruptedException {
        Path log = out.resolve("script.log");
        Process p = new ProcessBuilder("bash", script.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // SIGTERM lets the script's EXIT trap remove its namespaces.
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new IOException("the exported script did not finish in " + SCRIPT_TIMEOUT_SECONDS + " s; log: " + log);
        }
        if (p.exitValue() != 0) {
            throw new IOException("the exported script failed with status " + p.exitValue() + ":\n" + tail(log));
        }
    }

    /**
     * Removes IGMP frames; returns how many. Not compared: a real bridge joins 224.0.0.106
     * (all-snoopers) and reports it with IGMPv3 at random delays after it comes up, which a capture
     * started at a fixed moment catches or not; dockwire does not model IGMP (a known gap,
     * traces/CONFORMANCE.md).
     */
    static int dropIgmp(Map<String, List<byte[]>> frames) {
        int n = 0;
        for (List<byte[]> l : frames.values()) {
            int before = l.size();
            l.removeIf(Conformance::isIgmp);
            n += before - l.size();
        }
        frames.values().removeIf(List::isEmpty);
        return n;
    }

    /**
     * For {@code # conformance: allow-frames arp-probe}: removes, interface by interface, every
     * unicast ARP request (destination MAC not broadcast: Linux sends those only from a neighbour
     * entry in PROBE) and the first later ARP reply answering it (sender IP = the request's target
     * IP, target IP and MAC = the request's sender); returns how many frames went. Nothing else is
     * touched: broadcast requests and their replies stay compared, and with {@code target} (4 bytes,
     * from {@code arp-probe:A.B.C.D}) so do the probes asking for any other address.
     */
    static int dropArpProbes(Map<String, List<byte[]>> frames, byte[] target) {
        int n = 0;
        for (List<byte[]> l : frames.values()) {
            boolean[] drop = new boolean[l.size()];
            for (int i = 0; i < l.size(); i++) {
                byte[] q = l.get(i);
                if (drop[i] || arpOp(q) != ArpView.OP_REQUEST || EthernetFrame.dst(q, 0) == MacAddress.BROADCAST
                        || (target != null && arpIp(q, ArpView.TARGET_IP_OFFSET) != Ipv4Address.read(target, 0))) {
                    continue;
                }
                drop[i] = true;
                for (int j = i + 1; j < l.size(); j++) {
                    byte[] r = l.get(j);
                    if (!drop[j] && arpOp(r) == ArpView.OP_REPLY
                            && arpIp(r, ArpView.SENDER_IP_OFFSET) == arpIp(q, ArpView.TARGET_IP_OFFSET)
                            && arpIp(r, ArpView.TARGET_IP_OFFSET) == arpIp(q, ArpView.SENDER_IP_OFFSET)
                            && MacAddress.read(r, ARP + ArpView.TARGET_MAC_OFFSET)
                                    == MacAddress.read(q, ARP + ArpView.SENDER_MAC_OFFSET)) {
                        drop[j] = true;
                        break;
                    }
                }
            }
            int k = 0;
            for (int i = 0; i < l.size(); i++) {
                if (!drop[i]) {
                    l.set(k++, l.get(i));
                }
            }
            n += l.size() - k;
            l.subList(k, l.size()).clear();
        }
        frames.values().removeIf(List::isEmpty);
        return n;
    }

    /** Where an Ethernet frame's ARP packet starts. */
    private static final int ARP = EthernetFrame.HEADER_LENGTH;

    /** The ARP operation of an Ethernet/IPv4 ARP frame, or -1. */
    private static int arpOp(byte[] f) {
        if (f.length < ARP + ArpView.LENGTH || EthernetFrame.etherType(f, 0) != EthernetFrame.ETHERTYPE_ARP) {
            return -1;
        }
        return Bytes.u16(f, ARP + ArpView.OPERATION_OFFSET);
    }

    private static int arpIp(byte[] f, int field) {
        return Ipv4Address.read(f, ARP + field);
    }

    private static boolean isIgmp(byte[] f) {
        return f.length >= EthernetFrame.HEADER_LENGTH + Ipv4View.HEADER_LENGTH
                && EthernetFrame.etherType(f, 0) == EthernetFrame.ETHERTYPE_IPV4
                && Ipv4View.protocol(f, EthernetFrame.HEADER_LENGTH) == Ipv4View.PROTO_IGMP;
    }

    /** The kernel side's frames by the emulator's interface names (interfaces.tsv written by the script). */
    static Map<String, List<byte[]>> readKernel(Path dir) throws IOException {
        Map<String, List<byte[]>> out = new TreeMap<>();
        Path manifest = dir.resolve("interfaces.tsv");
        if (!Files.exists(manifest)) {
            return out;
        }
        for (String row : Files.readAllLines(manifest)) {
            String[] f = row.split("\t");
            if (f.length != 2 || !Files.exists(dir.resolve(f[1])) || Files.size(dir.resolve(f[1])) <= 24) {
                continue; // tcpdump never started, or saw nothing (a bare 24-byte header)
            }
            Path pcap = dir.resolve(f[1]);
            List<byte[]> frames = new ArrayList<>();
            for (CapturedFrame c : PcapReader.readAll(Files.readAllBytes(pcap))) {
                frames.add(c.data());
            }
            if (!frames.isEmpty()) {
                out.put(f[0], frames);
            }
        }
        return out;
    }

    private static void compareCounters(String what, String emulated, Path realFile, List<String> diffs)
            throws IOException {
        compareCounters(what, emulated, Files.readString(realFile), diffs);
    }

    /** The first line where two listings differ, blank runs and policy counters aside ({@link #squeeze}). */
    static void compareCounters(String what, String emulated, String real, List<String> diffs) {
        List<String> a = squeeze(emulated);
        List<String> b = squeeze(real);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : null;
            String y = i < b.size() ? b.get(i) : null;
            if (x == null || !x.equals(y)) {
                diffs.add(what + " line " + (i + 1) + ":\n  left:  " + x + "\n  right: " + y);
                return;
            }
        }
    }

    /**
     * Lines with runs of blanks as one space (column widths are not what is compared) and without
     * chain policy counters: iptables-nft shows them from nf_tables base-chain stats, which count
     * on Debian 12's 6.1 kernel (real-outputs.md) but stay 0 on the 6.18 CI kernel - kernel
     * dependent, so only the rules' own counters are compared.
     */
    static List<String> squeeze(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            String s = TranscriptNormalizer.POLICY.matcher(l.strip().replaceAll("\\s+", " ")).replaceAll("(policy $1)");
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String tail(Path log) throws IOException {
        List<String> l = Files.readAllLines(log);
        return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
    }
}
