package io.dockwire.ip;

/**
 * The netfilter seam: the IP layer calls {@link #hook} at Linux's five NF_INET hook points.
 * <ul>
 *   <li>{@link #PREROUTING} - every received datagram (after header validation), before the
 *       routing decision; a changed destination (DNAT) is routed afresh;</li>
 *   <li>{@link #INPUT} - before local delivery;</li>
 *   <li>{@link #FORWARD} - forwarded datagrams, after the TTL decrement;</li>
 *   <li>{@link #OUTPUT} - locally generated datagrams after the first route lookup; a changed
 *       destination is routed again ({@code ip_route_me_harder});</li>
 *   <li>{@link #POSTROUTING} - everything leaving, before neighbour resolution (SNAT/MASQUERADE).</li>
 * </ul>
 * The datagram is at {@code buf[l3Off, l3Off + l3Len)} (Ethernet padding trimmed) and the filter
 * owns it exclusively during the call: it may rewrite addresses, ports and checksums in place but
 * not the length. An ifindex of 0 means "none" (OUTPUT has no input device, PREROUTING/INPUT no
 * output device); the loopback is ifindex 1. {@link #STOLEN} means the stack forgets the packet
 * (a filter that wants it later must copy the bytes). A null filter costs one branch per hook.
 */
public interface PacketFilter {
    int PREROUTING = 0;
    int INPUT = 1;
    int FORWARD = 2;
    int OUTPUT = 3;
    int POSTROUTING = 4;

    int DROP = 0;
    int ACCEPT = 1;
    int STOLEN = 2;

    /**
     * {@code slot} is the frame-pool slot holding {@code buf}: one packet keeps its slot from its
     * first hook to its last (the stack makes it writable before the first), so a filter may keep
     * per-packet state by slot.
     */
    int hook(int hook, int slot, byte[] buf, int l3Off, int l3Len, int inIfindex, int outIfindex, long now);

    /**
     * A note about the last verdict (e.g. {@code "DNAT 192.168.1.10:8080 -> 172.17.0.2:80"}), or
     * null. The stack attaches it as the pcapng comment of the frame when it is next captured
     * (a rewritten frame) or records the dropped frame with it. Return a constant or cached string.
     */
    String lastVerdictComment();
}
