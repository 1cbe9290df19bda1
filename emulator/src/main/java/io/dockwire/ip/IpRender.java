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
        StringBuilder sb = new StringBuilder();
        if (only == null) {
            loopback(ns, sb, false);
        }
        for (NetDevice d : ns.devices()) {
            if (only == null || d == only) {
                sb.append(IpLink.render(d, false)).append('\n');
                inet(ns, d, sb);
            }
        }
        return sb.toString();
    }

    static String link(NetNamespace ns, NetDevice only) {
        StringBuilder sb = new StringBuilder();
        if (only == null) {
            loopback(ns, sb, true);
        }
        for (NetDevice d : ns.devices()) {
            if (only == null || d == only) {
                sb.append(IpLink.render(d, true)).append('\n');
            }
        }
        return sb.toString();
    }

    static void loopback(NetNamespace ns, StringBuilder sb, boolean linkStyle) {
        String mode = linkStyle ? " mode DEFAULT" : "";
        if (ns.loopbackUp()) {
            sb.append("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN").append(mode)
                    .append(" group default qlen 1000\n");
        } else {
            sb.append("1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN").append(mode)
                    .append(" group default qlen 1000\n");
        }
        sb.append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
        if (ns.loopbackUp() && !linkStyle) {
            sb.append("    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n");
        }
    }

    private static void inet(NetNamespace ns, NetDevice d, StringBuilder sb) {
        Addresses a = ns.addresses();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < a.size(); i++) {
                if (a.ifindex(i) != d.ifindex() || a.secondary(i) != (pass == 1)) {
                    continue;
                }
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
}
