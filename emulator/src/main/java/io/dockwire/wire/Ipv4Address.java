package io.dockwire.wire;

/** IPv4 addresses as an {@code int} (network byte order: first octet most significant). */
public final class Ipv4Address {
    private Ipv4Address() {
    }

    public static int read(byte[] buf, int off) {
        return ((buf[off] & 0xFF) << 24) | ((buf[off + 1] & 0xFF) << 16) | ((buf[off + 2] & 0xFF) << 8)
                | (buf[off + 3] & 0xFF);
    }

    public static void write(byte[] buf, int off, int addr) {
        buf[off] = (byte) (addr >>> 24);
        buf[off + 1] = (byte) (addr >>> 16);
        buf[off + 2] = (byte) (addr >>> 8);
        buf[off + 3] = (byte) addr;
    }

    /** Dotted quad: {@code 172.17.0.2}. */
    public static String toString(int addr) {
        return (addr >>> 24) + "." + ((addr >>> 16) & 0xFF) + "." + ((addr >>> 8) & 0xFF) + "." + (addr & 0xFF);
    }

    /** Parses a dotted quad (1-3 decimal digits each, at most 255); rejects anything else with the text in the message. */
    public static int parse(String text) {
        int addr = 0;
        int parts = 0;
        int i = 0;
        int n = text.length();
        while (true) {
            int v = 0;
            int digits = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && digits < 4) {
                v = v * 10 + (text.charAt(i++) - '0');
                digits++;
            }
            if (digits == 0 || digits > 3 || v > 255) {
                throw new IllegalArgumentException("invalid IPv4 address, text=" + text);
            }
            addr = (addr << 8) | v;
            parts++;
            if (i == n) {
                break;
            }
            if (text.charAt(i++) != '.' || parts == 4) {
                throw new IllegalArgumentException("invalid IPv4 address, text=" + text);
            }
        }
        if (parts != 4) {
            throw new IllegalArgumentException("invalid IPv4 address, text=" + text);
        }
        return addr;
    }

    /** Network mask for a prefix length 0..32. */
    public static int mask(int prefixLen) {
        return prefixLen == 0 ? 0 : -1 << (32 - prefixLen);
    }
}
