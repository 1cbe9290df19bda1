package io.dockwire.bench;

import io.dockwire.l2.Bridge;
import io.dockwire.link.NetDevice;
import io.dockwire.link.Veth;
import io.dockwire.link.VethPair;
import io.dockwire.link.World;
import io.dockwire.perf.BenchRun;
import io.dockwire.perf.BenchWorld;
import io.dockwire.perf.Topology;
import io.dockwire.sim.FramePool;
import io.dockwire.sim.Simulator;
import io.dockwire.trace.CaptureSink;
import java.util.List;
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
 * What each layer of the l2 path costs: the same 64-byte frame, two link hops, with the layers
 * added one at a time, so the differences between the rows are the layers' prices per frame.
 *
 * <pre>
 * event:       [slot] --channel--> handler --channel--> handler -> release      (the event loop alone)
 * veth-bridge: a:eth0 ==veth==> br0 [learn, FDB lookup] ==veth==> b:eth0 -> release   (devices, no IP)
 * l2-no-brnf:  the bench's l2 world (ScenarioWorld, docker run c1, c2) with
 *              net.bridge.bridge-nf-call-iptables=0: + IPv4 receive, UDP checksum, socket
 * l2:          the bench's l2 world as Docker 27 sets it: + br_netfilter (conntrack, PREROUTING,
 *              Docker's FORWARD chains, POSTROUTING)
 * </pre>
 * Batches of 64 at one simulated instant, then the simulation runs until quiet, as {@code bench}
 * does. Every row checks delivered == sent and that no frame slot leaked.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:-UseCompressedOops"}) // as the ./dockwire launcher runs it
public class LayerCostBenchmark {
    private static final int BATCH = BenchRun.BATCH;
    private static final long DELAY_NS = Veth.DEFAULT_DELAY_NS;

    @Param({"event", "veth-bridge", "l2-no-brnf", "l2"})
    String layers;

    private Simulator sim;
    private FramePool pool;
    private byte[] frame;
    private NetDevice source;
    private BenchWorld world;
    private int hop1;
    private int hop2;
    private long sent;
    private long delivered;

    @Setup(Level.Trial)
    public void setUp() {
        switch (layers) {
            case "event" -> {
                sim = new Simulator();
                pool = sim.pool();
                hop2 = sim.addChannel((now, slot, arg) -> {
                    delivered++;
                    pool.release(slot);
                });
                hop1 = sim.addChannel((now, slot, arg) -> sim.send(hop2, now + DELAY_NS, slot, arg));
                frame = new byte[BenchWorld.FRAME_BYTES];
            }
            case "veth-bridge" -> {
                World w = new World(new Simulator(), CaptureSink.NONE);
                sim = w.sim();
                pool = sim.pool();
                Bridge br = new Bridge(w, "br0");
                VethPair a = w.vethPair("vetha", null, "eth0", "a");
                VethPair b = w.vethPair("vethb", null, "eth0", "b");
                for (VethPair p : List.of(a, b)) {
                    br.addPort(p.a());
                    p.b().setReceiver((dev, slot, now) -> {
                        delivered++;
                        pool.release(slot);
                    });
                }
                a.b().setMac(0x0242_ac11_0002L);
                b.b().setMac(0x0242_ac11_0003L);
                frame = new byte[BenchWorld.FRAME_BYTES];
                BenchWorld.udpFrame(frame, 0, b.b().mac(), a.b().mac(), 0xac110002, 0xac110003, 20000, 9);
                source = a.b();
                // Both stations send once, so br0 has learned them (as the l2 world's warm-up does).
                source.transmit(pool.allocCopy(frame, 0, frame.length), 0);
                byte[] back = new byte[BenchWorld.FRAME_BYTES];
                BenchWorld.udpFrame(back, 0, a.b().mac(), b.b().mac(), 0xac110003, 0xac110002, 9, 20000);
                b.b().transmit(pool.allocCopy(back, 0, back.length), 0);
                sim.runUntilQuiet();
                sent = delivered;
            }
            case "l2-no-brnf", "l2" -> {
                world = BenchWorld.create(Topology.L2, CaptureSink.NONE, 2, 1);
                if (layers.equals("l2-no-brnf")) {
                    world.host().host().exec(null, List.of("sysctl", "-w", "net.bridge.bridge-nf-call-iptables=0"));
                }
                world.warmUp();
            }
            default -> throw new IllegalArgumentException("unknown layers: " + layers);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long forward() {
        if (world != null) {
            return world.batch(BATCH);
        }
        long now = sim.now();
        for (int k = 0; k < BATCH; k++) {
            int slot = pool.allocCopy(frame, 0, frame.length);
            if (source != null) {
                source.transmit(slot, now);
            } else {
                sim.send(hop1, now + DELAY_NS, slot, 0);
            }
        }
        sent += BATCH;
        sim.runUntilQuiet();
        if (delivered != sent || pool.inUse() != 0) {
            throw new IllegalStateException(layers + ": wrong result: delivered=" + delivered + " sent=" + sent
                    + " inUse=" + pool.inUse());
        }
        return delivered;
    }

    @TearDown(Level.Trial)
    public void check() {
        if (world != null) {
            world.check();
        }
    }
}
