package io.dockwire.tcp;

import io.dockwire.wire.Bytes;

import io.dockwire.wire.TcpOptions;
import io.dockwire.wire.TcpView;

/**
 * One received segment, parsed once into primitive fields. The stack owns a single instance and
 * re-fills it per segment, so input allocates nothing; the payload stays in the packet buffer.
 */
final class Segment {
    int src;
    int dst;
    int srcPort;
    int dstPort;
    int seq;
    int ack;
    int flags;
    int window;
    byte[] buf;
    int payloadOff;
    int payloadLen;
    /** TCP header length with options (doff * 4). */
    int headerLen;
    boolean hasTs;
    int tsVal;
    int tsEcr;
    /** SYN options; {@link TcpOptions#NO_MSS} / {@link TcpOptions#NO_WSCALE} when absent. */
    int mss;
    int wscale;
    boolean sackPerm;

    void parse(int srcAddr, int dstAddr, TcpView t) {
        src = srcAddr;
        dst = dstAddr;
        srcPort = t.srcPort();
        dstPort = t.dstPort();
        seq = (int) t.seq();
        ack = (int) t.ack();
        flags = t.flags();
        window = t.window();
        buf = t.buffer();
        payloadOff = t.payloadOffset();
        payloadLen = t.payloadLength();
        headerLen = TcpView.HEADER_LENGTH + t.optionsLength();
        parseOptions(t.buffer(), t.optionsOffset(), t.optionsLength());
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Sequence space the segment occupies: data plus one each for SYN and FIN (RFC 9293 3.4). */
    int seqLen() {
        return payloadLen + (flags & TcpView.SYN) / TcpView.SYN + (flags & TcpView.FIN);
    }

    /** Linux tcp_parse_options: stop at EOL or a malformed option, skip unknown kinds. */
    private void parseOptions(byte[] b, int off, int len) {
        hasTs = false;
        sackPerm = false;
        mss = TcpOptions.NO_MSS;
        wscale = TcpOptions.NO_WSCALE;
        int i = off;
        int end = off + len;
        while (i < end) {
            int kind = b[i] & 0xFF;
            if (kind == TcpOptions.KIND_EOL) {
                return;
            }
            if (kind == TcpOptions.KIND_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return;
            }
            int olen = b[i + 1] & 0xFF;
            if (olen < 2 || i + olen > end) {
                return;
            }
            if (kind == TcpOptions.KIND_TIMESTAMP && olen == 10) {
                hasTs = true;
                tsVal = Bytes.i32(b, i + 2);
                tsEcr = Bytes.i32(b, i + 6);
            } else if (kind == TcpOptions.KIND_MSS && olen == 4) {
                mss = Bytes.u16(b, i + 2);
            } else if (kind == TcpOptions.KIND_WSCALE && olen == 3) {
                wscale = b[i + 2] & 0xFF;
            } else if (kind == TcpOptions.KIND_SACK_PERM && olen == 2) {
                sackPerm = true;
            }
            i += olen;
        }
    }
}
