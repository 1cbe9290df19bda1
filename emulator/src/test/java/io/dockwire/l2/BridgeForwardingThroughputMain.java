package io.dockwire.l2;

import io.dockwire.link.NetDevice;
import io.dockwire.link.Veth;
import io.dockwire.link.VethPair;
import io.dockwire.link.World;
import io.dockwire.sim.FramePool;
import io.dockwire.sim.Simulator;
import io.dockwire.sim.TimerHandler;
import io.dockwire.testing.Frames;
import io.dockwire.trace.CaptureSink;

import java.lang.management.ManagementFactory;

/**
 * Frames per second through one learning bridge, single thread, capture off. Not a test: prints
 * a figure (run {@code java -cp ... io.dockwire.l2.BridgeForwardingThroughputMain [frames]}).
 *
 * <pre>
 *   traffic timer (64 frames per tick)
 *        |
 *   hI:eth0 ==veth 2us==> vethI -[br0: learn src, look up dst]-> vethJ ==veth 2us==> hJ:eth0 -> release
 * </pre>
 * Every host sends 64-byte unicast frames to the next host; all MACs are learned in a warm-up
 * round of broadcasts. Checks its own result (every frame delivered, no slot leaked, exact
 * counters) so a fast wrong run fails. Also prints bytes allocated per frame on this thread.
 */
public final class BridgeForwardingThroughputMain {
    private static final int HOSTS = 8;
    private static final int BATCH = 64;
    private static final int FRAME = 64;

    private final World world = new World(new Simulator(), CaptureSink.NONE);
    private final Simulator sim = world.sim();
    private final FramePool pool = sim.pool();
    private final Bridge br = new Bridge(world, "br0");
    private final Veth[] eth = new Veth[HOSTS];
    private final byte[][] templates = new byte[HOSTS][];
    private long delivered;
    private long sent;
    private long target;
    private int next;
    private final int timer;

    private BridgeForwardingThroughputMain() {
        for (int i = 0; i < HOSTS; i++) {
            VethPair p = world.vethPair("veth" + i, null, "eth0", "h" + i);
            eth[i] = p.b();
            eth[i].setMac(0x0200_0000_0000L | (i + 1));
            eth[i].setReceiver(this::onReceive);
            br.addPort(p.a());
        }
        for (int i = 0; i < HOSTS; i++) {
            templates[i] = Frames.eth(eth[(i + 1) % HOSTS].mac(), eth[i].mac(), FRAME);
        }
        TimerHandler source = this::onTick;
        timer = sim.registerTimerHandler(source);
    }

    private void onReceive(NetDevice dev, int slot, long now) {
        delivered++;
        pool.release(slot);
    }

    private void onTick(long now, int kind, long arg) {
        for (int k = 0; k < BATCH && sent < target; k++) {
            int i = next;
            next = i + 1 == HOSTS ? 0 : i + 1;
            byte[] t = templates[i];
            int slot = pool.allocCopy(t, 0, t.length);
            sent++;
            eth[i].transmit(slot, now);
        }
        if (sent < target) {
            sim.schedule(now + 100, timer, 0, 0);
        }
    }

    private void run(long frames) {
        target = sent + frames;
        sim.schedule(sim.now(), timer, 0, 0);
        sim.runUntilQuiet();
    }

    public static void main(String[] args) {
        long frames = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        BridgeForwardingThroughputMain m = new BridgeForwardingThroughputMain();
        for (int i = 0; i < HOSTS; i++) {
            m.world.transmitAt(m.eth[i], 0, Frames.eth(io.dockwire.wire.MacAddress.BROADCAST, m.eth[i].mac(), 60));
        }
        m.sim.runUntilQuiet();
        long floodDeliveries = m.delivered;
        m.run(frames / 4); // warm-up: JIT, pool and queue growth
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = m.delivered;
        long alloc0 = mx.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        m.run(frames);
        long t1 = System.nanoTime();
        long alloc1 = mx.getThreadAllocatedBytes(tid);
        long got = m.delivered - before;
        if (got != frames || m.pool.inUse() != 0 || m.br.flooded() != HOSTS || m.br.forwarded() != m.sent
                || floodDeliveries != (long) HOSTS * (HOSTS - 1)) {
            throw new AssertionError("wrong result: delivered=" + got + " of " + frames + ", inUse=" + m.pool.inUse()
                    + ", flooded=" + m.br.flooded() + ", forwarded=" + m.br.forwarded() + " sent=" + m.sent);
        }
        double secs = (t1 - t0) / 1e9;
        System.out.printf("bridge L2 forwarding: %d hosts, %d frames of %d B in %.3f s = %.2f M frames/s,"
                        + " %.1f events/frame, %.3f bytes allocated/frame%n",
                HOSTS, frames, FRAME, secs, frames / secs / 1e6, 2.0 + 1.0 / BATCH, (alloc1 - alloc0) / (double) frames);
    }
}
