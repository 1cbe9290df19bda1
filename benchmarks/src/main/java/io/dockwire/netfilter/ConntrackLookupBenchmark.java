package io.dockwire.netfilter;

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
 * Conntrack lookups alone (package {@code io.dockwire.netfilter}, to reach the package-private
 * table), and the NAT rewrite with its incremental checksum updates.
 *
 * <pre>
 *   lookup:  tuple (src, dst, sport, dport, udp) -> 64-bit digest -> fastutil map -> chain -> slot
 *   rewrite: 64-byte UDP datagram, source 172.17.0.2:sport -> 192.168.1.10:sport (MASQUERADE),
 *            IP header checksum and UDP checksum patched per RFC 1624, then back
 * </pre>
 * {@code entries} confirmed UDP entries (100,000 = the scale world), looked up in a scattered
 * order (stride coprime to the size), alternately by original and reply tuple. Checks every
 * lookup found its entry, and that the rewrite round trip restores the bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:-UseCompressedOops"}) // as the ./dockwire launcher runs it
public class ConntrackLookupBenchmark {
    @Param({"1", "100000"})
    int entries;

    private Conntrack ct;
    private int[] src;
    private int[] sport;
    private int i;
    private long misses;
    private final NatRewrite rw = new NatRewrite();
    private final byte[] datagram = new byte[50];
    private byte[] original;

    private static final int CLIENT = 0xC0A8_0114; // 192.168.1.20
    private static final int HOST = 0xC0A8_010A; // 192.168.1.10
    private static final int C1 = 0xAC11_0002; // 172.17.0.2

    @Setup
    public void setUp() {
        ct = new Conntrack(entries + 16);
        src = new int[entries];
        sport = new int[entries];
        for (int k = 0; k < entries; k++) {
            src[k] = 0xAC11_0000 + 2 + k % 1000;
            sport[k] = 20000 + k / 1000;
            int e = ct.alloc(0);
            ct.proto[e] = 17;
            ct.setTuple(2 * e, src[k], CLIENT, sport[k], 9000);
            ct.setTuple(2 * e + 1, CLIENT, HOST, 9000, 20000 + k);
            ct.expires[e] = Long.MAX_VALUE / 2;
            if (!ct.confirm(e, 0)) {
                throw new IllegalStateException("clash at " + k);
            }
        }
        byte[] f = new byte[64];
        io.dockwire.perf.BenchWorld.udpFrame(f, 0, 0, 0, C1, CLIENT, 20000, 9);
        System.arraycopy(f, 14, datagram, 0, 50);
        original = datagram.clone();
    }

    @Benchmark
    public int lookup() {
        int k = i;
        i = (k + 7919) % entries;
        int slot = (k & 1) == 0
                ? ct.find(src[k], CLIENT, sport[k], 9000, 17, 1)
                : ct.find(CLIENT, HOST, 9000, 20000 + k, 17, 1);
        if (slot < 0) {
            misses++;
        }
        return slot;
    }

    @Benchmark
    public int natRewrite() {
        rw.manip(datagram, 0, 50, NatRewrite.SRC, HOST, 20001);
        rw.manip(datagram, 0, 50, NatRewrite.SRC, C1, 20000);
        return datagram[10] + datagram[26];
    }

    @TearDown
    public void check() {
        if (misses != 0) {
            throw new IllegalStateException("conntrack lookups missed " + misses + " times");
        }
        if (!java.util.Arrays.equals(datagram, original)) {
            throw new IllegalStateException("NAT rewrite round trip changed the datagram");
        }
    }
}
