package io.dockwire.export;

import io.dockwire.docker.Profile;
import io.dockwire.scenario.DockerHost;
import io.dockwire.scenario.ScenarioLine;
import io.dockwire.scenario.ScenarioPrograms;
import io.dockwire.scenario.ScenarioRunner;
import io.dockwire.scenario.WorldSpec;
import io.dockwire.trace.CaptureSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    public record Report(List<Line> different, List<Line> notCompared, List<String> rules, int commands) {
        public boolean equal() {
            return different.isEmpty() && rules.isEmpty();
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
                sb.append(r);
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
    public static Report run(String scenario, List<ScenarioLine> lines, WorldSpec spec, long seed, Path dir)
            throws IOException, InterruptedException {
        WorldSpec world = spec.profile() == Profile.DOCKER_27 ? new WorldSpec(Profile.DOCKER_20_10, spec.bootSysctls()) : spec;
        Path emu = dir.resolve("emulated");
        Path real = dir.resolve("real");
        Files.createDirectories(emu);
        Files.createDirectories(real);
        DockerHost host = new DockerHost(seed, CaptureSink.NONE, world);
        ScenarioRunner runner = new ScenarioRunner(host, new ScenarioPrograms(host), false);
        List<String> outputs = new ArrayList<>();
        for (ScenarioLine line : lines) {
            int before = runner.transcript().length();
            runner.run(List.of(line));
            String t = runner.transcript().substring(before);
            outputs.add(t.substring(t.indexOf('\n') + 1)); // what follows the command's own line
        }
        Files.writeString(emu.resolve("transcript.txt"), runner.transcript());
        String filterS = host.kernel().exec(null, List.of("iptables", "-S")).stdout();
        String natS = host.kernel().exec(null, List.of("iptables", "-t", "nat", "-S")).stdout();
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
            String a = left.next(ForCommand.adjust(lines.get(i - 1), outputs.get(i - 1), false));
            String b = right.next(ForCommand.adjust(lines.get(i - 1), r, true));
            if (!a.equals(b)) {
                different.add(new Line(i, typed, a, b, null));
            }
        }
        List<String> rules = new ArrayList<>();
        compareRules("iptables -S", left.next(filterS), right.next(Files.readString(real.resolve("iptables-S.txt"))), rules);
        compareRules("iptables -t nat -S", left.next(natS), right.next(Files.readString(real.resolve("iptables-nat-S.txt"))),
                rules);
        return new Report(different, notCompared, rules, lines.size());
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
