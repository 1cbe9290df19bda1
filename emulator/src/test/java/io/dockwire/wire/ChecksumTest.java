package io.dockwire.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChecksumTest {

    @Test
    void sumMatchesRfc1071WorkedExample() {
        // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2.
        byte[] b = Fixtures.hex("0001f203f4f5f6f7");
        assertEquals(0xddf2, Checksum.sum(b, 0, b.length));
        assertEquals(0x220d, Checksum.compute(b, 0, b.length));
    }

    @Test
    void oddLengthPadsWithZeroByte() {
        byte[] b = Fixtures.hex("0001f203f4");
        assertEquals((0x0001 + 0xf203 + 0xf400) % 0xFFFF, Checksum.sum(b, 0, b.length));
    }

    @Test
    void verifiesKernelIpHeader() {
        assertTrue(Checksum.verify(Fixtures.ICMP_ECHO_REQUEST, 14, 20));
    }

    @Test
    void pseudoHeaderPlusSegmentVerifiesKernelTcpRst() {
        byte[] f = Fixtures.TCP_RST_ACK;
        int partial = Checksum.add(Checksum.pseudoHeader(Fixtures.IP_C2, Fixtures.IP_C1, 6, 20), Checksum.sum(f, 34, 20));
        assertEquals(0xFFFF, partial);
    }

    @Test
    void update16MatchesRfc1624Example() {
        // RFC 1624 section 4: HC 0xdd2f, m 0x5555 -> m' 0x3285 gives HC' 0x0000.
        assertEquals(0x0000, Checksum.update16(0xdd2f, 0x5555, 0x3285));
    }

    @Test
    void update32EqualsTwoUpdate16() {
        int hc = 0x1234;
        int a = 0xac110002;
        int b = 0xc0a8010a;
        assertEquals(Checksum.update16(Checksum.update16(hc, a >>> 16, b >>> 16), a & 0xFFFF, b & 0xFFFF),
                Checksum.update32(hc, a, b));
    }

    /** The word-at-a-time sum agrees with RFC 1071's 16-bit loop at every offset and length. */
    @Test
    void wideSumMatchesSixteenBitWordsAtEveryOffsetAndLength() {
        java.util.Random r = new java.util.Random(8);
        for (int round = 0; round < 200; round++) {
            byte[] b = new byte[80];
            if (round % 3 == 0) {
                java.util.Arrays.fill(b, (byte) 0xFF); // carries everywhere
            } else if (round % 3 == 1) {
                r.nextBytes(b);
            }
            for (int off = 0; off < 9; off++) {
                for (int len = 0; off + len <= b.length; len++) {
                    long acc = 0;
                    for (int i = 0; i + 1 < len; i += 2) {
                        acc += ((b[off + i] & 0xFF) << 8) | (b[off + i + 1] & 0xFF);
                    }
                    if ((len & 1) == 1) {
                        acc += (b[off + len - 1] & 0xFF) << 8;
                    }
                    while ((acc >>> 16) != 0) {
                        acc = (acc & 0xFFFF) + (acc >>> 16);
                    }
                    assertEquals((int) acc, Checksum.sum(b, off, len), "off=" + off + " len=" + len);
                }
            }
        }
    }

    /** add, update16, update32 and pseudoHeader fold as RFC 1071's carry loop does, extremes included. */
    @Test
    void foldingAgreesWithTheCarryLoopForEveryHelper() {
        java.util.Random r = new java.util.Random(9);
        int[] edge = {0, 1, 0xFFFE, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_0000, 0x0000_FFFF};
        for (int round = 0; round < 20_000; round++) {
            int a = round < 81 ? edge[round % 9] : r.nextInt();
            int b = round < 81 ? edge[round / 9] : r.nextInt();
            int c = r.nextInt();
            assertEquals(loopFold((long) (a & 0xFFFF) + (b & 0xFFFF)), Checksum.add(a & 0xFFFF, b & 0xFFFF));
            assertEquals(~loopFold((long) (~c & 0xFFFF) + (~a & 0xFFFF) + (b & 0xFFFF)) & 0xFFFF,
                    Checksum.update16(c, a, b));
            assertEquals(~loopFold((long) (~c & 0xFFFF) + (~a >>> 16) + (~a & 0xFFFF) + (b >>> 16) + (b & 0xFFFF))
                    & 0xFFFF, Checksum.update32(c, a, b));
            assertEquals(loopFold((long) (a >>> 16) + (a & 0xFFFF) + (b >>> 16) + (b & 0xFFFF) + (c & 0xFF)
                    + (round & 0xFFFF)), Checksum.pseudoHeader(a, b, c, round));
        }
    }

    private static int loopFold(long acc) {
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xFFFF) + (acc >>> 16);
        }
        return (int) acc;
    }
    /**
     * verify, verify20 and verifyWithPseudoHeader (which test the unfolded sum for a multiple of
     * 0xFFFF instead of folding) answer as sum/add == 0xFFFF do: on random, all-ones and all-zero
     * data, and on data whose checksum field was set so that it verifies (and then one bit off).
     */
    @Test
    void verifyingWithoutFoldingAgreesWithTheFoldedSum() {
        java.util.Random r = new java.util.Random(12);
        for (int round = 0; round < 20_000; round++) {
            int len = 8 + r.nextInt(60);
            byte[] b = new byte[len + 3];
            int kind = round % 4;
            if (kind == 0) {
                java.util.Arrays.fill(b, (byte) 0xFF);
            } else if (kind != 1) {
                r.nextBytes(b);
            }
            int off = r.nextInt(3);
            int src = r.nextInt();
            int dst = round % 7 == 0 ? 0 : r.nextInt();
            int proto = round % 5 == 0 ? 0 : 17;
            if (kind == 3) { // make it verify: store the checksum over the region at bytes 6-7 (UDP's place)
                b[off + 6] = 0;
                b[off + 7] = 0;
                int c = Checksum.finish(Checksum.add(Checksum.pseudoHeader(src, dst, proto, len), Checksum.sum(b, off, len)));
                Bytes.put16(b, off + 6, c);
                if (round % 8 == 3) {
                    b[off + r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            assertEquals(Checksum.sum(b, off, len) == 0xFFFF, Checksum.verify(b, off, len), "round " + round);
            if (len >= 20) {
                assertEquals(Checksum.sum(b, off, 20) == 0xFFFF, Checksum.verify20(b, off), "round " + round);
            }
            assertEquals(Checksum.add(Checksum.pseudoHeader(src, dst, proto, len), Checksum.sum(b, off, len)) == 0xFFFF,
                    Checksum.verifyWithPseudoHeader(b, off, len, src, dst, proto), "round " + round);
        }
        byte[] header = java.util.Arrays.copyOfRange(Fixtures.ICMP_ECHO_REQUEST, 14, 34);
        assertTrue(Checksum.verify20(header, 0));
        header[10] ^= 1;
        assertFalse(Checksum.verify20(header, 0));
    }
}
