package io.dockwire.wire;

/**
 * Re-pointable flyweight over an ICMPv4 message (RFC 792, RFC 1191 for frag-needed). Wrap it
 * around the IP payload with the IP payload length (Ethernet padding already trimmed).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Identifier (echo) / unused   | Sequence (echo) / Next-hop MTU|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data: echo payload, or the offending IP header + leading data |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Icmpv4View {
    public static final int TYPE_OFFSET = 0;
    public static final int CODE_OFFSET = 1;
    public static final int CHECKSUM_OFFSET = 2;
    public static final int REST_OFFSET = 4;
    public static final int IDENTIFIER_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 6;
    public static final int NEXT_HOP_MTU_OFFSET = 6;
    public static final int HEADER_LENGTH = 8;

    public static final int TYPE_ECHO_REPLY = 0;
    public static final int TYPE_DEST_UNREACHABLE = 3;
    public static final int TYPE_ECHO_REQUEST = 8;
    public static final int TYPE_TIME_EXCEEDED = 11;

    public static final int CODE_NET_UNREACHABLE = 0;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_PROTOCOL_UNREACHABLE = 2;
    public static final int CODE_PORT_UNREACHABLE = 3;
    public static final int CODE_FRAG_NEEDED = 4;
    public static final int CODE_TTL_EXCEEDED_IN_TRANSIT = 0;

    /**
     * Linux icmp_send caps the whole error datagram at 576 bytes (RFC 1812 4.3.2.3), so it quotes
     * up to 576 - 20 - 8 bytes of the offending datagram, not just header + 8 as RFC 792 asks.
     */
    public static final int LINUX_MAX_QUOTE = 576 - Ipv4View.HEADER_LENGTH - HEADER_LENGTH;

    private byte[] buf;
    private int off;
    private int len;

    public Icmpv4View wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Header present and the checksum over the whole message verifies. */
    public DropReason check() {
        if (len < HEADER_LENGTH) {
            return DropReason.TRUNCATED_L4;
        }
        return Checksum.verify(buf, off, len) ? DropReason.OK : DropReason.BAD_L4_CHECKSUM;
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

    public int type() {
        return buf[off + TYPE_OFFSET] & 0xFF;
    }

    public Icmpv4View type(int v) {
        buf[off + TYPE_OFFSET] = (byte) v;
        return this;
    }

    public int code() {
        return buf[off + CODE_OFFSET] & 0xFF;
    }

    public Icmpv4View code(int v) {
        buf[off + CODE_OFFSET] = (byte) v;
        return this;
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM_OFFSET);
    }

    public Icmpv4View checksum(int v) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, v);
        return this;
    }

    /** The second 32-bit word, whatever the type makes of it. */
    public int rest() {
        return Ipv4Address.read(buf, off + REST_OFFSET);
    }

    public Icmpv4View rest(int v) {
        Ipv4Address.write(buf, off + REST_OFFSET, v);
        return this;
    }

    public int identifier() {
        return Bytes.u16(buf, off + IDENTIFIER_OFFSET);
    }

    public Icmpv4View identifier(int v) {
        Bytes.put16(buf, off + IDENTIFIER_OFFSET, v);
        return this;
    }

    public int sequence() {
        return Bytes.u16(buf, off + SEQUENCE_OFFSET);
    }

    public Icmpv4View sequence(int v) {
        Bytes.put16(buf, off + SEQUENCE_OFFSET, v);
        return this;
    }

    /** RFC 1191: meaningful for type 3 code 4 only. */
    public int nextHopMtu() {
        return Bytes.u16(buf, off + NEXT_HOP_MTU_OFFSET);
    }

    public Icmpv4View nextHopMtu(int v) {
        Bytes.put16(buf, off + NEXT_HOP_MTU_OFFSET, v);
        return this;
    }

    /** Absolute index of the data (echo payload or quoted datagram). */
    public int dataOffset() {
        return off + HEADER_LENGTH;
    }

    public int dataLength() {
        return len - HEADER_LENGTH;
    }

    public boolean isError() {
        int t = type();
        return t == TYPE_DEST_UNREACHABLE || t == TYPE_TIME_EXCEEDED;
    }

    /** Computes and stores the checksum over the wrapped length. */
    public Icmpv4View fillChecksum() {
        checksum(0);
        checksum(Checksum.compute(buf, off, len));
        return this;
    }

    /** RFC 792: the offending IP header plus the first 8 bytes of its payload (less if absent). */
    public static int rfc792QuoteLength(byte[] ip, int ipOff, int ipLen) {
        return Math.min(ipLen, Ipv4View.headerLength(ip, ipOff) + 8);
    }

    /**
     * Writes an error message (type 3 or 11) at {@code out[outOff]} quoting {@code quoteLen} bytes of
     * the offending datagram, with its checksum; returns the ICMP length. Allocation free.
     */
    public static int writeError(byte[] out, int outOff, int type, int code, int rest,
            byte[] ip, int ipOff, int quoteLen) {
        out[outOff + TYPE_OFFSET] = (byte) type;
        out[outOff + CODE_OFFSET] = (byte) code;
        Bytes.put16(out, outOff + CHECKSUM_OFFSET, 0);
        Ipv4Address.write(out, outOff + REST_OFFSET, rest);
        System.arraycopy(ip, ipOff, out, outOff + HEADER_LENGTH, quoteLen);
        int len = HEADER_LENGTH + quoteLen;
        Bytes.put16(out, outOff + CHECKSUM_OFFSET, Checksum.compute(out, outOff, len));
        return len;
    }
}
