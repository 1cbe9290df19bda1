package io.dockwire.netfilter;

import static io.dockwire.netfilter.Pkt.ACK;
import static io.dockwire.netfilter.Pkt.SYN;
import static io.dockwire.netfilter.Rig.DOCKER0;
import static io.dockwire.netfilter.Rig.ETH0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * <pre>
 *   ext --SYN--> eth0 [PREROUTING DNAT | FORWARD | POSTROUTING] docker0 --> c1
 *   then 20 000 established segments each way through all three hooks
 * </pre>
 * The established fast path (conntrack hit, NAT from tuples, rules that accept) must allocate
 * nothing: measured with the JVM's per-thread allocation counter.
 */
class FastPathAllocationTest {

    @Test
    void establishedDnatedFlowAllocatesNothingPerPacket() {
        Rig rig = new Rig().docker27();
        rig.forward(Pkt.tcp("192.168.1.20", 39808, "192.168.1.10", 8080, SYN, 0), ETH0, DOCKER0);
        rig.forward(Pkt.tcp("172.17.0.2", 80, "192.168.1.20", 39808, SYN | ACK, 0), DOCKER0, ETH0);
        byte[] in = Pkt.tcp("192.168.1.20", 39808, "192.168.1.10", 8080, ACK, 100);
        byte[] out = Pkt.tcp("172.17.0.2", 80, "192.168.1.20", 39808, ACK, 1000);
        byte[] inCopy = in.clone();
        byte[] outCopy = out.clone();
        for (int i = 0; i < 20_000; i++) { // warm-up: let the JIT settle
            System.arraycopy(inCopy, 0, in, 0, in.length);
            System.arraycopy(outCopy, 0, out, 0, out.length);
            rig.forward(in, ETH0, DOCKER0);
            rig.forward(out, DOCKER0, ETH0);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            System.arraycopy(inCopy, 0, in, 0, in.length);
            System.arraycopy(outCopy, 0, out, 0, out.length);
            accepted += rig.forward(in, ETH0, DOCKER0) == Verdict.ACCEPT ? 1 : 0;
            accepted += rig.forward(out, DOCKER0, ETH0) == Verdict.ACCEPT ? 1 : 0;
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertEquals(40_000, accepted);
        assertEquals("172.17.0.2", Pkt.dst(in));
        assertEquals("192.168.1.10", Pkt.src(out));
        // A few hundred bytes of slack for the measurement itself, far below one byte per packet.
        assertEquals(true, allocated < 1024, "allocated " + allocated + " bytes for 40 000 packets");
    }
}
