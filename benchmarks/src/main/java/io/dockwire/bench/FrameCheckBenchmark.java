package io.dockwire.bench;

import io.dockwire.wire.DropReason;
import io.dockwire.wire.FrameCheck;
import io.dockwire.wire.Ipv4View;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing and rewriting one frame: full validation of an ICMP echo (Ethernet, IPv4 header
 * checksum, ICMP checksum) and a router's TTL decrement with the RFC 1624 incremental update.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:-UseCompressedOops"}) // as the ./dockwire launcher runs it
public class FrameCheckBenchmark {
    private final FrameCheck check = new FrameCheck();
    private byte[] frame;

    @Setup
    public void setUp() {
        frame = Fixtures.ping();
    }

    @Benchmark
    public DropReason checkPing() {
        return check.check(frame, 0, frame.length);
    }

    @Benchmark
    public int decrementTtl() {
        Ipv4View.decrementTtl(frame, 14);
        frame[14 + 8] = 64; // put the TTL back without touching the checksum path being measured
        return frame[14 + 10];
    }
}
