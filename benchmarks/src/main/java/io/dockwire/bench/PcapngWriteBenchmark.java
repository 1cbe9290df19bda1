package io.dockwire.bench;

import io.dockwire.trace.CaptureInterface;
import io.dockwire.trace.CaptureSink;
import io.dockwire.trace.PcapngWriter;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * pcapng encoding cost: Enhanced Packet Blocks (with direction flags) into the writer's 1 MiB
 * buffer, drained into a channel that discards, so the figure is the encoder, not the disk.
 * Bytes/s = ops/s x (frame size + 40 bytes of block overhead).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PcapngWriteBenchmark {
    @Param({"64", "1514"})
    int frameBytes;

    private PcapngWriter writer;
    private byte[] frame;
    private int ifId;
    private long time;

    @Setup
    public void setUp() {
        writer = new PcapngWriter(new Discard(), "bench");
        ifId = writer.addInterface(CaptureInterface.named("docker0", 0x0242_ac11_0001L));
        frame = new byte[frameBytes];
    }

    @Benchmark
    public void encode() {
        writer.frame(ifId, time += 1000, CaptureSink.DIR_OUT, frame, 0, frame.length, null);
    }

    /** A channel that accepts everything and keeps nothing. */
    static final class Discard implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
