package io.dockwire.l2;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bridge's forwarding database alone (in the benchmarks module but in package
 * {@code io.dockwire.l2}, to reach the package-private {@link Fdb}).
 *
 * <pre>
 *   frame (src MAC, dst MAC) --> learn: find(src) + touch(port, now) --> lookup: find(dst) -> port
 * </pre>
 * {@code entries} MACs (2 = two containers, 1,000 = the scale world); one operation = one learn
 * plus one lookup, as the bridge does per frame. Checks that every lookup found the port the
 * MAC was learned on.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:-UseCompressedOops"}) // as the ./dockwire launcher runs it
public class FdbBenchmark {
    @Param({"2", "1000"})
    int entries;

    private final Fdb fdb = new Fdb();
    private long[] macs;
    private int i;
    private long now;
    private long wrong;

    @Setup
    public void setUp() {
        macs = new long[entries];
        for (int k = 0; k < entries; k++) {
            macs[k] = 0x0242_ac11_0000L + 2 + k;
            fdb.add(macs[k], k, 0, false);
        }
    }

    @Benchmark
    public int learnAndLookup() {
        int s = i;
        int d = s + 1 == entries ? 0 : s + 1;
        i = d;
        now += 100;
        int r = fdb.find(macs[s]);
        if (r == Fdb.MISSING) {
            fdb.add(macs[s], s, now, false);
        } else {
            fdb.touch(r, now);
        }
        int port = fdb.port(fdb.find(macs[d]));
        if (port != d) {
            wrong++;
        }
        return port;
    }

    @TearDown
    public void check() {
        if (wrong != 0) {
            throw new IllegalStateException("FDB lookups returned the wrong port " + wrong + " times");
        }
    }
}
