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
    PEER_DOWN,
    /**
     * A vxlan device without a forwarding entry for the destination MAC nor a default one
     * (vxlan_xmit: SKB_DROP_REASON_NO_TX_TARGET, counted as tx_dropped), or an ARP its proxy could
     * not answer (l3miss).
     */
    NO_TX_TARGET;

    static final DropReason[] VALUES = values();
}
