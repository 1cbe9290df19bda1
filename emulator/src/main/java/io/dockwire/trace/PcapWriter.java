package io.dockwire.trace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Classic libpcap file for one interface, for tools that cannot read pcapng: nanosecond magic
 * 0xa1b23c4d, version 2.4, linktype 1 (Ethernet), little-endian. Directions and comments have
 * no place in this format and are dropped. No allocation per record.
 */
public final class PcapWriter implements AutoCloseable {
    static final int MAGIC_NS = 0xA1B23C4D;
    static final int MAGIC_US = 0xA1B2C3D4;
    private static final long NS_PER_S = 1_000_000_000L;

    private final ChannelBuffer out;
    private final int snaplen;

    public PcapWriter(WritableByteChannel channel, int snaplen, int bufferBytes) {
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snaplen must be positive, snaplen=" + snaplen);
        }
        this.out = new ChannelBuffer(channel, bufferBytes);
        this.snaplen = snaplen;
        out.ensure(24).putInt(MAGIC_NS).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(snaplen).putInt(PcapngWriter.LINKTYPE_ETHERNET);
    }

    public static PcapWriter open(Path file, int snaplen, int bufferBytes) throws IOException {
        return new PcapWriter(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), snaplen, bufferBytes);
    }

    /** Writes one record; bytes beyond snaplen are cut, {@code originalLen} is kept. */
    public void record(long timeNs, byte[] buf, int off, int capturedLen, int originalLen) {
        out.checkOpen();
        if (timeNs < 0 || timeNs / NS_PER_S > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("timestamp out of pcap range: " + timeNs);
        }
        if (capturedLen < 0 || originalLen < capturedLen) {
            throw new IllegalArgumentException("lengths: captured " + capturedLen + ", original " + originalLen);
        }
        Objects.checkFromIndexSize(off, capturedLen, buf.length); // before any byte is buffered
        int caplen = Math.min(capturedLen, snaplen);
        out.ensure(16).putInt((int) (timeNs / NS_PER_S)).putInt((int) (timeNs % NS_PER_S))
                .putInt(caplen).putInt(originalLen);
        out.put(buf, off, caplen);
    }

    public void flush() {
        out.drain();
    }

    @Override
    public void close() {
        out.close();
    }
}
