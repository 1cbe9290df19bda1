package io.dockwire.bench;

import io.dockwire.trace.AsyncCaptureSink;
import io.dockwire.trace.CaptureInterface;
import io.dockwire.trace.CaptureSink;
import io.dockwire.trace.PcapngWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * pcapng writing: Enhanced Packet Blocks (with direction flags), records/s on the calling thread.
 * Bytes/s = ops/s x (frame size + 44 bytes of block overhead).
 *
 * <ul>
 * <li>{@code target=discard}: a {@link PcapngWriter} drained into a channel that discards, on
 *     the calling thread: the encoder alone.
 * <li>{@code target=file}: the same writer into a buffered file in /tmp, on the calling thread.
 * <li>{@code target=async-file}: {@link AsyncCaptureSink} over the writer into the file, as
 *     {@code bench --trace} and {@code run} write: the file writes on a second thread, the
 *     caller waits only when it is behind (back-pressure).
 * <li>{@code target=async-discard}: the same into the discarding channel: what capture costs
 *     the simulation thread when the writer keeps up.
 * </ul>
 *
 * The file wraps to offset 0 every {@value #FILE_WRAP_BYTES} bytes, so it stays in the page
 * cache below the kernel's dirty-page limits: the figure is write(2) into a buffered file, not
 * the disk (a capture larger than those limits, a few GB here, goes at the disk's speed).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:-UseCompressedOops"}) // as the ./dockwire launcher runs it
public class PcapngWriteBenchmark {
    static final long FILE_WRAP_BYTES = 256L << 20;

    @Param({"64", "1514"})
    int frameBytes;

    @Param({"discard", "file", "async-discard", "async-file"})
    String target;

    private CaptureSink writer;
    private Path file;
    private byte[] frame;
    private int ifId;
    private long time;

    @Setup
    public void setUp() throws IOException {
        WritableByteChannel channel;
        if (target.endsWith("discard")) {
            channel = new Discard();
        } else {
            file = Files.createTempFile("dockwire-pcapng-bench", ".pcapng");
            channel = new Wrapping(FileChannel.open(file, StandardOpenOption.WRITE));
        }
        PcapngWriter w = new PcapngWriter(channel, "bench");
        writer = target.startsWith("async") ? new AsyncCaptureSink(w) : w;
        ifId = writer.addInterface(CaptureInterface.named("docker0", 0x0242_ac11_0001L));
        frame = new byte[frameBytes];
    }

    @TearDown
    public void tearDown() throws IOException {
        writer.close();
        if (file != null) {
            Files.delete(file);
        }
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

    /** A file channel that goes back to offset 0 past {@link #FILE_WRAP_BYTES}, so its pages stay cached. */
    static final class Wrapping implements WritableByteChannel {
        private final FileChannel file;

        Wrapping(FileChannel file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (file.position() >= FILE_WRAP_BYTES) {
                file.position(0);
            }
            return file.write(src);
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
