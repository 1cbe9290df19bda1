package io.dockwire.link;

/** Why a device dropped a frame; counters are kept per reason and direction. */
public enum DropReason {
    /** The device is administratively down (Linux refuses to queue on a !IFF_UP device). */
    DOWN,
    /**
     * The frame's L3 size (length - 14) exceeds the MTU. Linux drops these silently
     * ({@code is_skb_forwardable}; it allows 4 more bytes for a VLAN tag, which dockwire does
     * not model); dockwire counts them.
     */
    MTU,
    /** A veth whose peer is down: Linux veth_xmit drops it and counts it as the sender's tx_dropped. */
    PEER_DOWN;

    static final DropReason[] VALUES = values();
}
