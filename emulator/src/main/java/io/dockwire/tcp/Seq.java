package io.dockwire.tcp;

/** Sequence number comparisons modulo 2^32 (RFC 9293 3.4; Linux before()/after()). */
final class Seq {
    private Seq() {
    }

    static boolean lt(int a, int b) {
        return a - b < 0;
    }

    static boolean le(int a, int b) {
        return a - b <= 0;
    }

    static boolean gt(int a, int b) {
        return a - b > 0;
    }

    static boolean ge(int a, int b) {
        return a - b >= 0;
    }

    static long unsigned(int seq) {
        return seq & 0xFFFF_FFFFL;
    }
}
