package io.dockwire.wire;

/**
 * Parsed IPv4 header without options. {@code fragmentOffset} is in 8-byte units as on the wire.
 * Emitting always writes a 20-byte header (Linux sends no options) with a fresh checksum.
 */
public record Ipv4Repr(int src, int dst, int protocol, int ttl, int tos, int identification,
        boolean dontFragment, boolean moreFragments, int fragmentOffset, int payloadLength) {

    /** The common case: unfragmented, DF set as Linux does with PMTU discovery on, TOS 0. */
    public static Ipv4Repr of(int src, int dst, int protocol, int ttl, int identification, int payloadLength) {
        return new Ipv4Repr(src, dst, protocol, ttl, 0, identification, true, false, 0, payloadLength);
    }

    /**
     * Null when {@link Ipv4View#check()} is not OK. Options are skipped (their length is visible on
     * the view). The payload length follows the total length field, not the frame length.
     */
    public static Ipv4Repr parse(Ipv4View view) {
        if (view.check() != DropReason.OK) {
            return null;
        }
        return new Ipv4Repr(view.src(), view.dst(), view.protocol(), view.ttl(), view.tos(), view.identification(),
                view.dontFragment(), view.moreFragments(), view.fragmentOffset(), view.payloadLength());
    }

    public int bufferLength() {
        return Ipv4View.HEADER_LENGTH + payloadLength;
    }

    /** Writes the header (payload untouched) and its checksum; the view must hold 20 bytes. */
    public void emit(Ipv4View view) {
        view.versionIhl(4, 5).tos(tos).totalLength(Ipv4View.HEADER_LENGTH + payloadLength)
                .identification(identification).flagsFragment(dontFragment, moreFragments, fragmentOffset)
                .ttl(ttl).protocol(protocol).src(src).dst(dst).fillChecksum();
    }

    public Ipv4Repr withTtl(int newTtl) {
        return new Ipv4Repr(src, dst, protocol, newTtl, tos, identification, dontFragment, moreFragments,
                fragmentOffset, payloadLength);
    }
}
