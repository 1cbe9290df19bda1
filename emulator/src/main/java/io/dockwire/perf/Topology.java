package io.dockwire.perf;

import java.util.Locale;

/** The benchmark worlds, by the name the {@code bench} command takes. */
public enum Topology {
    /** Two containers on docker0; UDP c1 -> c2 through the bridge (FDB learn + lookup). */
    L2,
    /** Container -> docker0 -> host forwarding -> MASQUERADE -> eth0 -> lan:br0 -> LAN client. */
    NAT_OUT,
    /** LAN client -> host:8080 -> DNAT -> docker0 -> container:80 (docker run -p 8080:80/udp). */
    DNAT_IN,
    /** 1,000 containers on docker0, 100 UDP flows each masqueraded out: 100,000 conntrack entries. */
    SCALE,
    /**
     * Two Docker hosts in a swarm, c1 on one and c2 on the other, on an attachable overlay: c1 ->
     * veth -> br0 -> vxlan0 -> VXLAN/UDP over the hosts' eth0 and the LAN -> vxlan0 -> br0 -> c2.
     */
    OVERLAY;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Topology parse(String s) {
        for (Topology t : values()) {
            if (t.cliName().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown topology '" + s + "' (l2, nat-out, dnat-in, scale, overlay)");
    }
}
