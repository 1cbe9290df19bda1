package io.dockwire.export;

import io.dockwire.scenario.Context;
import io.dockwire.scenario.ScenarioLine;
import java.util.regex.Pattern;

/**
 * What the real-Docker tier sets aside for one kind of command, because the two worlds differ
 * there by construction rather than by what Docker does (traces/CONFORMANCE.md says why):
 * <ul>
 * <li>{@code ip} on the Docker host (or in a container on the host's network): its uplink {@code eth0} is a veth to the LAN bridge on the real
 *     side ({@code eth0@ifN}, {@code qdisc noqueue}, {@code link-netns}); dockwire presents it as the
 *     host's NIC, as on a real Docker host;</li>
 * <li>{@code ip} in a container: the stand-in image's BusyBox is Debian's 1.35, which prints no
 *     link state and always prints {@code ip neigh}'s statistics (and no blank after the state),
 *     where the busybox and alpine images' 1.36 (as dockwire prints it) differ.</li>
 * </ul>
 * {@code ip neigh} lines are compared as a set (the kernel dumps them in the order of a randomly
 * seeded hash). {@code docker network inspect}'s {@code Containers} are compared as a set: Go writes a map's keys
 * sorted, and the real ids are random.
 */
final class ForCommand {
    private static final Pattern UPLINK = Pattern.compile("(?m)^(\\d+: eth0)@if\\d+(: .*) qdisc noqueue (.*)$");
    private static final Pattern LINK_NETNS = Pattern.compile("(?m)(^\\d+: eth0: .*\\n\\s+link/ether \\S+ brd \\S+) link-netns(?:id)? \\S+");
    private static final Pattern BUSYBOX_STATE = Pattern.compile(" state (?:UP|DOWN|UNKNOWN|LOWERLAYERDOWN)");
    private static final Pattern BUSYBOX_NEIGH_STATS = Pattern.compile(" ref \\d+ used \\d+/\\d+/\\d+ probes \\d+");
    private static final Pattern DOCKWIRE_NOTE = Pattern.compile("(?m)^dockwire: .*\\n");
    private static final Pattern TRAILING_BLANK = Pattern.compile("(?m) +$");

    private ForCommand() {
    }

    /**
     * {@code hostView}: the command saw the Docker host's own devices (run on the host, or in a
     * container sharing the host's network).
     */
    static String adjust(ScenarioLine line, String text, boolean real, boolean hostView) {
        if (!real) {
            // dockwire's own notes (what a tutorial's placeholder stood for): no real tool prints them.
            text = DOCKWIRE_NOTE.matcher(text).replaceAll("");
        }
        String cmd = line.argv().get(0);
        if (cmd.equals("ip")) {
            String t = text;
            if (hostView && real) {
                t = UPLINK.matcher(t).replaceAll("$1$2 qdisc fq_codel $3");
                t = LINK_NETNS.matcher(t).replaceAll("$1");
            }
            if (line.context().kind() == Context.Kind.CONTAINER && !hostView) {
                t = BUSYBOX_STATE.matcher(t).replaceAll("");
                t = BUSYBOX_NEIGH_STATS.matcher(t).replaceAll("");
                t = TRAILING_BLANK.matcher(t).replaceAll("");
            }
            if (line.argv().size() > 1 && "neighbour".startsWith(line.argv().get(1)) && !t.isEmpty()) {
                // The kernel dumps the neighbour table in hash order, and its hash is seeded at random.
                t = String.join("\n", t.lines().sorted().toList()) + "\n";
            }
            return t;
        }
        if (cmd.equals("docker") && line.argv().size() > 2 && line.argv().get(1).equals("network")
                && line.argv().get(2).equals("inspect")) {
            return NetworkInspect.containersSorted(text);
        }
        return text;
    }
}
