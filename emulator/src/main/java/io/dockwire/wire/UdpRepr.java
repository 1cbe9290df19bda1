package io.dockwire.wire;

/** Parsed UDP header; the payload stays in the buffer (as in smoltcp). */
public record UdpRepr(int srcPort, int dstPort, int payloadLength) {

    /** Null when {@link UdpView#check} is not OK for these addresses. */
    public static UdpRepr parse(UdpView view, int srcIp, int dstIp) {
        if (view.check(srcIp, dstIp) != DropReason.OK) {
            return null;
        }
        return new UdpRepr(view.srcPort(), view.dstPort(), view.payloadLength());
    }

    public int bufferLength() {
        return UdpView.HEADER_LENGTH + payloadLength;
    }

    /**
     * Writes the header and the checksum. The payload must already be at
     * {@link UdpView#payloadOffset()}, since the checksum covers it.
     */
    public void emit(UdpView view, int srcIp, int dstIp) {
        view.srcPort(srcPort).dstPort(dstPort).udpLength(bufferLength()).fillChecksum(srcIp, dstIp);
    }
}
