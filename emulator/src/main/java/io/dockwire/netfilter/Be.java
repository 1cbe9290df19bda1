package io.dockwire.netfilter;

/** Big-endian field access (the wire package keeps its own helper package-private). */
final class Be {
    private Be() {
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static long u32(byte[] b, int i) {
        return (((long) (b[i] & 0xFF)) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
