package io.dockwire.trace;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes a little-endian pcapng file: one Section Header Block, one Interface Description Block
 * per {@link #addInterface} (written at once, so it always precedes the packets that refer to
 * it) and one Enhanced Packet Block per frame, with nanosecond timestamps (if_tsresol 9) so
 * simulated time never collapses. Everything goes through one preallocated heap buffer (a channel
 * write copies it into the JDK's cached direct buffer); a frame costs no allocation. Only
 * {@link #flush()} and {@link #close()} guarantee a complete file on disk.
 * Not thread-safe: call from one thread (or through {@link AsyncCaptureSink}).
 */
public final class PcapngWriter implements CaptureSink {
    public static final int DEFAULT_SNAPLEN = 262144;
    public static final int DEFAULT_BUFFER_BYTES = 1 << 20;

    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int LINKTYPE_ETHERNET = 1;
    private static final int MAX_OPTION = 0xFFFF;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final ChannelBuffer out;
    private final int snaplen;
    /** Where a comment is encoded when its block does not fit in the buffer (made on first use). */
    private byte[] scratch;
    private int interfaces;

    /** A writer with snaplen {@value #DEFAULT_SNAPLEN}, a 1 MiB buffer and no shb_os. */
    public PcapngWriter(WritableByteChannel channel, String version) {
        this(channel, version, null, DEFAULT_SNAPLEN, DEFAULT_BUFFER_BYTES);
    }

    /**
     * @param version     goes into shb_userappl as {@code "dockwire " + version}
     * @param os          shb_os, or null to omit it
     * @param snaplen     frames longer than this are cut (origlen keeps the true length)
     * @param bufferBytes size of the one output buffer (at least 64)
     */
    public PcapngWriter(WritableByteChannel channel, String version, String os, int snaplen, int bufferBytes) {
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snaplen must be positive, snaplen=" + snaplen);
        }
        this.out = new ChannelBuffer(channel, bufferBytes);
        this.snaplen = snaplen;
        writeSectionHeader(utf8("dockwire " + version), os == null ? null : utf8(os));
    }

    /** Creates (or truncates) {@code file} and writes its section header. */
    public static PcapngWriter open(Path file, String version) throws IOException {
        return new PcapngWriter(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), version);
    }

    public int snaplen() {
        return snaplen;
    }

    /** The file's length so far, counting what is still buffered (call from the writing thread). */
    public long bytes() {
        return out.bytes();
    }

    /**
     * From now on the calling thread only encodes: each full buffer goes whole to a writer thread
     * that writes it to the channel, while encoding goes on in the next of {@code chunks}
     * buffers of the writer's buffer size. The bytes written are the same. {@link #flush()}
     * then waits for the writer; its failures surface as {@link IllegalStateException}.
     */
    void writeAsynchronously(int chunks) {
        out.writeAsynchronously(chunks);
    }

    /** After {@link #writeAsynchronously}: throws what the writer thread failed with, if anything. */
    void rethrowWriterFailure() {
        out.rethrowFailure();
    }

    @Override
    public int addInterface(CaptureInterface iface) {
        out.checkOpen();
        byte[] name = utf8(iface.name());
        byte[] description = iface.description() == null ? null : utf8(iface.description());
        int options = option(name.length) + (description == null ? 0 : option(description.length))
                + (iface.ipv4() != 0 ? option(8) : 0) + (iface.mac() != -1 ? option(6) : 0) + option(1) + 4;
        int total = 20 + options;
        ByteBuffer b = out.ensure(16);
        b.putInt(IDB).putInt(total).putShort((short) LINKTYPE_ETHERNET).putShort((short) 0).putInt(snaplen);
        putOption(2, name);
        if (description != null) {
            putOption(3, description);
        }
        if (iface.ipv4() != 0) {
            int mask = iface.prefixLen() == 0 ? 0 : -1 << (32 - iface.prefixLen());
            out.ensure(12).putShort((short) 4).putShort((short) 8)
                    .order(ByteOrder.BIG_ENDIAN).putInt(iface.ipv4()).putInt(mask)
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
        if (iface.mac() != -1) {
            b = out.ensure(12).putShort((short) 6).putShort((short) 6);
            for (int shift = 40; shift >= 0; shift -= 8) {
                b.put((byte) (iface.mac() >>> shift));
            }
            b.putShort((short) 0);
        }
        out.ensure(8).putShort((short) 9).putShort((short) 1).put((byte) 9).put((byte) 0).putShort((short) 0);
        out.ensure(8).putInt(0).putInt(total);
        return interfaces++;
    }

    @Override
    public void frame(int ifId, long timeNs, int direction, byte[] buf, int off, int len, String comment) {
        frame(ifId, timeNs, direction, buf, off, len, len, comment);
    }

    @Override
    public void frame(int ifId, long timeNs, int direction, byte[] buf, int off, int capturedLen,
                      int originalLen, String comment) {
        out.checkOpen();
        if (ifId < 0 || ifId >= interfaces) {
            throw new IllegalArgumentException("unknown interface id " + ifId + ", " + interfaces + " declared");
        }
        if (timeNs < 0) {
            throw new IllegalArgumentException("negative timestamp " + timeNs);
        }
        if (direction < DIR_UNKNOWN || direction > DIR_OUT) {
            throw new IllegalArgumentException("direction must be 0, 1 or 2, direction=" + direction);
        }
        if (capturedLen < 0 || originalLen < capturedLen) {
            throw new IllegalArgumentException("lengths: captured " + capturedLen + ", original " + originalLen);
        }
        Objects.checkFromIndexSize(off, capturedLen, buf.length); // before any byte is buffered
        int caplen = Math.min(capturedLen, snaplen);
        // Room for the whole block with the longest encoding the comment may have (<= 3 bytes per char).
        int bound = 32 + caplen + 3 + 12 + (comment == null ? 0 : 4 + 3 * comment.length() + 3);
        if (out.remaining() >= bound && (comment == null || comment.length() <= MAX_OPTION / 3)) {
            putWhole(out.buffer(), ifId, timeNs, direction, buf, off, caplen, originalLen, comment);
            return;
        }
        int commentLen = 0;
        if (comment != null) {
            if (comment.length() > MAX_OPTION) { // at least one byte per char
                throw new IllegalArgumentException("comment longer than 65535 UTF-8 bytes: " + comment.length() + " chars");
            }
            if (scratch == null) {
                scratch = new byte[3 * MAX_OPTION];
            }
            commentLen = Utf8.encode(comment, scratch, 0);
            if (commentLen > MAX_OPTION) {
                throw new IllegalArgumentException("comment longer than 65535 UTF-8 bytes: " + commentLen);
            }
        }
        int options = (direction != DIR_UNKNOWN ? 8 : 0) + (comment != null ? option(commentLen) : 0);
        if (options != 0) {
            options += 4;
        }
        int total = 32 + pad4(caplen) + options;
        out.ensure(28).putInt(EPB).putInt(total).putInt(ifId)
                .putInt((int) (timeNs >>> 32)).putInt((int) timeNs).putInt(caplen).putInt(originalLen);
        out.put(buf, off, caplen);
        out.zeros(pad4(caplen) - caplen);
        if (direction != DIR_UNKNOWN) {
            out.ensure(8).putShort((short) 2).putShort((short) 4).putInt(direction);
        }
        if (comment != null) {
            out.ensure(4).putShort((short) 1).putShort((short) commentLen);
            out.put(scratch, 0, commentLen);
            out.zeros(pad4(commentLen) - commentLen);
        }
        if (options != 0) {
            out.ensure(4).putInt(0);
        }
        out.ensure(4).putInt(total);
    }

    /**
     * An EPB that fits in {@code b} whatever its comment encodes to: the common case, stored
     * straight into the buffer's array in one pass (the comment is encoded in place, its length
     * and the block's filled in after), without a check per field.
     */
    private static void putWhole(ByteBuffer b, int ifId, long timeNs, int direction, byte[] buf, int off,
                                 int caplen, int originalLen, String comment) {
        byte[] a = b.array();
        int p = b.arrayOffset() + b.position();
        INT.set(a, p, EPB);
        INT.set(a, p + 8, ifId);
        INT.set(a, p + 12, (int) (timeNs >>> 32));
        INT.set(a, p + 16, (int) timeNs);
        INT.set(a, p + 20, caplen);
        INT.set(a, p + 24, originalLen);
        System.arraycopy(buf, off, a, p + 28, caplen);
        int q = zeros(a, p + 28 + caplen, pad4(caplen) - caplen);
        if (direction != DIR_UNKNOWN) {
            INT.set(a, q, 2 | 4 << 16); // epb_flags, length 4
            INT.set(a, q + 4, direction);
            q += 8;
        }
        if (comment != null) {
            int end = Utf8.encode(comment, a, q + 4);
            int len = end - q - 4;
            INT.set(a, q, 1 | len << 16); // opt_comment
            q = zeros(a, end, pad4(len) - len);
        }
        if (direction != DIR_UNKNOWN || comment != null) {
            INT.set(a, q, 0); // opt_endofopt
            q += 4;
        }
        int total = q + 4 - p;
        INT.set(a, p + 4, total);
        INT.set(a, q, total);
        b.position(b.position() + total);
    }

    private static int zeros(byte[] a, int from, int n) {
        for (int i = 0; i < n; i++) {
            a[from + i] = 0;
        }
        return from + n;
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.close();
    }

    private void writeSectionHeader(byte[] userAppl, byte[] os) {
        int options = (os == null ? 0 : option(os.length)) + option(userAppl.length) + 4;
        int total = 28 + options;
        out.ensure(24).putInt(SHB).putInt(total).putInt(BYTE_ORDER_MAGIC)
                .putShort((short) 1).putShort((short) 0).putLong(-1L);
        if (os != null) {
            putOption(3, os);
        }
        putOption(4, userAppl);
        out.ensure(8).putInt(0).putInt(total);
    }

    private void putOption(int code, byte[] value) {
        out.ensure(4).putShort((short) code).putShort((short) value.length);
        out.put(value, 0, value.length);
        out.zeros(pad4(value.length) - value.length);
    }

    private static int option(int valueLen) {
        return 4 + pad4(valueLen);
    }

    static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private static byte[] utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_OPTION) {
            throw new IllegalArgumentException("option longer than 65535 bytes: " + s.substring(0, 40) + "...");
        }
        return b;
    }
}
