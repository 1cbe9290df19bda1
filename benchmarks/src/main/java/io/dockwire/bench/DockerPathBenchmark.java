package io.dockwire.bench;

import io.dockwire.perf.BenchRun;
import io.dockwire.perf.BenchWorld;
import io.dockwire.perf.Topology;
import io.dockwire.trace.AsyncCaptureSink;
import io.dockwire.trace.CaptureSink;
import io.dockwire.trace.PcapngWriter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frames per second through the Docker host's real paths, the same worlds as
 * {@code ./dockwire bench} ({@link BenchWorld}: ScenarioWorld, containers made by {@code docker run},
 * Docker 27's iptables rules). 64-byte UDP frames are prebuilt and injected at the sender's eth0
 * transmit (the sender's socket and IP stack are not measured); they are counted at the
 * receiver's UDP socket.
 *
 * <pre>
 * l2:      c1:eth0 ==veth==> docker0 [learn, FDB lookup, bridge-nf FORWARD] ==veth==> c2:eth0 -> IP -> UDP :9
 * nat-out: c1:eth0 ==veth==> docker0 -> host IP: PREROUTING, route, FORWARD, POSTROUTING MASQUERADE
 *          (conntrack lookup, rewrite, checksums) -> eth0 ==veth==> lan:br0 ==veth==> client -> UDP :9
 * dnat-in: client:eth0 ==veth==> lan:br0 ==veth==> host eth0: PREROUTING DNAT :8080 -> 172.17.0.2:80,
 *          FORWARD, POSTROUTING -> docker0 ==veth==> c1:eth0 -> UDP :80      (docker run -p 8080:80/udp)
 * scale:   1,000 containers, 100 flows each (100,000 conntrack entries), round-robin, as nat-out
 * </pre>
 * trace=pcapng: every device captured, AsyncCaptureSink (Disruptor, writer on the second core)
 * into a PcapngWriter whose channel discards (so the figure is the pipeline, not the disk; the
 * bench command writes a real file). Flows are ESTABLISHED (a reply was sent in warm-up), except
 * scale's, which are unreplied. One operation = one frame delivered; the simulation runs until
 * quiet after each batch of 64. {@link BenchWorld#batch} throws if a frame is lost, and the
 * teardown checks delivered == sent, so a fast wrong run fails.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:-UseCompressedOops"}) // as the ./dockwire launcher runs it
public class DockerPathBenchmark {
    @Param({"l2", "nat-out", "dnat-in", "scale"})
    String topology;

    @Param({"off", "pcapng"})
    String trace;

    private CaptureSink sink;
    private BenchWorld world;

    @Setup(Level.Trial)
    public void setUp() {
        sink = trace.equals("off") ? CaptureSink.NONE
                : new AsyncCaptureSink(new PcapngWriter(new PcapngWriteBenchmark.Discard(), "bench"), 4096,
                        AsyncCaptureSink.DEFAULT_MAX_FRAME_BYTES);
        world = BenchWorld.build(Topology.parse(topology), sink);
    }

    @Benchmark
    @OperationsPerInvocation(BenchRun.BATCH)
    public int forward() {
        return world.batch(BenchRun.BATCH);
    }

    @TearDown(Level.Trial)
    public void check() {
        sink.close();
        world.check();
    }
}
