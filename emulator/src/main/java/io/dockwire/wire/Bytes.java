package io.dockwire.wire;

/** Big-endian (network order) field access, shared by the views and the protocol engines. */
public final class Bytes {
    private static final java.lang.invoke.VarHandle BE_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    /** Eight bytes as one big-endian long, in one load ({@code i + 8 <= b.length}). */
    public static long i64(byte[] b, int i) {
        return (long) BE_LONG.get(b, i);
    }

    public static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    public static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    public static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    /** The 32-bit field as a signed int (TCP sequence numbers, timestamps: arithmetic wraps naturally). */
    public static int i32(byte[] b, int i) {
        return (int) u32(b, i);
    }

    /** Unsigned 32-bit value. */
    public static long u32(byte[] b, int i) {
        return Ipv4Address.read(b, i) & 0xFFFF_FFFFL;
    }

    public static void put32(byte[] b, int i, long v) {
        Ipv4Address.write(b, i, (int) v);
    }
}
