package io.dockwire.link;

import io.dockwire.wire.MacAddress;

/**
 * Renders a device the way iproute2 does (Debian 12), e.g.
 * <pre>
 * 6: vethc100001@if2: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 1500 qdisc noqueue master docker0 state UP mode DEFAULT group default qlen 1000
 *     link/ether 1a:fb:42:b0:69:7e brd ff:ff:ff:ff:ff:ff link-netns c1
 * </pre>
 * {@code ip link} prints {@code mode DEFAULT}; {@code ip addr} does not and appends inet lines
 * (added by the IP layer). A down device shows {@code <BROADCAST,MULTICAST>}, qdisc noop and
 * state DOWN; an up one without carrier {@code NO-CARRIER} and state DOWN (a bridge with no live
 * port) or LOWERLAYERDOWN (a veth whose peer is down, with {@code M-DOWN}).
 */
public final class IpLink {
    private IpLink() {
    }

    /** The name as iproute2 lists it: with {@code @peer} (or {@code @ifN}) for a veth. */
    public static String listedName(NetDevice d) {
        return d.name() + d.linkSuffix();
    }

    /** The operational state iproute2 prints: UP, DOWN, or the no-carrier state (LOWERLAYERDOWN for a veth). */
    public static String operState(NetDevice d) {
        return !d.isUp() ? "DOWN" : d.hasCarrier() ? d.carrierState() : d.noCarrierState();
    }

    /** The flags between angle brackets, as iproute2 prints them. */
    public static String flags(NetDevice d) {
        if (!d.isUp()) {
            return "BROADCAST,MULTICAST" + d.noCarrierFlags();
        }
        return d.hasCarrier() ? "BROADCAST,MULTICAST,UP,LOWER_UP" : "NO-CARRIER,BROADCAST,MULTICAST,UP" + d.noCarrierFlags();
    }

    /** Two lines, no trailing newline. */
    public static String render(NetDevice d, boolean linkStyle) {
        return header(d, linkStyle) + "\n    link/ether " + MacAddress.toString(d.mac()) + " brd ff:ff:ff:ff:ff:ff"
                + d.linkNetns();
    }

    /** The first line alone ({@code ip -4 addr} prints no link/ line). */
    public static String header(NetDevice d, boolean linkStyle) {
        StringBuilder sb = new StringBuilder(120);
        sb.append(d.ifindex()).append(": ").append(listedName(d)).append(": <").append(flags(d)).append('>');
        sb.append(" mtu ").append(d.mtu()).append(" qdisc ").append(!d.isUp() ? "noop" : d.presentsAsNic() ? "fq_codel" : "noqueue");
        if (d.master() != null) {
            sb.append(" master ").append(d.master().device().name());
        }
        sb.append(" state ").append(operState(d));
        if (linkStyle) {
            sb.append(" mode DEFAULT");
        }
        // print_linkinfo: "group %s " keeps its blank; "qlen %u" follows only when there is a queue.
        sb.append(" group default ");
        if (d.txQueueLen() != 0) {
            sb.append("qlen ").append(d.txQueueLen());
        }
        return sb.toString();
    }
}
