package io.dockwire.bench;

import io.dockwire.l2.Bridge;
import io.dockwire.link.NetDevice;
import io.dockwire.link.Veth;
import io.dockwire.link.VethPair;
import io.dockwire.link.World;
import io.dockwire.sim.FramePool;
import io.dockwire.sim.Simulator;
import io.dockwire.trace.CaptureSink;
import io.dockwire.wire.EthernetFrame;
import io.dockwire.wire.MacAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frames per second through one learning bridge, capture off, whole path.
 *
 * <pre>
 *   hI:eth0 ==veth==> vethI -[br0: learn src, FDB lookup dst]-> vethJ ==veth==> hJ:eth0 -> release
 * </pre>
 * 8 hosts on br0, 64-byte unicast frames from each host to the next, MACs learned in setup. One
 * operation = one frame delivered end to end (2 link events). The teardown checks that every
 * frame sent was delivered and no slot leaked, so a fast wrong run fails.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:-UseCompressedOops"}) // as the ./dockwire launcher runs it
public class L2ForwardingBenchmark {
    static final int HOSTS = 8;
    static final int BATCH = 64;

    private Simulator sim;
    private FramePool pool;
    private final Veth[] eth = new Veth[HOSTS];
    private final byte[][] frames = new byte[HOSTS][];
    private long sent;
    private long delivered;

    @Setup(Level.Trial)
    public void setUp() {
        World world = new World(new Simulator(), CaptureSink.NONE);
        sim = world.sim();
        pool = sim.pool();
        Bridge br = new Bridge(world, "br0");
        for (int i = 0; i < HOSTS; i++) {
            VethPair p = world.vethPair("veth" + i, null, "eth0", "h" + i);
            eth[i] = p.b();
            eth[i].setMac(0x0200_0000_0000L | (i + 1));
            eth[i].setReceiver(this::onReceive);
            br.addPort(p.a());
        }
        for (int i = 0; i < HOSTS; i++) {
            frames[i] = frame(eth[(i + 1) % HOSTS].mac(), eth[i].mac());
            world.transmitAt(eth[i], 0, frame(MacAddress.BROADCAST, eth[i].mac()));
        }
        sim.runUntilQuiet();
        sent = 0;
        delivered = 0;
    }

    private static byte[] frame(long dst, long src) {
        byte[] f = new byte[64];
        EthernetFrame.dst(f, 0, dst);
        EthernetFrame.src(f, 0, src);
        EthernetFrame.etherType(f, 0, 0x88B5); // IEEE local experimental: opaque to every endpoint
        return f;
    }

    private void onReceive(NetDevice dev, int slot, long now) {
        delivered++;
        pool.release(slot);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long forward() {
        long now = sim.now();
        for (int k = 0; k < BATCH; k++) {
            int i = k & (HOSTS - 1);
            byte[] f = frames[i];
            eth[i].transmit(pool.allocCopy(f, 0, f.length), now);
        }
        sent += BATCH;
        sim.runUntilQuiet();
        return delivered;
    }

    @TearDown(Level.Trial)
    public void check() {
        if (delivered != sent || pool.inUse() != 0) {
            throw new IllegalStateException("wrong result: delivered=" + delivered + " sent=" + sent
                    + " inUse=" + pool.inUse());
        }
    }
}
