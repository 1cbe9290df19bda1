package io.dockwire.ip;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ip addr}, {@code ip link} and {@code ip route} as BusyBox 1.36 prints them (busybox and
 * alpine images), from iproute2's rendering of the same state (networking/libiproute):
 * <ul>
 * <li>a device line is {@code mtu M qdisc Q [master X ]state S } and {@code qlen N} only when N
 *     is not 0 (so a Docker eth0 line ends in a space); no {@code mode}, no {@code group};</li>
 * <li>the peer of a veth in another namespace is looked up by its ifindex here, which finds
 *     nothing, so its flags read as down: {@code M-DOWN} (iproute2 skips the lookup);</li>
 * <li>no {@code link-netnsid}/{@code link-netns} after the link address;</li>
 * <li>routes show no {@code proto}, and {@code src} after the scope with a space of its own.</li>
 * </ul>
 */
public final class BusyBoxIp {
    private static final Pattern DEVICE = Pattern.compile(
            "^(\\d+: [^:@]+)(@[^:]+)?: <([^>]*)> mtu (\\d+) qdisc (\\S+)( master \\S+)? state (\\S+)"
                    + "(?: mode \\S+)?(?: group \\S+)? ?(?: qlen (\\d+))?$");
    private static final Pattern PEER_ELSEWHERE = Pattern.compile("@if\\d+");

    private BusyBoxIp() {
    }

    /** The iproute2 output of {@code ip addr|link|route ...} turned into BusyBox's. */
    public static String convert(String iproute2) {
        StringBuilder sb = new StringBuilder(iproute2.length());
        for (String line : iproute2.split("\n", -1)) {
            sb.append(line(line)).append('\n');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    private static String line(String line) {
        Matcher m = DEVICE.matcher(line);
        if (m.matches()) {
            String peer = m.group(2) == null ? "" : m.group(2);
            String flags = m.group(3);
            if (PEER_ELSEWHERE.matcher(peer).matches() && !flags.contains("M-DOWN")) {
                flags += ",M-DOWN";
            }
            String qlen = m.group(8) == null || m.group(8).equals("0") ? "" : "qlen " + m.group(8);
            return m.group(1) + peer + ": <" + flags + "> mtu " + m.group(4) + " qdisc " + m.group(5)
                    + (m.group(6) == null ? "" : m.group(6)) + " state " + m.group(7) + " " + qlen;
        }
        if (line.startsWith("    link/")) {
            return line.replaceFirst(" link-netns(id)? \\S+$", "");
        }
        if (!line.startsWith(" ") && !line.isEmpty()) { // a route
            return line.replace(" proto kernel", "").replace(" scope link src ", " scope link  src ");
        }
        return line;
    }
}
