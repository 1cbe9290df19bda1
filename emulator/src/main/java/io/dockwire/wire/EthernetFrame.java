package io.dockwire.wire;

/**
 * Ethernet II header: static accessors for hot loops (instance flyweight methods may be added).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Destination MAC (6 bytes)                    |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+    Source MAC (6 bytes)       +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          EtherType            |          payload ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class EthernetFrame {
    public static final int DST_OFFSET = 0;
    public static final int SRC_OFFSET = 6;
    public static final int ETHERTYPE_OFFSET = 12;
    public static final int HEADER_LENGTH = 14;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_IPV6 = 0x86DD;

    private EthernetFrame() {
    }

    public static long dst(byte[] buf, int off) {
        return MacAddress.read(buf, off + DST_OFFSET);
    }

    public static long src(byte[] buf, int off) {
        return MacAddress.read(buf, off + SRC_OFFSET);
    }

    public static int etherType(byte[] buf, int off) {
        return ((buf[off + ETHERTYPE_OFFSET] & 0xFF) << 8) | (buf[off + ETHERTYPE_OFFSET + 1] & 0xFF);
    }

    public static void dst(byte[] buf, int off, long mac) {
        MacAddress.write(buf, off + DST_OFFSET, mac);
    }

    public static void src(byte[] buf, int off, long mac) {
        MacAddress.write(buf, off + SRC_OFFSET, mac);
    }

    public static void etherType(byte[] buf, int off, int type) {
        buf[off + ETHERTYPE_OFFSET] = (byte) (type >>> 8);
        buf[off + ETHERTYPE_OFFSET + 1] = (byte) type;
    }
}
