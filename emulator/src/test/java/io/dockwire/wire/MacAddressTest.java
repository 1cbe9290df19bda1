package io.dockwire.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MacAddressTest {
    /** The one-load read (room for 8 bytes) and the byte-wise read at the end of the array agree. */
    @Test
    void readsTheSameAtEveryOffsetUpToTheArraysEnd() {
        byte[] b = new byte[20];
        java.util.Random r = new java.util.Random(5);
        r.nextBytes(b);
        for (int off = 0; off + 6 <= b.length; off++) {
            long expected = 0;
            for (int i = 0; i < 6; i++) {
                expected = (expected << 8) | (b[off + i] & 0xFF);
            }
            assertEquals(expected, MacAddress.read(b, off), "offset " + off);
            byte[] copy = new byte[20];
            MacAddress.write(copy, off, expected);
            assertEquals(expected, MacAddress.read(copy, off));
        }
    }
}
