package io.dockwire.perf;

import io.dockwire.l2.Bridge;
import io.dockwire.link.VethPair;
import io.dockwire.link.World;
import io.dockwire.sim.FramePool;
import io.dockwire.sim.Simulator;
import io.dockwire.trace.AsyncCaptureSink;
import io.dockwire.trace.CaptureSink;
import io.dockwire.trace.PcapngWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One timed run of a {@link BenchWorld}: build (timed), JIT warm-up, then {@code frames} frames
 * in batches, each batch timed with the wall clock and recorded in an HdrHistogram as its
 * per-frame time (batch time / frames in the batch, counted once per frame). Allocation is this
 * thread's {@code getThreadAllocatedBytes} over the measured loop. The wall clock is read here,
 * never inside the simulation.
 */
public final class BenchRun {
    /** Frames per batch: injected at one simulated instant, then the simulation runs until quiet. */
    public static final int BATCH = 64;
    /** The warm-up goes through the measuring loop in this many calls (see {@link #measure}). */
    private static final int WARM_UP_CALLS = 4;

    private BenchRun() {
    }

    /** What a run measured, in the order the JSON prints it. */
    public static final class Result {
        public final Map<String, Object> fields = new LinkedHashMap<>();

        public double num(String k) {
            return ((Number) fields.get(k)).doubleValue();
        }

        public String json() {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append('"').append(e.getKey()).append("\": ");
                Object v = e.getValue();
                if (v instanceof String s) {
                    sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                } else if (v instanceof java.util.List<?> l) {
                    sb.append('[').append(join(l, "%.4f", ", ")).append(']');
                } else if (v instanceof Double d) {
                    sb.append(String.format(Locale.ROOT, "%.4f", d));
                } else {
                    sb.append(v);
                }
            }
            return sb.append('}').toString();
        }

        /** A list of numbers (e.g. every round's frames/s), each formatted with {@code format}. */
        private static String join(java.util.List<?> numbers, String format, String separator) {
            StringBuilder sb = new StringBuilder();
            for (Object x : numbers) {
                sb.append(sb.length() == 0 ? "" : separator)
                        .append(x instanceof Double ? String.format(Locale.ROOT, format, x) : String.valueOf(x));
            }
            return sb.toString();
        }

        public String table() {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                Object v = e.getValue();
                String s;
                if (v instanceof Double d) {
                    s = String.format(Locale.ROOT, "%.3f", d);
                } else if (v instanceof java.util.List<?> l) {
                    s = join(l, "%.3f", " ");
                } else {
                    s = String.valueOf(v);
                }
                sb.append(String.format(Locale.ROOT, "%-26s %s%n", e.getKey(), s));
            }
            return sb.toString();
        }
    }

    /**
     * @param traceFile null = tracing off; else a full pcapng capture of every device through
     *                  {@link AsyncCaptureSink} (writer on a second thread) into this file
     * @param progress  where to print progress (null = none)
     */
    public static Result run(Topology topology, long frames, Path traceFile, PrintStream progress) throws IOException {
        return run(topology, frames, 1, traceFile, progress);
    }

    /**
     * {@code rounds} measurements of {@code frames} each in one JVM, after one warm-up: the result
     * is the round with the median frames/s (the lower middle one for an even count), plus
     * {@code rounds}, every round's frames/s ({@code mfps_rounds}) and their spread, (max - min) /
     * median. One JVM's rounds show the machine's noise apart from the JIT's choices between JVMs.
     */
    public static Result run(Topology topology, long frames, int rounds, Path traceFile, PrintStream progress)
            throws IOException {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, rounds=" + rounds);
        }
        CaptureSink sink = CaptureSink.NONE;
        PcapngWriter pcapng = null;
        if (traceFile != null) {
            pcapng = PcapngWriter.open(traceFile, "bench");
            sink = new AsyncCaptureSink(pcapng, 4096, AsyncCaptureSink.DEFAULT_MAX_FRAME_BYTES);
        }
        try {
            long b0 = System.nanoTime();
            BenchWorld w = BenchWorld.create(topology, sink, 1000, 100);
            long createNs = System.nanoTime() - b0;
            w.warmUp();
            long buildNs = System.nanoTime() - b0;
            java.util.List<Result> all = new java.util.ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                all.add(measure(w, frames, i == 0, buildNs, sink, pcapng, traceFile, progress));
            }
            java.util.List<Result> byMfps = new java.util.ArrayList<>(all);
            byMfps.sort(java.util.Comparator.comparingDouble(x -> x.num("mfps")));
            Result r = byMfps.get((rounds - 1) / 2);
            r.fields.put("create_seconds", createNs / 1e9);
            if (rounds > 1) {
                java.util.List<Double> each = new java.util.ArrayList<>();
                for (Result x : all) {
                    each.add(x.num("mfps"));
                }
                r.fields.put("rounds", rounds);
                r.fields.put("mfps_rounds", each);
                java.util.List<Integer> cpus = new java.util.ArrayList<>();
                for (Result x : all) {
                    cpus.add((Integer) x.fields.get("cpu"));
                }
                r.fields.put("cpu_rounds", cpus);
                r.fields.put("mfps_spread", (byMfps.get(rounds - 1).num("mfps") - byMfps.get(0).num("mfps")) / r.num("mfps"));
            }
            return r;
        } finally {
            sink.close();
        }
    }

    /** @param pcapng the writer behind {@code sink}, or null when tracing is off */
    static Result measure(BenchWorld w, long frames, boolean warmUp, long buildNs, CaptureSink sink,
            PcapngWriter pcapng, Path traceFile, PrintStream progress) throws IOException {
        // JIT warm-up before the first round: a fifth of the run, at least 2 M frames, through the
        // measuring loop itself in WARM_UP_CALLS calls, so that the loop the round runs is compiled
        // whole (not entered half-way by on-stack replacement while it is being timed).
        Histogram h = new Histogram(1, 60_000_000_000L, 3);
        if (warmUp) {
            long warmBatches = (Math.max(2_000_000L, frames / 5) + BATCH - 1) / BATCH;
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                timedBatches(w, warmBatches / WARM_UP_CALLS, h, null);
            }
            h.reset();
        }
        sink.flush();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long batches = (frames + BATCH - 1) / BATCH;
        long bytes0 = pcapng == null ? 0 : pcapng.bytes();
        long sent0 = w.sent();
        long ev0 = w.events();
        long alloc0 = mx.getThreadAllocatedBytes(tid);
        long cpu0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        timedBatches(w, batches, h, progress);
        sink.flush(); // the capture counts: the run ends when the writer has everything
        long t1 = System.nanoTime();
        long cpu1 = mx.getCurrentThreadCpuTime();
        long alloc1 = mx.getThreadAllocatedBytes(tid);
        int cpuId = currentCpu(); // after the allocation count: reading /proc allocates
        if (progress != null) {
            progress.print("\r\033[K");
            progress.flush();
        }
        w.check();
        long n = w.sent() - sent0;
        long ev = w.events() - ev0;
        double secs = (t1 - t0) / 1e9;
        Result r = new Result();
        r.fields.put("topology", w.topology().cliName());
        r.fields.put("trace", traceFile == null ? "off" : "pcapng");
        r.fields.put("frames", n);
        r.fields.put("seconds", secs);
        r.fields.put("mfps", n / secs / 1e6);
        // Frames per second of this thread's CPU time: less disturbed by other processes on a busy
        // machine than wall time (time spent descheduled does not count; cache contention does).
        r.fields.put("mfps_cpu", n / ((cpu1 - cpu0) / 1e9) / 1e6);
        // The processor the simulation thread ran on last: on a virtual machine, one virtual CPU
        // may run much slower than the other for minutes (its host core shared), which this shows.
        r.fields.put("cpu", cpuId);
        r.fields.put("events_per_sec", (double) Math.round(ev / secs));
        r.fields.put("events_per_frame", ev / (double) n);
        r.fields.put("alloc_bytes_per_frame", (alloc1 - alloc0) / (double) n);
        r.fields.put("p50_ns", h.getValueAtPercentile(50));
        r.fields.put("p99_ns", h.getValueAtPercentile(99));
        r.fields.put("p999_ns", h.getValueAtPercentile(99.9));
        r.fields.put("latency_unit", "per frame, batch of " + BATCH + " / " + BATCH);
        r.fields.put("build_seconds", buildNs / 1e9);
        r.fields.put("flows", w.flows());
        r.fields.put("fdb_entries", w.fdbEntries());
        r.fields.put("conntrack_entries", w.conntrackEntries());
        r.fields.put("gc", collectors());
        r.fields.put("compressed_oops", compressedOops());
        if (pcapng != null) {
            long bytes = pcapng.bytes() - bytes0;
            r.fields.put("pcapng_bytes", Files.size(traceFile));
            r.fields.put("pcapng_bytes_per_frame", bytes / (double) n);
            r.fields.put("pcapng_gb_per_s", bytes / secs / 1e9);
        }
        return r;
    }

    /**
     * Runs {@code batches} batches, recording each one's time per frame in {@code h}, and shows
     * progress once a second when {@code progress} is not null.
     */
    private static void timedBatches(BenchWorld w, long batches, Histogram h, PrintStream progress) {
        long tb = System.nanoTime();
        long nextProgress = tb + 1_000_000_000L;
        for (long b = 0; b < batches; b++) {
            w.batch(BATCH);
            long t = System.nanoTime();
            h.recordValueWithCount(Math.max(1, (t - tb) / BATCH), BATCH);
            tb = t;
            if (progress != null && t > nextProgress) {
                nextProgress = t + 1_000_000_000L;
                progress.printf(Locale.ROOT, "\r%s: %d / %d frames", w.topology().cliName(), (b + 1) * BATCH,
                        batches * BATCH);
                progress.flush();
            }
        }
    }

    /**
     * The processor this thread last ran on (field 39 of Linux's {@code /proc/thread-self/stat}),
     * -1 where that cannot be read.
     */
    static int currentCpu() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // The command name (field 2) is in parentheses and may contain spaces: count after it.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(f[39 - 3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The JVM's garbage collectors, e.g. "PS Scavenge+PS MarkSweep" (the launcher picks Parallel GC). */
    static String collectors() {
        StringBuilder sb = new StringBuilder();
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (sb.length() > 0) {
                sb.append('+');
            }
            sb.append(gc.getName());
        }
        return sb.toString();
    }

    /** Whether the JVM compresses object references (the launcher turns it off: -XX:-UseCompressedOops). */
    static boolean compressedOops() {
        com.sun.management.HotSpotDiagnosticMXBean hs =
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        return hs != null && Boolean.parseBoolean(hs.getVMOption("UseCompressedOops").getValue());
    }

    /**
     * Memory of the scale world's conntrack, measured: heap in use (after GC) with the world
     * built with 1 flow per container, then with {@code flowsPerSource}; the difference, less the
     * benchmark's own per-flow template (64 bytes of frame + one reference, 4 or 8 bytes), per extra entry.
     */
    public static Map<String, Object> conntrackMemory(int containers, int flowsPerSource) {
        long a;
        int ea;
        {
            BenchWorld w = BenchWorld.build(Topology.SCALE, CaptureSink.NONE, containers, 1);
            a = usedHeap();
            ea = w.conntrackEntries();
            w.check();
        }
        long b0 = System.nanoTime();
        BenchWorld w = BenchWorld.build(Topology.SCALE, CaptureSink.NONE, containers, flowsPerSource);
        long buildNs = System.nanoTime() - b0;
        long b = usedHeap();
        int eb = w.conntrackEntries();
        w.check();
        long extraFlows = (long) containers * (flowsPerSource - 1);
        int ref = compressedOops() ? 4 : 8;
        double perEntry = (b - a - extraFlows * (BenchWorld.FRAME_BYTES + ref)) / (double) (eb - ea);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conntrack_entries", eb);
        m.put("heap_bytes_world", b);
        m.put("bytes_per_conntrack_entry", perEntry);
        m.put("conntrack_mb_for_100k", perEntry * 100_000 / (1 << 20));
        m.put("build_seconds_with_warmup", buildNs / 1e9);
        return m;
    }

    /**
     * Memory of a bridge's forwarding database, measured: heap in use (after GC) with a bridge
     * (one port) that has learned {@code entries} source MACs from frames arriving on its port,
     * less the same world before them, per entry. The frames go nowhere (no other port), so only
     * the FDB grows.
     */
    public static Map<String, Object> fdbMemory(int entries) {
        World w = new World(new Simulator(), CaptureSink.NONE);
        Bridge br = new Bridge(w, "br0");
        VethPair p = w.vethPair("veth0", null, "eth0", "a");
        br.addPort(p.a());
        FramePool pool = w.sim().pool();
        byte[] f = new byte[BenchWorld.FRAME_BYTES];
        int local = br.fdbSize(); // the port's own address (a local entry)
        long before = usedHeap();
        for (int i = 0; i < entries; i++) {
            long mac = 0x0242_0000_0000L + i + 1;
            BenchWorld.udpFrame(f, 0, 0x0242_ffff_ffffL, mac, 0x0a000001, 0x0a000002, 9, 9);
            p.b().transmit(pool.allocCopy(f, 0, f.length), w.sim().now());
            if ((i & 63) == 63) {
                w.sim().runUntilQuiet();
            }
        }
        w.sim().runUntilQuiet();
        long after = usedHeap();
        if (br.fdbSize() - local != entries || pool.inUse() != 0) {
            throw new IllegalStateException("fdb memory: learned " + (br.fdbSize() - local) + " of " + entries
                    + ", frames in flight " + pool.inUse());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fdb_entries", entries);
        m.put("bytes_per_fdb_entry", (after - before) / (double) entries);
        return m;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
