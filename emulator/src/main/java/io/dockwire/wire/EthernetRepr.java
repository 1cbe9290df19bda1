package io.dockwire.wire;

/** Parsed Ethernet II header: the values, not the bytes. */
public record EthernetRepr(long dst, long src, int etherType) {

    /** Null when the frame is too short; {@link EthernetView#check()} says why. */
    public static EthernetRepr parse(EthernetView view) {
        if (view.check() != DropReason.OK) {
            return null;
        }
        return new EthernetRepr(view.dst(), view.src(), view.etherType());
    }

    public int bufferLength() {
        return EthernetFrame.HEADER_LENGTH;
    }

    public void emit(EthernetView view) {
        view.dst(dst).src(src).etherType(etherType);
    }

    @Override
    public String toString() {
        return MacAddress.toString(src) + " > " + MacAddress.toString(dst) + String.format(", ethertype 0x%04x", etherType);
    }
}
