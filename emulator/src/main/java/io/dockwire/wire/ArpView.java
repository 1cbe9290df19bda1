package io.dockwire.wire;

/**
 * Re-pointable flyweight over an ARP packet (RFC 826), Ethernet/IPv4 flavour only.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Hardware type (1)         |     Protocol type (0x0800)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  HW len (6)   | Proto len (4) |   Operation (1 req, 2 reply)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Sender hardware address (6)                   |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |  Sender protocol address (4)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                 Target hardware address (6)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Target protocol address (4)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ArpView {
    public static final int HTYPE_OFFSET = 0;
    public static final int PTYPE_OFFSET = 2;
    public static final int HLEN_OFFSET = 4;
    public static final int PLEN_OFFSET = 5;
    public static final int OPERATION_OFFSET = 6;
    public static final int SENDER_MAC_OFFSET = 8;
    public static final int SENDER_IP_OFFSET = 14;
    public static final int TARGET_MAC_OFFSET = 18;
    public static final int TARGET_IP_OFFSET = 24;
    public static final int LENGTH = 28;

    public static final int HTYPE_ETHERNET = 1;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;

    private byte[] buf;
    private int off;
    private int len;

    public ArpView wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /** Linux arp_rcv drops short packets and anything but Ethernet/IPv4 address sizes. */
    public DropReason check() {
        if (len < LENGTH) {
            return DropReason.TRUNCATED_ARP;
        }
        if (htype() != HTYPE_ETHERNET || ptype() != EthernetFrame.ETHERTYPE_IPV4 || hlen() != 6 || plen() != 4) {
            return DropReason.UNSUPPORTED_ARP;
        }
        return DropReason.OK;
    }

    public int htype() {
        return Bytes.u16(buf, off + HTYPE_OFFSET);
    }

    public ArpView htype(int v) {
        Bytes.put16(buf, off + HTYPE_OFFSET, v);
        return this;
    }

    public int ptype() {
        return Bytes.u16(buf, off + PTYPE_OFFSET);
    }

    public ArpView ptype(int v) {
        Bytes.put16(buf, off + PTYPE_OFFSET, v);
        return this;
    }

    public int hlen() {
        return buf[off + HLEN_OFFSET] & 0xFF;
    }

    public ArpView hlen(int v) {
        buf[off + HLEN_OFFSET] = (byte) v;
        return this;
    }

    public int plen() {
        return buf[off + PLEN_OFFSET] & 0xFF;
    }

    public ArpView plen(int v) {
        buf[off + PLEN_OFFSET] = (byte) v;
        return this;
    }

    public int operation() {
        return Bytes.u16(buf, off + OPERATION_OFFSET);
    }

    public ArpView operation(int v) {
        Bytes.put16(buf, off + OPERATION_OFFSET, v);
        return this;
    }

    public long senderMac() {
        return MacAddress.read(buf, off + SENDER_MAC_OFFSET);
    }

    public ArpView senderMac(long mac) {
        MacAddress.write(buf, off + SENDER_MAC_OFFSET, mac);
        return this;
    }

    public int senderIp() {
        return Ipv4Address.read(buf, off + SENDER_IP_OFFSET);
    }

    public ArpView senderIp(int ip) {
        Ipv4Address.write(buf, off + SENDER_IP_OFFSET, ip);
        return this;
    }

    public long targetMac() {
        return MacAddress.read(buf, off + TARGET_MAC_OFFSET);
    }

    public ArpView targetMac(long mac) {
        MacAddress.write(buf, off + TARGET_MAC_OFFSET, mac);
        return this;
    }

    public int targetIp() {
        return Ipv4Address.read(buf, off + TARGET_IP_OFFSET);
    }

    public ArpView targetIp(int ip) {
        Ipv4Address.write(buf, off + TARGET_IP_OFFSET, ip);
        return this;
    }

    /** Gratuitous ARP announces the sender's own address: sender IP == target IP (RFC 5227 section 3). */
    public boolean isGratuitous() {
        return senderIp() == targetIp();
    }
}
