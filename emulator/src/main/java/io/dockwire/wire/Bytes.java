package io.dockwire.wire;

/** Big-endian (network order) field access shared by the views. */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    /** Unsigned 32-bit value (TCP sequence numbers, timestamps). */
    static long u32(byte[] b, int i) {
        return Ipv4Address.read(b, i) & 0xFFFF_FFFFL;
    }

    static void put32(byte[] b, int i, long v) {
        Ipv4Address.write(b, i, (int) v);
    }
}
