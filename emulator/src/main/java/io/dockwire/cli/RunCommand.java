package io.dockwire.cli;

import io.dockwire.link.DropReason;
import io.dockwire.link.NetDevice;
import io.dockwire.scenario.ScenarioWorld;
import io.dockwire.scenario.ScenarioPrograms;
import io.dockwire.scenario.ScenarioException;
import io.dockwire.scenario.ScenarioLine;
import io.dockwire.scenario.ScenarioParser;
import io.dockwire.scenario.ScenarioRunner;
import io.dockwire.scenario.WorldSpec;
import io.dockwire.trace.AsyncCaptureSink;
import io.dockwire.trace.CaptureSink;
import io.dockwire.trace.PcapDirectorySink;
import io.dockwire.trace.PcapngWriter;
import io.dockwire.trace.TeeSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dockwire run SCENARIO}: replays a scenario against the emulated Docker host. stdout is
 * the transcript; DIR gets capture.pcapng, transcript.txt and summary.json (and per-interface
 * .pcap files on request). Whatever stops a run, the capture written so far stays valid.
 */
@Command(name = "run", description = "Replays a scenario (.dw) and writes the capture, transcript and summary.")
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "the scenario file (.dw)")
    Path scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: out/<scenario name>/)")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "seed for every random choice (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--pcap-per-interface", description = "also write one classic pcap file per interface")
    boolean pcapPerInterface;

    @Option(names = "--strict", description = "stop at the first command that fails")
    boolean strict;

    @Option(names = "--trace", description = "print every packet's path through iptables (TRACE lines) in the transcript")
    boolean trace;

    @Option(names = "--docker", paramLabel = "VERSION", description = "the Docker engine version to emulate "
            + "(20.10 or 27.2; default 27.2; wins over a '# dockwire: docker VERSION' line)")
    String docker;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        String name = scenario.getFileName().toString().replaceFirst("\\.dw$", "");
        Path dir = out != null ? out : Path.of("out", name);
        List<ScenarioLine> lines;
        WorldSpec world;
        try {
            lines = ScenarioParser.parse(scenario);
            world = WorldSpec.of(scenario.getFileName().toString(), Files.readString(scenario), lines, docker);
        } catch (NoSuchFileException e) {
            throw new UserError("no such scenario file: " + scenario);
        } catch (IOException e) {
            throw new UserError("cannot read " + scenario + ": " + e.getMessage(), e);
        } catch (ScenarioException e) {
            stderr.println(e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        CaptureSink sink = openSinks(dir);
        ScenarioRunner runner = null;
        ScenarioWorld host = null;
        int rc = 0;
        try {
            host = new ScenarioWorld(seed, sink, world);
            host.kernel().setTrace(trace);
            runner = new ScenarioRunner(host, new ScenarioPrograms(host), strict);
            if (System.console() != null) {
                // An interactive terminal: one updating status line on stderr (never in the transcript).
                runner.setProgress(msg -> {
                    stderr.print("\r" + msg + "\u001b[K");
                    stderr.flush();
                });
            }
            runner.run(lines);
        } catch (ScenarioException e) {
            clearProgress(stderr);
            stderr.println(e.getMessage());
            rc = 1;
        } finally {
            try {
                sink.close();
            } catch (IllegalStateException e) { // the writer thread failed (a full disk, a file it could not create)
                stderr.println("dockwire: writing the capture failed: " + rootMessage(e));
                rc = 1;
            }
            clearProgress(stderr);
        }
        String transcript = runner == null ? "" : runner.transcript();
        stdout.print(transcript);
        stdout.flush();
        write(dir.resolve("transcript.txt"), transcript);
        if (host != null) {
            write(dir.resolve("summary.json"), summary(name, host, runner));
        }
        return rc;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static void clearProgress(PrintWriter stderr) {
        if (System.console() != null) {
            stderr.print("\r\u001b[K");
            stderr.flush();
        }
    }

    private CaptureSink openSinks(Path dir) {
        try {
            Files.createDirectories(dir);
            CaptureSink pcapng = PcapngWriter.open(dir.resolve("capture.pcapng"), Main.version());
            CaptureSink sink = pcapPerInterface ? new TeeSink(pcapng, new PcapDirectorySink(dir.resolve("pcap"))) : pcapng;
            return new AsyncCaptureSink(sink);
        } catch (IOException e) {
            throw new UserError("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Machine-readable figures: per-interface counters with drops by reason, the host's iptables
     * rules with their counters ({@code iptables-save -c} lines), simulated duration, commands.
     */
    static String summary(String name, ScenarioWorld host, ScenarioRunner runner) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"scenario\": ").append(json(name)).append(",\n");
        sb.append("  \"docker\": ").append(json(host.engine().profile().version())).append(",\n");
        if (host.nodes().size() > 1) {
            sb.append("  \"docker_hosts\": [");
            for (int i = 0; i < host.nodes().size(); i++) {
                io.dockwire.scenario.DockerNode n = host.nodes().get(i);
                sb.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(json(n.name()))
                        .append(", \"address\": ").append(json(n.address())).append(", \"iptables\": [");
                // Each host's rules with their counters (host_iptables below is the first host's).
                appendRules(sb, host.kernel().exec(n.namespace(), List.of("iptables-save", "-c")).stdout(), "      ");
                sb.append("\n    ]}");
            }
            sb.append("\n  ],\n");
        }
        sb.append("  \"simulated_ns\": ").append(host.sim().now()).append(",\n");
        sb.append("  \"events\": ").append(host.sim().eventCount()).append(",\n");
        sb.append("  \"commands\": ").append(runner == null ? 0 : runner.commands()).append(",\n");
        sb.append("  \"failed_commands\": ").append(runner == null ? 0 : runner.failures()).append(",\n");
        sb.append("  \"interfaces\": [");
        boolean first = true;
        for (NetDevice d : host.kernel().emulation().world().devices()) {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("    {\"name\": ").append(json(host.kernel().emulation().world().captureName(d)))
                    .append(", \"ifindex\": ").append(d.ifindex())
                    .append(", \"rx_packets\": ").append(d.rxPackets()).append(", \"rx_bytes\": ").append(d.rxBytes())
                    .append(", \"tx_packets\": ").append(d.txPackets()).append(", \"tx_bytes\": ").append(d.txBytes())
                    .append(", \"rx_dropped\": ").append(d.rxDropped()).append(", \"tx_dropped\": ").append(d.txDropped());
            for (DropReason r : DropReason.values()) {
                String key = r.name().toLowerCase(java.util.Locale.ROOT);
                if (d.rxDropped(r) > 0) {
                    sb.append(", \"rx_dropped_").append(key).append("\": ").append(d.rxDropped(r));
                }
                if (d.txDropped(r) > 0) {
                    sb.append(", \"tx_dropped_").append(key).append("\": ").append(d.txDropped(r));
                }
            }
            sb.append('}');
        }
        sb.append("\n  ],\n  \"host_iptables\": [");
        appendRules(sb, host.kernel().exec(null, List.of("iptables-save", "-c")).stdout(), "    ");
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    /** iptables-save -c's rule lines (comments left out) as JSON strings, one per line. */
    private static void appendRules(StringBuilder sb, String save, String indent) {
        boolean first = true;
        for (String line : save.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            sb.append(first ? "\n" : ",\n").append(indent).append(json(line));
            first = false;
        }
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
