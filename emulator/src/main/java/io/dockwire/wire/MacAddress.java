package io.dockwire.wire;

/**
 * MAC addresses as the low 48 bits of a {@code long} (first byte on the wire = most significant),
 * so the hot path never allocates. Text form is lower-case colon-separated, as iproute2 prints it.
 */
public final class MacAddress {
    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    public static final long NONE = -1L;

    private MacAddress() {
    }

    /** Reads 6 bytes at {@code off} as a MAC. */
    public static long read(byte[] buf, int off) {
        if (off >= 0 && off <= buf.length - 8) { // one load for the six bytes and the two after them
            return Bytes.i64(buf, off) >>> 16;
        }
        return ((buf[off] & 0xFFL) << 40) | ((buf[off + 1] & 0xFFL) << 32) | ((buf[off + 2] & 0xFFL) << 24)
                | ((buf[off + 3] & 0xFFL) << 16) | ((buf[off + 4] & 0xFFL) << 8) | (buf[off + 5] & 0xFFL);
    }

    /** Writes {@code mac} as 6 bytes at {@code off}. */
    public static void write(byte[] buf, int off, long mac) {
        buf[off] = (byte) (mac >>> 40);
        buf[off + 1] = (byte) (mac >>> 32);
        buf[off + 2] = (byte) (mac >>> 24);
        buf[off + 3] = (byte) (mac >>> 16);
        buf[off + 4] = (byte) (mac >>> 8);
        buf[off + 5] = (byte) mac;
    }

    /** True for group addresses (broadcast and multicast): the I/G bit of the first byte. */
    public static boolean isMulticast(long mac) {
        return (mac & 0x0100_0000_0000L) != 0;
    }

    public static boolean isBroadcast(long mac) {
        return mac == BROADCAST;
    }

    /** {@code 02:42:ac:11:00:02}. */
    public static String toString(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (mac >>> shift) & 0xFF;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            if (shift > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (case-insensitive). */
    public static long parse(String text) {
        if (text.length() != 17) {
            throw new IllegalArgumentException("invalid MAC address, text=" + text);
        }
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            int at = i * 3;
            int hi = Character.digit(text.charAt(at), 16);
            int lo = Character.digit(text.charAt(at + 1), 16);
            if (hi < 0 || lo < 0 || (i < 5 && text.charAt(at + 2) != ':')) {
                throw new IllegalArgumentException("invalid MAC address, text=" + text);
            }
            mac = (mac << 8) | (hi << 4) | lo;
        }
        return mac;
    }
}
