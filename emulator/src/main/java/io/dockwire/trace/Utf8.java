package io.dockwire.trace;

/**
 * UTF-8 encoding straight into the output array, so frame comments cost no allocation and
 * no cache that could grow with distinct strings. Unpaired surrogates become '?', as
 * {@link String#getBytes} does, so both paths agree byte for byte.
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Encodes {@code s} into {@code dst} from {@code off}; returns the end offset. Writes at most
     * 3 bytes per char of {@code s}.
     */
    static int encode(String s, byte[] dst, int off) {
        int p = off;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                dst[p++] = (byte) c;
            } else if (c < 0x800) {
                dst[p++] = (byte) (0xC0 | c >> 6);
                dst[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                dst[p++] = (byte) (0xF0 | cp >> 18);
                dst[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                dst[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                dst[p++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                dst[p++] = '?';
            } else {
                dst[p++] = (byte) (0xE0 | c >> 12);
                dst[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                dst[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return p;
    }
}
