package io.dockwire.wire;

/**
 * Re-pointable flyweight over a UDP datagram (RFC 768). Wrap it around the IP payload with the IP
 * payload length (after trimming Ethernet padding).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Length             |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            data ...                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * A checksum of 0 means "none" over IPv4; a computed 0 is sent as 0xFFFF (RFC 768).
 */
public final class UdpView {
    public static final int SRC_PORT_OFFSET = 0;
    public static final int DST_PORT_OFFSET = 2;
    public static final int LENGTH_OFFSET = 4;
    public static final int CHECKSUM_OFFSET = 6;
    public static final int HEADER_LENGTH = 8;

    private byte[] buf;
    private int off;
    private int len;

    public UdpView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Linux __udp4_lib_rcv: header present, 8 <= length <= bytes present, checksum if non-zero. */
    public DropReason check(int srcIp, int dstIp) {
        DropReason r = checkLength();
        if (r == DropReason.OK && checksum() != 0 && !verifyChecksum(srcIp, dstIp)) {
            return DropReason.BAD_L4_CHECKSUM;
        }
        return r;
    }

    /** {@link #check} without the checksum (a CHECKSUM_PARTIAL datagram from this host). */
    public DropReason checkLength() {
        if (len < HEADER_LENGTH) {
            return DropReason.TRUNCATED_L4;
        }
        int ulen = udpLength();
        if (ulen < HEADER_LENGTH) {
            return DropReason.BAD_UDP_LENGTH;
        }
        if (ulen > len) {
            return DropReason.TRUNCATED_L4;
        }
        return DropReason.OK;
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

    public UdpView srcPort(int v) {
        Bytes.put16(buf, off + SRC_PORT_OFFSET, v);
        return this;
    }

    public int dstPort() {
        return Bytes.u16(buf, off + DST_PORT_OFFSET);
    }

    public UdpView dstPort(int v) {
        Bytes.put16(buf, off + DST_PORT_OFFSET, v);
        return this;
    }

    /** The length field: header + data. */
    public int udpLength() {
        return Bytes.u16(buf, off + LENGTH_OFFSET);
    }

    public UdpView udpLength(int v) {
        Bytes.put16(buf, off + LENGTH_OFFSET, v);
        return this;
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM_OFFSET);
    }

    public UdpView checksum(int v) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, v);
        return this;
    }

    public int payloadOffset() {
        return off + HEADER_LENGTH;
    }

    public int payloadLength() {
        return udpLength() - HEADER_LENGTH;
    }

    /** Checksum over pseudo-header + {@link #udpLength()} bytes; stores 0xFFFF for a computed 0. */
    public UdpView fillChecksum(int srcIp, int dstIp) {
        checksum(0);
        int ulen = udpLength();
        int c = Checksum.finish(Checksum.add(Checksum.pseudoHeader(srcIp, dstIp, Ipv4View.PROTO_UDP, ulen),
                Checksum.sum(buf, off, ulen)));
        checksum(c == 0 ? 0xFFFF : c);
        return this;
    }

    /** True when the stored checksum verifies; a 0 ("none") does not verify here. */
    public boolean verifyChecksum(int srcIp, int dstIp) {
        return Checksum.verifyWithPseudoHeader(buf, off, udpLength(), srcIp, dstIp, Ipv4View.PROTO_UDP);
    }

    public UdpView rewriteSrcPort(int port) {
        patch(srcPort(), port);
        return srcPort(port);
    }

    public UdpView rewriteDstPort(int port) {
        patch(dstPort(), port);
        return dstPort(port);
    }

    /** Patches the checksum for an IP address change in the pseudo-header (NAT). */
    public UdpView addressRewritten(int oldAddr, int newAddr) {
        int c = checksum();
        if (c != 0) {
            c = Checksum.update32(c, oldAddr, newAddr);
            checksum(c == 0 ? 0xFFFF : c);
        }
        return this;
    }

    private void patch(int oldWord, int newWord) {
        int c = checksum();
        if (c != 0) { // no checksum stays no checksum (RFC 768)
            c = Checksum.update16(c, oldWord, newWord);
            checksum(c == 0 ? 0xFFFF : c);
        }
    }
}
