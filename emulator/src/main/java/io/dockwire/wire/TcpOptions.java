package io.dockwire.wire;

/**
 * The TCP options Linux uses (RFC 9293 MSS, RFC 2018 SACK-permitted, RFC 7323 window scale and
 * timestamps). {@link #NO_MSS}/{@link #NO_WSCALE} mark absent values. Emission follows Linux's
 * tcp_options_write layout so a SYN built here is byte-identical to a kernel one.
 */
public record TcpOptions(int mss, boolean sackPermitted, int windowScale, boolean timestamps, long tsVal, long tsEcr) {
    public static final int KIND_EOL = 0;
    public static final int KIND_NOP = 1;
    public static final int KIND_MSS = 2;
    public static final int KIND_WSCALE = 3;
    public static final int KIND_SACK_PERM = 4;
    public static final int KIND_SACK = 5;
    public static final int KIND_TIMESTAMP = 8;

    public static final int NO_MSS = -1;
    public static final int NO_WSCALE = -1;
    public static final TcpOptions NONE = new TcpOptions(NO_MSS, false, NO_WSCALE, false, 0, 0);

    /** A Linux SYN: mss, sackOK, TS, nop, wscale. */
    public static TcpOptions linuxSyn(int mss, int windowScale, long tsVal, long tsEcr) {
        return new TcpOptions(mss, true, windowScale, true, tsVal, tsEcr);
    }

    public static TcpOptions timestampsOnly(long tsVal, long tsEcr) {
        return new TcpOptions(NO_MSS, false, NO_WSCALE, true, tsVal, tsEcr);
    }

    /**
     * Reads options from {@code len} bytes at {@code off}. Like Linux tcp_parse_options it stops at
     * EOL or at the first malformed option (length < 2 or past the end) and keeps what it has;
     * options with an unexpected length or unknown kind are skipped.
     */
    public static TcpOptions parse(byte[] buf, int off, int len) {
        int mss = NO_MSS;
        int ws = NO_WSCALE;
        boolean sack = false;
        boolean ts = false;
        long val = 0;
        long ecr = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            int kind = buf[i] & 0xFF;
            if (kind == KIND_EOL) {
                break;
            }
            if (kind == KIND_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                break;
            }
            int olen = buf[i + 1] & 0xFF;
            if (olen < 2 || i + olen > end) {
                break;
            }
            if (kind == KIND_MSS && olen == 4) {
                mss = Bytes.u16(buf, i + 2);
            } else if (kind == KIND_WSCALE && olen == 3) {
                ws = buf[i + 2] & 0xFF;
            } else if (kind == KIND_SACK_PERM && olen == 2) {
                sack = true;
            } else if (kind == KIND_TIMESTAMP && olen == 10) {
                ts = true;
                val = Bytes.u32(buf, i + 2);
                ecr = Bytes.u32(buf, i + 6);
            }
            i += olen;
        }
        return new TcpOptions(mss, sack, ws, ts, val, ecr);
    }

    /** Bytes {@link #emit} writes: always a multiple of 4. */
    public int length() {
        int n = mss != NO_MSS ? 4 : 0;
        if (timestamps) {
            n += 12; // SACK_PERM rides in the two NOPs before TS
        } else if (sackPermitted) {
            n += 4;
        }
        if (windowScale != NO_WSCALE) {
            n += 4;
        }
        return n;
    }

    /** Writes the options at {@code off}; returns {@link #length()}. */
    public int emit(byte[] buf, int off) {
        int i = off;
        if (mss != NO_MSS) {
            buf[i] = KIND_MSS;
            buf[i + 1] = 4;
            Bytes.put16(buf, i + 2, mss);
            i += 4;
        }
        if (timestamps) {
            if (sackPermitted) {
                buf[i] = KIND_SACK_PERM;
                buf[i + 1] = 2;
            } else {
                buf[i] = KIND_NOP;
                buf[i + 1] = KIND_NOP;
            }
            buf[i + 2] = KIND_TIMESTAMP;
            buf[i + 3] = 10;
            Bytes.put32(buf, i + 4, tsVal);
            Bytes.put32(buf, i + 8, tsEcr);
            i += 12;
        } else if (sackPermitted) {
            buf[i] = KIND_NOP;
            buf[i + 1] = KIND_NOP;
            buf[i + 2] = KIND_SACK_PERM;
            buf[i + 3] = 2;
            i += 4;
        }
        if (windowScale != NO_WSCALE) {
            buf[i] = KIND_NOP;
            buf[i + 1] = KIND_WSCALE;
            buf[i + 2] = 3;
            buf[i + 3] = (byte) windowScale;
            i += 4;
        }
        return i - off;
    }
}
