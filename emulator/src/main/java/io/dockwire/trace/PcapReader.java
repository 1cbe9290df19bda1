package io.dockwire.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads classic pcap files: microsecond (0xa1b2c3d4) or nanosecond (0xa1b23c4d) magic, either
 * byte order. Records come back as interface 0 with unknown direction and no comments. Errors
 * read {@code "pcap: record #<n> at byte offset <o>: <what>"} (n from 1). Not thread-safe.
 */
public final class PcapReader {
    private static final int HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final ByteBuffer in;
    private final boolean nanos;
    private final int snaplen;
    private final int linktype;
    private int pos = HEADER;
    private int recordNumber;

    public PcapReader(byte[] bytes) {
        this(ByteBuffer.wrap(bytes));
    }

    /** Reads the bytes between the buffer's position and limit. */
    public PcapReader(ByteBuffer image) {
        this.in = image.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (in.limit() < HEADER) {
            throw new TraceFormatException("pcap: file header at byte offset 0: only " + in.limit() + " of 24 bytes present", 0);
        }
        int magic = in.getInt(0);
        if (magic == Integer.reverseBytes(PcapWriter.MAGIC_NS) || magic == Integer.reverseBytes(PcapWriter.MAGIC_US)) {
            in.order(ByteOrder.BIG_ENDIAN);
            magic = Integer.reverseBytes(magic);
        }
        if (magic != PcapWriter.MAGIC_NS && magic != PcapWriter.MAGIC_US) {
            throw new TraceFormatException(String.format("pcap: file header at byte offset 0: magic 0x%08x is not a pcap magic", magic), 0);
        }
        nanos = magic == PcapWriter.MAGIC_NS;
        int major = Short.toUnsignedInt(in.getShort(4));
        if (major != 2) {
            throw new TraceFormatException("pcap: file header at byte offset 0: unsupported major version " + major, 0);
        }
        snaplen = in.getInt(16);
        linktype = in.getInt(20) & 0x0FFFFFFF; // upper bits may carry FCS information
    }

    public static PcapReader open(Path file) throws IOException {
        return new PcapReader(CaptureImage.map(file));
    }

    public static List<CapturedFrame> readAll(byte[] bytes) {
        return new PcapReader(bytes).readAll();
    }

    public List<CapturedFrame> readAll() {
        List<CapturedFrame> frames = new ArrayList<>();
        for (CapturedFrame f = next(); f != null; f = next()) {
            frames.add(f);
        }
        return frames;
    }

    public boolean nanosecondResolution() {
        return nanos;
    }

    public int snaplen() {
        return snaplen;
    }

    public int linktype() {
        return linktype;
    }

    /** The next record, or null at the end of the file. */
    public CapturedFrame next() {
        int start = pos;
        int remaining = in.limit() - start;
        if (remaining == 0) {
            return null;
        }
        recordNumber++;
        if (remaining < RECORD_HEADER) {
            throw fail(start, "truncated record header, only " + remaining + " of 16 bytes present");
        }
        long seconds = Integer.toUnsignedLong(in.getInt(start));
        long fraction = Integer.toUnsignedLong(in.getInt(start + 4));
        long caplen = Integer.toUnsignedLong(in.getInt(start + 8));
        long origlen = Integer.toUnsignedLong(in.getInt(start + 12));
        if (fraction >= (nanos ? 1_000_000_000L : 1_000_000L)) {
            throw fail(start, "timestamp fraction " + fraction + " out of range for " + (nanos ? "ns" : "us") + " resolution");
        }
        if (caplen > remaining - RECORD_HEADER) {
            throw fail(start, "captured length " + caplen + " exceeds remaining " + (remaining - RECORD_HEADER) + " bytes");
        }
        byte[] data = new byte[(int) caplen];
        in.get(start + RECORD_HEADER, data);
        pos = start + RECORD_HEADER + (int) caplen;
        long timeNs = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
        return new CapturedFrame(0, null, timeNs, CaptureSink.DIR_UNKNOWN, List.of(), data,
                (int) Math.min(origlen, Integer.MAX_VALUE));
    }

    private TraceFormatException fail(int start, String what) {
        return new TraceFormatException("pcap: record #" + recordNumber + " at byte offset " + start + ": " + what, start);
    }
}
