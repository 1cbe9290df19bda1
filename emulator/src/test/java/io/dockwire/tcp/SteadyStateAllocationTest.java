package io.dockwire.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * <pre>
 *   client --8 MB--> [TcpStack A] --1 ms--> [TcpStack B] --> counting receiver
 *                              <--1 ms-- ACKs
 * </pre>
 * Bytes allocated on the simulation thread per segment while a bulk transfer runs, after the
 * send buffer has grown and the pools have warmed up. The receiver checks that every byte
 * arrived in order, so a fast wrong run fails.
 */
class SteadyStateAllocationTest {
    private static final int BODY = 8 << 20;

    @Test
    void bulkTransferAllocatesNothingPerSegment() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        TestNet net = new TestNet(1);
        net.record = false;
        long[] received = {0};
        boolean[] corrupt = {false};
        TcpCallbacks counting = new TcpCallbacks() {
            @Override
            public void onData(TcpConnection c, byte[] buf, int off, int len) {
                for (int i = 0; i < len; i++) {
                    if (buf[off + i] != (byte) (received[0] + i)) {
                        corrupt[0] = true;
                    }
                }
                received[0] += len;
            }
        };
        net.b.stack.listen(0, 80, 128, c -> counting);
        byte[] body = new byte[BODY];
        for (int i = 0; i < BODY; i++) {
            body[i] = (byte) i;
        }
        TcpConnection c = net.a.stack.connect(TestNet.B, 80, new TcpCallbacks() { });
        net.sim.runFor(10_000_000);
        c.send(body, 0, BODY);
        net.sim.runFor(50_000_000); // warm-up: pools, timer heap, JIT
        long tid = Thread.currentThread().getId();
        long segs0 = net.a.stack.counters().outSegs() + net.b.stack.counters().outSegs();
        long alloc0 = mx.getThreadAllocatedBytes(tid);
        net.sim.runFor(150_000_000);
        long alloc1 = mx.getThreadAllocatedBytes(tid);
        long segs = net.a.stack.counters().outSegs() + net.b.stack.counters().outSegs() - segs0;
        net.sim.runUntilQuiet();
        assertEquals(BODY, received[0]);
        assertTrue(!corrupt[0], "bytes arrived out of order or damaged");
        assertTrue(segs > 2000, "too few segments measured: " + segs);
        double perSegment = (alloc1 - alloc0) / (double) segs;
        System.out.printf("tcp steady state: %d segments, %.3f bytes allocated per segment%n", segs, perSegment);
        assertTrue(perSegment < 1.0, "bytes allocated per segment: " + perSegment);
    }
}
