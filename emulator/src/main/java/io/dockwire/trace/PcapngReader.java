package io.dockwire.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcapng files of either byte order, one Enhanced Packet Block at a time; other block
 * types are checked for consistent lengths and skipped. Several sections are allowed (interface
 * ids restart in each). Any inconsistency gives a {@link TraceFormatException} whose message
 * reads {@code "pcapng: <Block Type> #<n> at byte offset <o>: <what>"}, where n counts blocks
 * from 1 at the start of the file. Not thread-safe.
 */
public final class PcapngReader {
    private static final int SPB = 3;
    private static final int NRB = 4;
    private static final int ISB = 5;
    private static final int DSB = 10;

    private final ByteBuffer in;
    private int pos;
    private int blockNumber;
    private final List<Iface> ifaces = new ArrayList<>();
    private String userApplication;

    /** Reads {@code bytes} (not copied; do not change them while reading). */
    public PcapngReader(byte[] bytes) {
        this(ByteBuffer.wrap(bytes));
    }

    /** Reads the bytes between the buffer's position and limit. */
    public PcapngReader(ByteBuffer image) {
        this.in = image.slice();
    }

    public static PcapngReader open(Path file) throws IOException {
        return new PcapngReader(CaptureImage.map(file));
    }

    /** Reads every remaining packet record. */
    public static List<CapturedFrame> readAll(byte[] bytes) {
        return new PcapngReader(bytes).readAll();
    }

    public List<CapturedFrame> readAll() {
        List<CapturedFrame> frames = new ArrayList<>();
        for (CapturedFrame f = next(); f != null; f = next()) {
            frames.add(f);
        }
        return frames;
    }

    /** Interfaces declared so far in the current section, indexed by interface id. */
    public List<CaptureInterface> interfaces() {
        List<CaptureInterface> list = new ArrayList<>(ifaces.size());
        for (Iface i : ifaces) {
            list.add(i.info);
        }
        return list;
    }

    /** shb_userappl of the current section, or null. */
    public String userApplication() {
        return userApplication;
    }

    /** The next packet record, or null at the end of the file. */
    public CapturedFrame next() {
        if (in.limit() == 0 && blockNumber == 0) {
            blockNumber = 1;
            throw fail("Section Header Block", 0, "missing, the input is empty");
        }
        while (pos < in.limit()) {
            int start = pos;
            int remaining = in.limit() - pos;
            blockNumber++;
            if (blockNumber == 1) {
                startSection(start, remaining);
            }
            int type = remaining >= 4 ? in.getInt(start) : -1;
            if (type == PcapngWriter.SHB && blockNumber > 1) {
                startSection(start, remaining);
            }
            String name = remaining >= 4 ? blockName(type) : "block";
            if (remaining < 12) {
                throw fail(name, start, "truncated block header, only " + remaining + " bytes remain (a block needs at least 12)");
            }
            long total = Integer.toUnsignedLong(in.getInt(start + 4));
            if (total < 12) {
                throw fail(name, start, "total length " + total + " is below the minimum 12");
            }
            if (total > remaining) {
                throw fail(name, start, "total length " + total + " exceeds remaining " + remaining + " bytes");
            }
            if (total % 4 != 0) {
                throw fail(name, start, "total length " + total + " is not a multiple of 4");
            }
            int end = start + (int) total;
            long trailer = Integer.toUnsignedLong(in.getInt(end - 4));
            if (trailer != total) {
                throw fail(name, start, "trailing total length " + trailer + " differs from leading total length " + total);
            }
            pos = end;
            int body = start + 8;
            int bodyEnd = end - 4;
            if (type == PcapngWriter.SHB) {
                readSectionHeader(name, start, body, bodyEnd);
            } else if (type == PcapngWriter.IDB) {
                readInterface(name, start, body, bodyEnd);
            } else if (type == PcapngWriter.EPB) {
                return readPacket(name, start, body, bodyEnd);
            }
        }
        return null;
    }

    private void startSection(int start, int remaining) {
        if (remaining < 12) {
            throw fail(remaining >= 4 ? blockName(in.getInt(start)) : "block", start,
                    "truncated block header, only " + remaining + " bytes remain (a section header needs at least 28)");
        }
        if (in.getInt(start) != PcapngWriter.SHB) {
            throw fail(blockName(in.getInt(start)), start, String.format(
                    "not a pcapng section: block type 0x%08x where a Section Header Block (0x0a0d0d0a) must start", in.getInt(start)));
        }
        in.order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(start + 8);
        if (magic == Integer.reverseBytes(PcapngWriter.BYTE_ORDER_MAGIC)) {
            in.order(ByteOrder.BIG_ENDIAN);
        } else if (magic != PcapngWriter.BYTE_ORDER_MAGIC) {
            throw fail("Section Header Block", start, String.format("byte-order magic 0x%08x is not 0x1a2b3c4d in either byte order", magic));
        }
        ifaces.clear();
        userApplication = null;
    }

    private void readSectionHeader(String name, int start, int body, int bodyEnd) {
        if (bodyEnd - body < 16) {
            throw fail(name, start, "total length " + (bodyEnd - body + 12) + " is below the minimum 28");
        }
        int major = Short.toUnsignedInt(in.getShort(body + 4));
        if (major != 1) {
            throw fail(name, start, "unsupported major version " + major);
        }
        int p = body + 16;
        while ((p = nextOption(name, start, p, bodyEnd)) >= 0) {
            if (code(p) == 4) {
                userApplication = string(p);
            }
            p = afterOption(p, bodyEnd);
        }
    }

    private void readInterface(String name, int start, int body, int bodyEnd) {
        if (bodyEnd - body < 8) {
            throw fail(name, start, "total length " + (bodyEnd - body + 12) + " is below the minimum 20");
        }
        String ifName = null;
        String description = null;
        long mac = -1;
        int ipv4 = 0;
        int prefix = 0;
        int tsresol = 6;
        long tsoffsetS = 0;
        int p = body + 8;
        while ((p = nextOption(name, start, p, bodyEnd)) >= 0) {
            int code = code(p);
            if (code == 2) {
                ifName = string(p);
            } else if (code == 3) {
                description = string(p);
            } else if (code == 4 && expectLength(name, start, p, 8)) {
                ipv4 = in.order() == ByteOrder.BIG_ENDIAN ? in.getInt(p + 4) : Integer.reverseBytes(in.getInt(p + 4));
                prefix = Integer.bitCount(in.getInt(p + 8));
            } else if (code == 6 && expectLength(name, start, p, 6)) {
                mac = 0;
                for (int i = 0; i < 6; i++) {
                    mac = mac << 8 | (in.get(p + 4 + i) & 0xFF);
                }
            } else if (code == 9 && expectLength(name, start, p, 1)) {
                tsresol = in.get(p + 4) & 0xFF;
                if ((tsresol & 0x80) == 0 ? tsresol > 18 : (tsresol & 0x7F) > 63) {
                    throw fail(name, start, "unsupported if_tsresol " + tsresol);
                }
            } else if (code == 14 && expectLength(name, start, p, 8)) {
                tsoffsetS = in.getLong(p + 4);
            }
            p = afterOption(p, bodyEnd);
        }
        String label = ifName == null || ifName.isEmpty() ? "if" + ifaces.size() : ifName;
        ifaces.add(new Iface(new CaptureInterface(label, description, mac, ipv4, prefix), ifName, tsresol, tsoffsetS));
    }

    private CapturedFrame readPacket(String name, int start, int body, int bodyEnd) {
        if (bodyEnd - body < 20) {
            throw fail(name, start, "total length " + (bodyEnd - body + 12) + " is below the minimum 32");
        }
        long ifId = Integer.toUnsignedLong(in.getInt(body));
        if (ifId >= ifaces.size()) {
            throw fail(name, start, "refers to interface " + ifId + " but only " + ifaces.size() + " declared before it in this section");
        }
        Iface iface = ifaces.get((int) ifId);
        long raw = (Integer.toUnsignedLong(in.getInt(body + 4)) << 32) | Integer.toUnsignedLong(in.getInt(body + 8));
        long caplen = Integer.toUnsignedLong(in.getInt(body + 12));
        long origlen = Integer.toUnsignedLong(in.getInt(body + 16));
        int space = bodyEnd - body - 20;
        if (caplen > space) {
            throw fail(name, start, "captured length " + caplen + " exceeds the " + space + " bytes of packet data in the block");
        }
        byte[] data = new byte[(int) caplen];
        in.get(body + 20, data);
        int direction = CaptureSink.DIR_UNKNOWN;
        List<String> comments = new ArrayList<>(1);
        int p = body + 20 + PcapngWriter.pad4((int) caplen);
        while ((p = nextOption(name, start, p, bodyEnd)) >= 0) {
            int code = code(p);
            if (code == 1) {
                comments.add(string(p));
            } else if (code == 2 && expectLength(name, start, p, 4)) {
                direction = in.getInt(p + 4) & 3;
            }
            p = afterOption(p, bodyEnd);
        }
        return new CapturedFrame((int) ifId, iface.name, iface.toNanos(raw), direction, comments, data,
                (int) Math.min(origlen, Integer.MAX_VALUE));
    }

    /** Position of the option at {@code p}, or -1 at opt_endofopt or the end of the body. */
    private int nextOption(String name, int start, int p, int bodyEnd) {
        if (p >= bodyEnd) {
            return -1;
        }
        if (bodyEnd - p < 4) {
            throw fail(name, start, "option at byte offset " + p + " is cut short (" + (bodyEnd - p) + " bytes left in the block)");
        }
        if (code(p) == 0) {
            return -1;
        }
        if (length(p) > bodyEnd - p - 4) {
            throw fail(name, start, "option code " + code(p) + " at byte offset " + p + " has length " + length(p)
                    + " but only " + (bodyEnd - p - 4) + " bytes are left in the block");
        }
        return p;
    }

    private int afterOption(int p, int bodyEnd) {
        return Math.min(bodyEnd, p + 4 + PcapngWriter.pad4(length(p)));
    }

    private boolean expectLength(String name, int start, int p, int expected) {
        if (length(p) < expected) {
            throw fail(name, start, "option code " + code(p) + " at byte offset " + p + " has length " + length(p)
                    + ", expected " + expected);
        }
        return true;
    }

    private int code(int p) {
        return Short.toUnsignedInt(in.getShort(p));
    }

    private int length(int p) {
        return Short.toUnsignedInt(in.getShort(p + 2));
    }

    private String string(int p) {
        byte[] b = new byte[length(p)];
        in.get(p + 4, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private TraceFormatException fail(String blockName, int start, String what) {
        return new TraceFormatException("pcapng: " + blockName + " #" + blockNumber + " at byte offset " + start + ": " + what, start);
    }

    static String blockName(int type) {
        switch (type) {
            case PcapngWriter.SHB: return "Section Header Block";
            case PcapngWriter.IDB: return "Interface Description Block";
            case PcapngWriter.EPB: return "Enhanced Packet Block";
            case SPB: return "Simple Packet Block";
            case NRB: return "Name Resolution Block";
            case ISB: return "Interface Statistics Block";
            case DSB: return "Decryption Secrets Block";
            default: return String.format("block of type 0x%08x", type);
        }
    }

    /** What a packet needs from its interface: the name, and how to turn raw time into ns. */
    private static final class Iface {
        final CaptureInterface info;
        final String name;
        final int tsresol;
        final long offsetNs;

        Iface(CaptureInterface info, String name, int tsresol, long tsoffsetS) {
            this.info = info;
            this.name = name;
            this.tsresol = tsresol;
            this.offsetNs = tsoffsetS * 1_000_000_000L;
        }

        long toNanos(long raw) {
            long ns;
            if ((tsresol & 0x80) != 0) {
                int shift = tsresol & 0x7F;
                long hi = Math.multiplyHigh(raw, 1_000_000_000L) + ((raw >> 63) & 1_000_000_000L); // unsigned 128-bit product
                long lo = raw * 1_000_000_000L;
                ns = shift == 0 ? lo : shift >= 64 ? hi >>> (shift - 64) : (lo >>> shift) | (hi << (64 - shift));
            } else if (tsresol <= 9) {
                ns = raw * pow10(9 - tsresol);
            } else {
                ns = Long.divideUnsigned(raw, pow10(tsresol - 9));
            }
            return ns + offsetNs;
        }

        private static long pow10(int n) {
            long v = 1;
            for (int i = 0; i < n; i++) {
                v *= 10;
            }
            return v;
        }
    }
}
