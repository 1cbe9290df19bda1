package io.dockwire.ip;

import io.dockwire.link.IpLink;
import io.dockwire.link.NetDevice;
import io.dockwire.wire.Ipv4Address;

/**
 * {@code ip addr} / {@code ip link} for a namespace, as iproute2 prints them (IPv6 disabled, as
 * in the reference captures): the loopback first (ifindex 1), then the devices in ifindex order,
 * each with its IPv4 addresses, primaries before secondaries.
 */
final class IpRender {
    private IpRender() {
    }

    /** All devices ({@code only} null), or one; lo is rendered when {@code only} is null. */
    static String addr(NetNamespace ns, NetDevice only) {
        return addr(ns, only, false);
    }

    /**
     * {@code ip [-4] addr}: with {@code v4Only} ({@code -4}, {@code -f inet}) only devices with an
     * IPv4 address, and no link/ line.
     */
    static String addr(NetNamespace ns, NetDevice only, boolean v4Only) {
        StringBuilder sb = new StringBuilder();
        if (only == null && (!v4Only || ns.loopbackUp())) {
            loopback(ns, sb, false, !v4Only);
        }
        for (NetDevice d : ns.devices()) {
            if ((only == null || d == only) && (!v4Only || hasAddress(ns, d))) {
                sb.append(v4Only ? IpLink.header(d, false) : IpLink.render(d, false)).append('\n');
                inet(ns, d, sb);
            }
        }
        return sb.toString();
    }

    private static boolean hasAddress(NetNamespace ns, NetDevice d) {
        Addresses a = ns.addresses();
        for (int i = 0; i < a.size(); i++) {
            if (a.ifindex(i) == d.ifindex()) {
                return true;
            }
        }
        return false;
    }

    /** The indexes (in {@link Addresses}) of a device's addresses as ip lists them: primaries, then secondaries. */
    private static java.util.List<Integer> addresses(NetNamespace ns, NetDevice d) {
        Addresses a = ns.addresses();
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < a.size(); i++) {
                if (a.ifindex(i) == d.ifindex() && a.secondary(i) == (pass == 1)) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** The first two columns of a brief line: {@code %-16s %-14s } name and state. */
    private static String briefColumns(String name, String state) {
        return String.format("%-16s %-14s ", name, state);
    }

    /** {@code ip -br addr}: name (with @peer), state, then each address with its prefix, a space after each. */
    static String addrBrief(NetNamespace ns, NetDevice only, boolean v4Only) {
        StringBuilder sb = new StringBuilder();
        if (only == null && (!v4Only || ns.loopbackUp())) {
            sb.append(briefColumns("lo", loopbackState(ns))).append(ns.loopbackUp() ? "127.0.0.1/8 " : "").append('\n');
        }
        Addresses a = ns.addresses();
        for (NetDevice d : ns.devices()) {
            if ((only == null || d == only) && (!v4Only || hasAddress(ns, d))) {
                sb.append(briefColumns(IpLink.listedName(d), IpLink.operState(d)));
                for (int i : addresses(ns, d)) {
                    sb.append(Ipv4Address.toString(a.addr(i))).append('/').append(a.prefixLen(i)).append(' ');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String loopbackState(NetNamespace ns) {
        return ns.loopbackUp() ? "UNKNOWN" : "DOWN";
    }

    /** {@code ip -br link}: name (with @peer), state, MAC and flags. */
    static String linkBrief(NetNamespace ns, java.util.function.Predicate<NetDevice> keep, boolean withLo) {
        StringBuilder sb = new StringBuilder();
        if (withLo) {
            sb.append(briefColumns("lo", loopbackState(ns))).append("00:00:00:00:00:00 <").append(ns.loopbackUp() ? "LOOPBACK,UP,LOWER_UP" : "LOOPBACK")
                    .append("> \n");
        }
        for (NetDevice d : ns.devices()) {
            if (keep.test(d)) {
                sb.append(briefColumns(IpLink.listedName(d), IpLink.operState(d)))
                        .append(io.dockwire.wire.MacAddress.toString(d.mac())).append(" <").append(IpLink.flags(d))
                        .append("> \n");
            }
        }
        return sb.toString();
    }

    /** {@code ip link show} of the devices the filter keeps (lo first when {@code withLo}). */
    static String link(NetNamespace ns, java.util.function.Predicate<NetDevice> keep, boolean withLo) {
        StringBuilder sb = new StringBuilder();
        if (withLo) {
            loopback(ns, sb, true);
        }
        for (NetDevice d : ns.devices()) {
            if (keep.test(d)) {
                sb.append(IpLink.render(d, true)).append('\n');
            }
        }
        return sb.toString();
    }

    static void loopback(NetNamespace ns, StringBuilder sb, boolean linkStyle) {
        loopback(ns, sb, linkStyle, true);
    }

    /** lo as ip lists it; without its link/ line for {@code ip -4 addr}. */
    private static void loopback(NetNamespace ns, StringBuilder sb, boolean linkStyle, boolean linkLine) {
        String mode = linkStyle ? " mode DEFAULT" : "";
        if (ns.loopbackUp()) {
            sb.append("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN").append(mode)
                    .append(" group default qlen 1000\n");
        } else {
            sb.append("1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN").append(mode)
                    .append(" group default qlen 1000\n");
        }
        if (linkLine) {
            sb.append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
        }
        if (ns.loopbackUp() && !linkStyle) {
            sb.append("    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n");
        }
    }

    private static void inet(NetNamespace ns, NetDevice d, StringBuilder sb) {
        Addresses a = ns.addresses();
        for (int i : addresses(ns, d)) {
            sb.append("    inet ").append(Ipv4Address.toString(a.addr(i))).append('/').append(a.prefixLen(i));
            if (a.brd(i) != 0) {
                sb.append(" brd ").append(Ipv4Address.toString(a.brd(i)));
            }
            sb.append(" scope global ");
            if (a.secondary(i)) {
                sb.append("secondary ");
            }
            sb.append(d.name()).append("\n       valid_lft forever preferred_lft forever\n");
        }
    }
}
