package io.dockwire.testing;

import io.dockwire.wire.EthernetFrame;

/** Builds test Ethernet frames. */
public final class Frames {
    private Frames() {
    }

    /** An Ethernet II frame of {@code len} bytes (header included), payload filled with a pattern. */
    public static byte[] eth(long dst, long src, int len) {
        byte[] b = new byte[len];
        EthernetFrame.dst(b, 0, dst);
        EthernetFrame.src(b, 0, src);
        EthernetFrame.etherType(b, 0, 0x88B5); // IEEE local experimental EtherType: opaque to endpoints
        for (int i = EthernetFrame.HEADER_LENGTH; i < len; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }
}
