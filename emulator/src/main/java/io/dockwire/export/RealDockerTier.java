package io.dockwire.export;

import io.dockwire.docker.Profile;
import io.dockwire.scenario.DockerNode;
import io.dockwire.scenario.ScenarioWorld;
import io.dockwire.scenario.ScenarioLine;
import io.dockwire.scenario.ScenarioPrograms;
import io.dockwire.scenario.ScenarioRunner;
import io.dockwire.scenario.WorldSpec;
import io.dockwire.trace.CaptureSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.dockwire.conformance.CaptureDiff;
import io.dockwire.trace.PcapngReader;

/**
 * The real-Docker tier ({@code dockwire export --docker-real --compare DIR SCENARIO}): the scenario
 * runs emulated under the docker-20.10 profile and as a {@link RealDocker} script against a real
 * dockerd 20.10 on this machine; what each command printed is compared after
 * {@link TranscriptNormalizer}, then the host's {@code iptables -S} and {@code iptables -t nat -S}.
 * A command the real side could not run as written is listed with its reason, not compared.
 */
public final class RealDockerTier {
    private RealDockerTier() {
    }

    /** One command whose outputs differ (normalised), or one the real side did not compare. */
    public record Line(int index, String typed, String emulated, String real, String skipped) {
    }

    /** The comparison: differing commands, commands not compared, and rule listings that differ. */
    public record Report(List<Line> different, List<Line> notCompared, List<String> rules, int commands,
                         Conformance.Frames frames) {
        public boolean equal() {
            return different.isEmpty() && rules.isEmpty() && frames.diffs().isEmpty();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append("commands: ").append(commands).append(", compared: ").append(commands - notCompared.size())
                    .append(", different: ").append(different.size()).append('\n');
            for (Line l : notCompared) {
                sb.append("NOT COMPARED #").append(l.index()).append(' ').append(l.typed()).append(": ")
                        .append(l.skipped().strip().replace("\n", "; ")).append('\n');
            }
            for (Line l : different) {
                sb.append("DIFF #").append(l.index()).append(' ').append(l.typed()).append('\n');
                sb.append(firstDifference(l.emulated(), l.real()));
            }
            for (String r : rules) {
                sb.append(r.startsWith("DIFF ") ? r : "DIFF " + r + "\n");
            }
            frames.counts().forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append(" frames\n"));
            for (CaptureDiff.Difference d : frames.diffs()) {
                sb.append("DIFF ").append(d.interfaceName()).append(" frame #").append(d.frameIndex() + 1).append(":\n")
                        .append("  left:  ").append(d.left() == null ? "(none)" : d.left()).append('\n')
                        .append("  right: ").append(d.right() == null ? "(none)" : d.right()).append('\n');
            }
            return sb.append("real docker: ").append(equal() ? "equal" : "DIFFERENT").append('\n').toString();
        }
    }

    /** Null when this machine can run the tier (root, ip netns, dockerd, the 20.10 CLI); otherwise why not. */
    public static String unavailableReason() {
        String why = Conformance.unavailableReason();
        if (why != null) {
            return why;
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/dockerd")) && !Files.isExecutable(Path.of("/usr/bin/dockerd"))) {
            return "no dockerd (apt-get install docker.io)";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/docker"))) {
            return "no /usr/bin/docker (apt-get install docker.io)";
        }
        return null;
    }

    /**
     * Runs both sides into {@code dir} ({@code emulated/}, {@code real/}) and compares them. The
     * emulated side is the docker-20.10 profile unless {@code spec} names another version than the
     * default (the real daemon is 20.10 either way).
     */
    public static Report run(String scenario, List<ScenarioLine> lines, WorldSpec spec, Allowances allowances, long seed,
                             Path dir) throws IOException, InterruptedException {
        WorldSpec world = spec.profile() == Profile.DOCKER_27 ? new WorldSpec(Profile.DOCKER_20_10, spec.bootSysctls(), spec.dockerHosts()) : spec;
        Path emu = dir.resolve("emulated");
        Path real = dir.resolve("real");
        Files.createDirectories(emu);
        Files.createDirectories(real);
        io.dockwire.trace.PcapngWriter sink = io.dockwire.trace.PcapngWriter.open(emu.resolve("capture.pcapng"), "real-docker");
        ScenarioWorld host = new ScenarioWorld(seed, sink, world);
        ScenarioRunner runner = new ScenarioRunner(host, new ScenarioPrograms(host), false);
        List<String> outputs = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        java.util.Set<Integer> webPorts = new java.util.TreeSet<>();
        // As dockwire run runs it (one run, typing time between lines, timers going on): each line's
        // output is what the transcript gained by the time the runner reports the line done.
        List<Integer> ends = new ArrayList<>();
        runner.setProgress(msg -> {
            ends.add(runner.transcript().length());
            canonicalNames(host, names, webPorts);
        });
        try {
            runner.run(lines);
        } finally {
            sink.close();
        }
        String transcript = runner.transcript();
        for (int i = 0; i < ends.size(); i++) {
            String t = transcript.substring(i == 0 ? 0 : ends.get(i - 1), ends.get(i));
            outputs.add(t.substring(t.indexOf('\n') + 1)); // what follows the command's own line
        }
        Files.writeString(emu.resolve("transcript.txt"), runner.transcript());
        Path script = dir.resolve("real-docker.sh");
        Files.writeString(script, RealDocker.script(scenario, lines, world, seed, "real-docker"));
        Conformance.runScript(script, real);

        TranscriptNormalizer left = new TranscriptNormalizer();
        TranscriptNormalizer right = new TranscriptNormalizer();
        List<Line> different = new ArrayList<>();
        List<Line> notCompared = new ArrayList<>();
        for (int i = 1; i <= lines.size(); i++) {
            String typed = ScenarioRunner.typed(lines.get(i - 1).context(), lines.get(i - 1).argv());
            Path skip = real.resolve("t/" + i + ".skip");
            if (Files.exists(skip)) {
                notCompared.add(new Line(i, typed, null, null, Files.readString(skip)));
                continue;
            }
            Path out = real.resolve("t/" + i + ".out");
            String r = Files.exists(out) ? Files.readString(out) : "(the real side did not run this command)\n";
            ScenarioLine line = lines.get(i - 1);
            boolean hostView = line.context().kind() == io.dockwire.scenario.Context.Kind.HOST
                    || (line.context().kind() == io.dockwire.scenario.Context.Kind.CONTAINER && line.context().name() != null
                    && host.nodes().stream().map(n -> n.engine().findContainer(line.context().name()))
                            .anyMatch(c -> c != null && c.networkMode().equals("host")));
            String a = left.next(ForCommand.adjust(line, outputs.get(i - 1), false, hostView));
            String b = right.next(ForCommand.adjust(line, r, true, hostView));
            if (!a.equals(b)) {
                different.add(new Line(i, typed, a, b, null));
            }
        }
        Map<String, List<byte[]>> emulatedFrames = new java.util.TreeMap<>();
        CaptureDiff.byInterface(PcapngReader.readAll(Files.readAllBytes(emu.resolve("capture.pcapng"))))
                .forEach((name, f) -> {
                    String canonical = names.getOrDefault(name, name);
                    if (!canonical.isEmpty()) {
                        emulatedFrames.computeIfAbsent(canonical, k -> new ArrayList<>()).addAll(f);
                    }
                });
        Map<String, List<byte[]>> realFrames = Conformance.readKernel(real);
        int web = dropWeb(emulatedFrames, webPorts) + dropWeb(realFrames, webPorts);
        int control = 0;
        if (host.nodes().size() > 1) {
            java.util.Set<Integer> hosts = ControlPlane.addresses(host.nodes().stream().map(DockerNode::address).toList());
            control = ControlPlane.drop(emulatedFrames, hosts) + ControlPlane.drop(realFrames, hosts);
        }
        // Echo ids are BusyBox ping's pid on the real side, equal across containers' pid namespaces.
        Conformance.Frames frames = Conformance.compareFrames(emulatedFrames, realFrames, allowances, false);
        if (web > 0) {
            frames.counts().put("(TCP to the stand-in web servers not compared, nor the final rule counters: busybox httpd"
                    + " answers with other headers in other segments)", web);
        }
        if (control > 0) {
            frames.counts().put("(the swarm's control plane not compared: TCP 2377, TCP/UDP 7946 and ICMP errors about"
                    + " them, ARP between Docker hosts; nor the counters of the nat rules its connections cross, ADDRTYPE LOCAL)", control);
        }
        List<String> rules = new ArrayList<>();
        for (int h = 0; h < host.nodes().size(); h++) {
            DockerNode node = host.nodes().get(h);
            String on = host.nodes().size() > 1 ? " on " + node.name() : "";
            String file = RealDockerText.rulesPrefix(h, Scope.key(node.namespace())) + "iptables-";
            compareRules("iptables -S" + on, left.next(node.kernel().exec(node.namespace(), List.of("iptables", "-S")).stdout()),
                    right.next(Files.readString(real.resolve(file + "S.txt"))), rules);
            compareRules("iptables -t nat -S" + on,
                    left.next(node.kernel().exec(node.namespace(), List.of("iptables", "-t", "nat", "-S")).stdout()),
                    right.next(Files.readString(real.resolve(file + "nat-S.txt"))), rules);
            for (String table : web > 0 ? List.<String>of() : List.of("filter", "nat")) {
                // Not when frames to the stand-in web servers were set aside: busybox httpd writes its
                // headers and its page in two segments, so the rules those flows cross count other packets.
                String what = "iptables" + (table.equals("nat") ? " -t nat" : "") + " -L -n -v -x";
                List<String> argv = new ArrayList<>(List.of("iptables", "-t", table, "-L", "-n", "-v", "-x"));
                String a = node.kernel().exec(node.namespace(), argv).stdout();
                String b = Files.readString(real.resolve(file + table + ".txt"));
                if (host.nodes().size() > 1) { // the control plane runs whether or not anything was captured
                    a = ControlPlane.LOCAL_COUNTERS.matcher(a).replaceAll("- -$1");
                    b = ControlPlane.LOCAL_COUNTERS.matcher(b).replaceAll("- -$1");
                }
                Conformance.compareCounters(what + on + " at the end", left.next(a), right.next(b), rules);
            }
        }
        return new Report(different, notCompared, rules, lines.size(), frames);
    }

    /**
     * Capture names as both sides can give them: docker0 and a container's {@code NAME:IF} as they
     * are, a user-defined bridge as {@code br:NETWORK}, a host-side veth as {@code veth:NAME:IF}
     * (the real ones have other random names); and the host and container ports of web images,
     * whose stand-ins answer with other bytes.
     */
    private static void canonicalNames(ScenarioWorld host, Map<String, String> names, java.util.Set<Integer> webPorts) {
        if (host.nodes().size() > 1) {
            HostNames.canonical(host, names);
            for (DockerNode node : host.nodes()) {
                webPorts(node.engine(), webPorts);
            }
            return;
        }
        io.dockwire.link.World w = host.kernel().emulation().world();
        for (io.dockwire.docker.Network n : host.engine().networks()) {
            if (n.bridge() != null && !n.bridge().equals("docker0")) {
                names.put(n.bridge(), "br:" + n.name());
            }
        }
        for (io.dockwire.link.NetDevice d : w.devices()) {
            if (d.namespace() == null && d instanceof io.dockwire.link.Veth v && v.peer() != null
                    && v.peer().namespace() != null && !v.peer().namespace().equals("lan")) {
                names.put(d.name(), "veth:" + w.captureName(v.peer()));
            }
        }
        webPorts(host.engine(), webPorts);
    }

    private static void webPorts(io.dockwire.docker.DockerEngine engine, java.util.Set<Integer> webPorts) {
        for (io.dockwire.docker.Container c : engine.containers()) {
            if (io.dockwire.apps.Site.forImage(c.image().reference()) != null) {
                webPorts.add(io.dockwire.apps.Site.forImage(c.image().reference()).port());
                c.ports().forEach(p -> webPorts.add(p.hostPort()));
            }
        }
    }

    /** Sets aside TCP frames from or to a web port, also inside VXLAN; returns how many. */
    private static int dropWeb(Map<String, List<byte[]>> frames, java.util.Set<Integer> ports) {
        int n = 0;
        for (List<byte[]> list : frames.values()) {
            int before = list.size();
            list.removeIf(f -> isWeb(f, 0, ports));
            n += before - list.size();
        }
        return n;
    }

    /** Whether the Ethernet frame at {@code eth} is TCP from or to a web port (or carries one in VXLAN). */
    private static boolean isWeb(byte[] f, int eth, java.util.Set<Integer> ports) {
        int ip = eth + 14;
        if (f.length < ip + 20 + 4 || io.dockwire.wire.EthernetFrame.etherType(f, eth) != 0x0800) {
            return false;
        }
        int l4 = ip + io.dockwire.wire.Ipv4View.headerLength(f, ip);
        if (f.length < l4 + 4) {
            return false;
        }
        int proto = io.dockwire.wire.Ipv4View.protocol(f, ip);
        if (proto == io.dockwire.wire.Ipv4View.PROTO_UDP && io.dockwire.wire.Bytes.u16(f, l4 + 2) == 4789) {
            return isWeb(f, l4 + 8 + 8, ports);
        }
        return proto == io.dockwire.wire.Ipv4View.PROTO_TCP
                && (ports.contains(io.dockwire.wire.Bytes.u16(f, l4)) || ports.contains(io.dockwire.wire.Bytes.u16(f, l4 + 2)));
    }

    private static void compareRules(String what, String emulated, String real, List<String> out) {
        if (!emulated.equals(real)) {
            out.add("DIFF " + what + " at the end\n" + firstDifference(emulated, real));
        }
    }


    /** The first line that differs, with the line before it, as "left:" (emulated) and "right:" (real). */
    static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int i = 0;
        while (i < x.length && i < y.length && x[i].equals(y[i])) {
            i++;
        }
        StringBuilder sb = new StringBuilder();
        if (i > 0) {
            sb.append("  same:  ").append(x[i - 1]).append('\n');
        }
        sb.append("  left:  ").append(i < x.length ? x[i] : "(end)").append('\n');
        sb.append("  right: ").append(i < y.length ? y[i] : "(end)").append('\n');
        return sb.toString();
    }
}
