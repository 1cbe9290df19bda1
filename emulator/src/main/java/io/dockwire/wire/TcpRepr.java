package io.dockwire.wire;

/**
 * Parsed TCP header. Sequence numbers are unsigned 32-bit values held in longs. The payload stays
 * in the buffer; {@code payloadLength} counts it.
 */
public record TcpRepr(int srcPort, int dstPort, long seq, long ack, int flags, int window, int urgent,
        TcpOptions options, int payloadLength) {

    /** Null when {@link TcpView#check} is not OK for these addresses. */
    public static TcpRepr parse(TcpView view, int srcIp, int dstIp) {
        if (view.check(srcIp, dstIp) != DropReason.OK) {
            return null;
        }
        TcpOptions options = TcpOptions.parse(view.buffer(), view.optionsOffset(), view.optionsLength());
        return new TcpRepr(view.srcPort(), view.dstPort(), view.seq(), view.ack(), view.flags(), view.window(),
                view.urgent(), options, view.payloadLength());
    }

    public int headerLength() {
        return TcpView.HEADER_LENGTH + options.length();
    }

    public int bufferLength() {
        return headerLength() + payloadLength;
    }

    /**
     * Writes header, options and checksum into a view wrapped with {@link #bufferLength()}. The
     * payload must already be at {@code offset + headerLength()}, since the checksum covers it.
     */
    public void emit(TcpView view, int srcIp, int dstIp) {
        view.srcPort(srcPort).dstPort(dstPort).seq(seq).ack(ack).dataOffset(headerLength() / 4).flags(flags)
                .window(window).urgent(urgent);
        options.emit(view.buffer(), view.optionsOffset());
        view.fillChecksum(srcIp, dstIp);
    }
}
