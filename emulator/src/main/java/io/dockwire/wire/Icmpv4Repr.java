package io.dockwire.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Parsed ICMPv4 message: type, code, the second header word ({@code rest}: id/seq for echo,
 * next-hop MTU for frag-needed, zero otherwise) and the data (a private copy).
 */
public record Icmpv4Repr(int type, int code, int rest, byte[] data) {

    public Icmpv4Repr {
        data = data.clone();
    }

    public static Icmpv4Repr echoRequest(int identifier, int sequence, byte[] data) {
        return new Icmpv4Repr(Icmpv4View.TYPE_ECHO_REQUEST, 0, idSeq(identifier, sequence), data);
    }

    public static Icmpv4Repr echoReply(int identifier, int sequence, byte[] data) {
        return new Icmpv4Repr(Icmpv4View.TYPE_ECHO_REPLY, 0, idSeq(identifier, sequence), data);
    }

    /** Destination unreachable quoting the offending IP header + 8 bytes (RFC 792). */
    public static Icmpv4Repr destUnreachable(int code, byte[] ip, int ipOff, int ipLen) {
        return new Icmpv4Repr(Icmpv4View.TYPE_DEST_UNREACHABLE, code, 0, quote(ip, ipOff, ipLen));
    }

    /** Fragmentation needed and DF set (3/4) carrying the next-hop MTU (RFC 1191 section 4). */
    public static Icmpv4Repr fragNeeded(int nextHopMtu, byte[] ip, int ipOff, int ipLen) {
        return new Icmpv4Repr(Icmpv4View.TYPE_DEST_UNREACHABLE, Icmpv4View.CODE_FRAG_NEEDED, nextHopMtu & 0xFFFF,
                quote(ip, ipOff, ipLen));
    }

    /** Time exceeded in transit (11/0), what a router sends when TTL runs out (RFC 1812 5.3.1). */
    public static Icmpv4Repr timeExceeded(byte[] ip, int ipOff, int ipLen) {
        return new Icmpv4Repr(Icmpv4View.TYPE_TIME_EXCEEDED, Icmpv4View.CODE_TTL_EXCEEDED_IN_TRANSIT, 0,
                quote(ip, ipOff, ipLen));
    }

    /** Copy of the offending datagram's header + 8 bytes; {@code ipLen} should exclude padding. */
    public static byte[] quote(byte[] ip, int ipOff, int ipLen) {
        return Arrays.copyOfRange(ip, ipOff, ipOff + Icmpv4View.rfc792QuoteLength(ip, ipOff, ipLen));
    }

    /** Null when {@link Icmpv4View#check()} is not OK. */
    public static Icmpv4Repr parse(Icmpv4View view) {
        if (view.check() != DropReason.OK) {
            return null;
        }
        byte[] data = Arrays.copyOfRange(view.buffer(), view.dataOffset(), view.dataOffset() + view.dataLength());
        return new Icmpv4Repr(view.type(), view.code(), view.rest(), data);
    }

    public int identifier() {
        return rest >>> 16;
    }

    public int sequence() {
        return rest & 0xFFFF;
    }

    public int nextHopMtu() {
        return rest & 0xFFFF;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int bufferLength() {
        return Icmpv4View.HEADER_LENGTH + data.length;
    }

    /** Writes the message and its checksum; the view must be wrapped with {@link #bufferLength()}. */
    public void emit(Icmpv4View view) {
        view.type(type).code(code).rest(rest);
        System.arraycopy(data, 0, view.buffer(), view.dataOffset(), data.length);
        view.fillChecksum();
    }

    private static int idSeq(int identifier, int sequence) {
        return (identifier << 16) | (sequence & 0xFFFF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Icmpv4Repr r && r.type == type && r.code == code && r.rest == rest
                && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return ((type * 31 + code) * 31 + rest) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Icmpv4Repr[type=" + type + ", code=" + code + ", rest=0x" + Integer.toHexString(rest) + ", data="
                + HexFormat.of().formatHex(data) + "]";
    }
}
