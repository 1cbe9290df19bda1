package io.dockwire.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian (network order) field access, shared by the views and the protocol engines. Wider
 * fields are one load or store through a byte-array view (HotSpot compiles it to a plain
 * unaligned access and a byte swap), not one per byte; the bounds are the same bytes as before.
 */
public final class Bytes {
    private static final VarHandle BE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    public static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    public static int u16(byte[] b, int i) {
        return (short) BE_SHORT.get(b, i) & 0xFFFF;
    }

    public static void put16(byte[] b, int i, int v) {
        BE_SHORT.set(b, i, (short) v);
    }

    /** Unsigned 32-bit value (TCP sequence numbers, timestamps). */
    /** The 32-bit field as a signed int (sequence arithmetic wraps naturally). */
    public static int i32(byte[] b, int i) {
        return (int) BE_INT.get(b, i);
    }

    public static long u32(byte[] b, int i) {
        return i32(b, i) & 0xFFFF_FFFFL;
    }

    public static void put32(byte[] b, int i, long v) {
        BE_INT.set(b, i, (int) v);
    }
}
