package io.dockwire.wire;

/**
 * Re-pointable flyweight over a TCP segment (RFC 9293). Wrap it around the IP payload with the IP
 * payload length (after trimming Ethernet padding).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |       |       |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (data offset > 5)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class TcpView {
    public static final int SRC_PORT_OFFSET = 0;
    public static final int DST_PORT_OFFSET = 2;
    public static final int SEQ_OFFSET = 4;
    public static final int ACK_OFFSET = 8;
    public static final int DATA_OFFSET_OFFSET = 12;
    public static final int FLAGS_OFFSET = 13;
    public static final int WINDOW_OFFSET = 14;
    public static final int CHECKSUM_OFFSET = 16;
    public static final int URGENT_OFFSET = 18;
    public static final int HEADER_LENGTH = URGENT_OFFSET + 2;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    private byte[] buf;
    private int off;
    private int len;

    public TcpView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Linux tcp_v4_rcv order: header present, data offset >= 5, options present, checksum. */
    public DropReason check(int srcIp, int dstIp) {
        if (len < HEADER_LENGTH) {
            return DropReason.TRUNCATED_L4;
        }
        if (dataOffset() < 5) {
            return DropReason.BAD_TCP_DATA_OFFSET;
        }
        if (headerLength() > len) {
            return DropReason.TRUNCATED_L4;
        }
        return verifyChecksum(srcIp, dstIp) ? DropReason.OK : DropReason.BAD_L4_CHECKSUM;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    public int length() {
        return len;
    }

    public int srcPort() {
        return Bytes.u16(buf, off + SRC_PORT_OFFSET);
    }

    public TcpView srcPort(int v) {
        Bytes.put16(buf, off + SRC_PORT_OFFSET, v);
        return this;
    }

    public int dstPort() {
        return Bytes.u16(buf, off + DST_PORT_OFFSET);
    }

    public TcpView dstPort(int v) {
        Bytes.put16(buf, off + DST_PORT_OFFSET, v);
        return this;
    }

    /** Unsigned 32-bit sequence number. */
    public long seq() {
        return Bytes.u32(buf, off + SEQ_OFFSET);
    }

    public TcpView seq(long v) {
        Bytes.put32(buf, off + SEQ_OFFSET, v);
        return this;
    }

    public long ack() {
        return Bytes.u32(buf, off + ACK_OFFSET);
    }

    public TcpView ack(long v) {
        Bytes.put32(buf, off + ACK_OFFSET, v);
        return this;
    }

    /** Header length in 32-bit words. */
    public int dataOffset() {
        return (buf[off + DATA_OFFSET_OFFSET] & 0xFF) >>> 4;
    }

    /** Sets the data offset (words) and clears the reserved bits and NS. */
    public TcpView dataOffset(int words) {
        buf[off + DATA_OFFSET_OFFSET] = (byte) (words << 4);
        return this;
    }

    public int headerLength() {
        return dataOffset() * 4;
    }

    /** CWR..FIN as one byte; test with the constants, e.g. {@code (flags() & SYN) != 0}. */
    public int flags() {
        return buf[off + FLAGS_OFFSET] & 0xFF;
    }

    public TcpView flags(int v) {
        buf[off + FLAGS_OFFSET] = (byte) v;
        return this;
    }

    public boolean hasFlags(int mask) {
        return (flags() & mask) == mask;
    }

    public int window() {
        return Bytes.u16(buf, off + WINDOW_OFFSET);
    }

    public TcpView window(int v) {
        Bytes.put16(buf, off + WINDOW_OFFSET, v);
        return this;
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM_OFFSET);
    }

    public TcpView checksum(int v) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, v);
        return this;
    }

    public int urgent() {
        return Bytes.u16(buf, off + URGENT_OFFSET);
    }

    public TcpView urgent(int v) {
        Bytes.put16(buf, off + URGENT_OFFSET, v);
        return this;
    }

    /** Absolute index of the first option byte. */
    public int optionsOffset() {
        return off + HEADER_LENGTH;
    }

    public int optionsLength() {
        return headerLength() - HEADER_LENGTH;
    }

    public int payloadOffset() {
        return off + headerLength();
    }

    public int payloadLength() {
        return len - headerLength();
    }

    /** Checksum over pseudo-header + the wrapped length (header, options, payload). */
    public TcpView fillChecksum(int srcIp, int dstIp) {
        checksum(0);
        checksum(Checksum.finish(partial(srcIp, dstIp)));
        return this;
    }

    public boolean verifyChecksum(int srcIp, int dstIp) {
        return Checksum.verifyWithPseudoHeader(buf, off, len, srcIp, dstIp, Ipv4View.PROTO_TCP);
    }

    private int partial(int srcIp, int dstIp) {
        return Checksum.add(Checksum.pseudoHeader(srcIp, dstIp, Ipv4View.PROTO_TCP, len), Checksum.sum(buf, off, len));
    }

    public TcpView rewriteSrcPort(int port) {
        checksum(Checksum.update16(checksum(), srcPort(), port));
        return srcPort(port);
    }

    public TcpView rewriteDstPort(int port) {
        checksum(Checksum.update16(checksum(), dstPort(), port));
        return dstPort(port);
    }

    /** Patches the checksum for an IP address change in the pseudo-header (NAT, RFC 3022 4.2). */
    public TcpView addressRewritten(int oldAddr, int newAddr) {
        checksum(Checksum.update32(checksum(), oldAddr, newAddr));
        return this;
    }
}
