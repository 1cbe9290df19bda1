package io.dockwire.cli;

import io.dockwire.perf.BenchRun;
import io.dockwire.perf.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Forwarding throughput of one benchmark world ({@link io.dockwire.perf.BenchWorld}): 64-byte
 * UDP frames injected at the sending container's (or LAN client's) eth0, counted at the
 * receiving socket; prints frames per wall-clock second, simulated events per second, bytes
 * allocated per frame and per-frame latency percentiles, and fails unless every frame sent was
 * delivered.
 */
@Command(name = "bench", description = "Measures forwarding throughput of a Docker topology (frames/s, allocation, latency).")
final class BenchCommand implements Runnable {
    @Option(names = "--topology", description = "l2, nat-out, dnat-in, scale or overlay (default: ${DEFAULT-VALUE})",
            defaultValue = "l2")
    String topology;

    @Option(names = "--frames", description = "frames to measure, after a warm-up (default: ${DEFAULT-VALUE})",
            defaultValue = "10000000")
    long frames;

    @Option(names = "--trace", description = "full pcapng capture of every device (writer on a second thread)")
    boolean trace;

    @Option(names = "--trace-file", description = "where --trace writes (default: a temporary file, deleted afterwards)")
    Path traceFile;

    @Option(names = "--rounds", description = "measure this many times in one JVM after one warm-up and report the "
            + "median round, every round's frames/s and their spread (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int rounds;

    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;

    @Option(names = "--memory", description = "scale only: also measure heap per conntrack entry (builds the world twice more) and per FDB entry (a bridge learning 100,000 MACs)")
    boolean memory;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Topology t;
        try {
            t = Topology.parse(topology);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (frames <= 0) {
            throw new UserError("--frames must be positive, got " + frames, null);
        }
        if (rounds < 1) {
            throw new UserError("--rounds must be at least 1, got " + rounds, null);
        }
        Path file = null;
        boolean temp = false;
        try {
            if (trace || traceFile != null) {
                if (traceFile != null) {
                    file = traceFile;
                } else {
                    file = Files.createTempFile("dockwire-bench-", ".pcapng");
                    temp = true;
                }
            }
            // Progress only when a person watches (System.console(): stdin and stdout on a terminal).
            BenchRun.Result r = BenchRun.run(t, frames, rounds, file, System.console() != null ? System.err : null);
            if (memory && t == Topology.SCALE) {
                for (Map.Entry<String, Object> e : BenchRun.conntrackMemory(1000, 100).entrySet()) {
                    r.fields.put("memory_" + e.getKey(), e.getValue());
                }
                for (Map.Entry<String, Object> e : BenchRun.fdbMemory(100_000).entrySet()) {
                    r.fields.put("memory_" + e.getKey(), e.getValue());
                }
            }
            out.print(json ? r.json() + System.lineSeparator() : r.table());
            out.flush();
        } catch (IOException e) {
            throw new UserError("cannot write the capture: " + e.getMessage(), e);
        } finally {
            if (temp) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temp file is not worth failing the run for
                }
            }
        }
    }
}
