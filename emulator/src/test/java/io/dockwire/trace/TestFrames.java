package io.dockwire.trace;

import java.nio.ByteBuffer;

/**
 * Hand-assembled Ethernet frames with correct IPv4/ICMP checksums, built here rather than with
 * the wire package so the trace tests stand alone.
 */
final class TestFrames {
    static final long MAC_GW = 0x0242AC110001L;
    static final long MAC_C1 = 0x0242AC110002L;
    static final int IP_GW = 0xAC110001;   // 172.17.0.1
    static final int IP_C1 = 0xAC110002;   // 172.17.0.2

    private TestFrames() {
    }

    /** RFC 1071 Internet checksum of {@code b[off, off+len)}. */
    static int internetChecksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xFF) << 8) | (b[off + i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    static byte[] arpRequest(long senderMac, int senderIp, int targetIp) {
        ByteBuffer b = ByteBuffer.allocate(42);
        putMac(b, 0xFFFFFFFFFFFFL);
        putMac(b, senderMac);
        b.putShort((short) 0x0806);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        putMac(b, senderMac);
        b.putInt(senderIp);
        putMac(b, 0);
        b.putInt(targetIp);
        return b.array();
    }

    /** ICMP echo request (type 8) or reply (type 0) with a 32-byte payload. */
    static byte[] icmpEcho(int type, long dstMac, long srcMac, int srcIp, int dstIp, int id, int seq) {
        return icmpEcho(type, dstMac, srcMac, srcIp, dstIp, id, seq, 32);
    }

    /** {@link #icmpEcho(int, long, long, int, int, int, int)} with {@code payload} bytes of data. */
    static byte[] icmpEcho(int type, long dstMac, long srcMac, int srcIp, int dstIp, int id, int seq, int payload) {
        int ipLen = 20 + 8 + payload;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLen);
        putMac(b, dstMac);
        putMac(b, srcMac);
        b.putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) 0x1234)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 1).putShort((short) 0)
                .putInt(srcIp).putInt(dstIp);
        b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq);
        for (int i = 0; i < payload; i++) {
            b.put((byte) (0x10 + i % 64));
        }
        byte[] f = b.array();
        int ipSum = internetChecksum(f, 14, 20);
        f[24] = (byte) (ipSum >> 8);
        f[25] = (byte) ipSum;
        int icmpSum = internetChecksum(f, 34, 8 + payload);
        f[36] = (byte) (icmpSum >> 8);
        f[37] = (byte) icmpSum;
        return f;
    }

    private static void putMac(ByteBuffer b, long mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            b.put((byte) (mac >>> shift));
        }
    }
}
