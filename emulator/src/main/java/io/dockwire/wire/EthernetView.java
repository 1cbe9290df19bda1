package io.dockwire.wire;

/**
 * Re-pointable flyweight over an Ethernet II frame; the layout diagram and static accessors are in
 * {@link EthernetFrame}. Getters trust the wrapped length: call {@link #check()} on untrusted bytes.
 * The 4-byte FCS is never present (as in a Linux capture).
 */
public final class EthernetView {
    private byte[] buf;
    private int off;
    private int len;

    public EthernetView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    public DropReason check() {
        return len < EthernetFrame.HEADER_LENGTH ? DropReason.TRUNCATED_ETHERNET : DropReason.OK;
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

    public long dst() {
        return EthernetFrame.dst(buf, off);
    }

    public EthernetView dst(long mac) {
        EthernetFrame.dst(buf, off, mac);
        return this;
    }

    public long src() {
        return EthernetFrame.src(buf, off);
    }

    public EthernetView src(long mac) {
        EthernetFrame.src(buf, off, mac);
        return this;
    }

    public int etherType() {
        return EthernetFrame.etherType(buf, off);
    }

    public EthernetView etherType(int type) {
        EthernetFrame.etherType(buf, off, type);
        return this;
    }

    /** Absolute index in {@link #buffer()} where the payload starts. */
    public int payloadOffset() {
        return off + EthernetFrame.HEADER_LENGTH;
    }

    public int payloadLength() {
        return len - EthernetFrame.HEADER_LENGTH;
    }
}
