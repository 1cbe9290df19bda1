package io.dockwire.l2;

import io.dockwire.link.NetDevice;
import io.dockwire.wire.MacAddress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Renders bridges as iproute2 {@code bridge fdb show br X} and bridge-utils {@code brctl show} print them. */
public final class BridgeTools {
    private BridgeTools() {
    }

    /**
     * {@code bridge fdb show br NAME}: per device in ifindex order (the bridge, then its ports):
     * the bridge's own multicast addresses ({@code self permanent}) and its MAC when no port
     * carries it; for each port its learned entries (a trailing space, as iproute2 prints),
     * its local entry ({@code permanent}) and its multicast addresses ({@code self permanent}).
     * Entries expired at {@code now} are not shown.
     */
    public static String fdbShow(Bridge br, long now) {
        List<Bridge.FdbEntry> entries = br.fdbEntries(now);
        List<NetDevice> devs = new ArrayList<>(br.ports());
        devs.add(br);
        devs.sort(Comparator.comparingInt(NetDevice::ifindex));
        StringBuilder sb = new StringBuilder();
        for (NetDevice d : devs) {
            if (d == br) {
                selfEntries(sb, br);
                boolean portHasMac = false;
                for (NetDevice p : br.ports()) {
                    portHasMac |= p.mac() == br.mac();
                }
                if (!portHasMac) {
                    sb.append(MacAddress.toString(br.mac())).append(" dev ").append(br.name()).append(" master ")
                            .append(br.name()).append(" permanent\n");
                }
                continue;
            }
            for (Bridge.FdbEntry e : entries) {
                if (e.port() == d) {
                    sb.append(MacAddress.toString(e.mac())).append(" dev ").append(d.name()).append(" master ")
                            .append(br.name()).append(e.local() ? " permanent\n" : " \n");
                }
            }
            String own = d.fdbSelfEntries(now);
            if (own != null) {
                sb.append(own);
            } else {
                selfEntries(sb, d);
            }
        }
        return sb.toString();
    }

    /** 33:33:00:00:00:01, 01:00:5e:00:00:6a, 33:33:00:00:00:6a, 01:00:5e:00:00:01. */
    private static final long[] BRIDGE_GROUPS = {0x3333_0000_0001L, 0x0100_5e00_006aL, 0x3333_0000_006aL, 0x0100_5e00_0001L};
    /** 33:33:00:00:00:01, 01:00:5e:00:00:01. */
    private static final long[] PORT_GROUPS = {0x3333_0000_0001L, 0x0100_5e00_0001L};

    /**
     * The device's multicast addresses as the kernel lists them (ndo_dflt_fdb_dump of dev->mc): the
     * IPv6 all-nodes group (joined when the device registers, even with IPv6 disabled), for an up
     * bridge with multicast snooping the all-snoopers groups (br_multicast_join_snoopers), and the
     * IPv4 all-hosts group of an up device (ip_mc_up) - the order a real 6.x kernel printed for
     * docker0 and its veths.
     */
    private static void selfEntries(StringBuilder sb, NetDevice d) {
        long[] groups = !d.isUp() ? new long[] {PORT_GROUPS[0]} : d instanceof Bridge ? BRIDGE_GROUPS : PORT_GROUPS;
        for (long g : groups) {
            sb.append(MacAddress.toString(g)).append(" dev ").append(d.name()).append(" self permanent\n");
        }
    }

    /**
     * {@code brctl show}: bridges sorted by name, ports by name (bridge-utils reads brif/ with
     * alphasort), bridge id {@code 8000.<mac>} (default priority), STP always "no".
     */
    public static String brctlShow(Collection<Bridge> bridges) {
        List<Bridge> sorted = new ArrayList<>(bridges);
        sorted.sort(Comparator.comparing(NetDevice::name));
        StringBuilder sb = new StringBuilder("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n");
        for (Bridge br : sorted) {
            sb.append(br.name()).append("\t\t8000.").append(String.format("%012x", br.mac())).append("\tno\t\t");
            List<NetDevice> ports = new ArrayList<>(br.ports());
            ports.sort(Comparator.comparing(NetDevice::name));
            if (ports.isEmpty()) {
                sb.append('\n');
            }
            for (int i = 0; i < ports.size(); i++) {
                if (i > 0) {
                    sb.append("\t\t\t\t\t\t\t");
                }
                sb.append(ports.get(i).name()).append('\n');
            }
        }
        return sb.toString();
    }
}
