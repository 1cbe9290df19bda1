package io.dockwire.vxlan;

import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.MacAddress;
import it.unimi.dsi.fastutil.longs.Long2ObjectLinkedOpenHashMap;

/**
 * A vxlan device's forwarding table (struct vxlan_fdb): MAC to remote tunnel endpoint, each entry
 * permanent ({@code bridge fdb append ... self permanent}) or learned from a received frame and
 * aged out after the device's ageing time. Kept in insertion order (what {@code bridge fdb show}
 * lists; the kernel's hash order is not reproducible).
 */
final class VxlanFdb {
    static final class Entry {
        final long mac;
        int remote;
        final boolean permanent;
        long updated;

        Entry(long mac, int remote, boolean permanent, long updated) {
            this.mac = mac;
            this.remote = remote;
            this.permanent = permanent;
            this.updated = updated;
        }
    }

    private final Long2ObjectLinkedOpenHashMap<Entry> entries = new Long2ObjectLinkedOpenHashMap<>();

    /** The entry for {@code mac} still valid at {@code now} (learned ones age out), or null. */
    Entry find(long mac, long now, long ageingNs) {
        Entry e = entries.get(mac);
        if (e != null && !e.permanent && now - e.updated >= ageingNs) {
            entries.remove(mac);
            return null;
        }
        return e;
    }

    /** {@code bridge fdb add|append MAC dev DEV dst IP self permanent}; false if it exists (add) . */
    boolean addPermanent(long mac, int remote, long now) {
        Entry old = entries.get(mac);
        if (old != null && old.permanent) {
            return false;
        }
        entries.put(mac, new Entry(mac, remote, true, now));
        return true;
    }

    boolean remove(long mac) {
        return entries.remove(mac) != null;
    }

    /** vxlan_snoop: a frame from {@code mac} arrived from {@code remote}: learn or refresh it. */
    void learn(long mac, int remote, long now) {
        Entry e = entries.get(mac);
        if (e == null) {
            entries.put(mac, new Entry(mac, remote, false, now));
        } else if (!e.permanent) {
            e.remote = remote;
            e.updated = now;
        }
    }

    /** {@code bridge fdb show}'s lines for the device (self entries). */
    String show(String dev, boolean otherNetns, long now, long ageingNs) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries.values()) {
            if (!e.permanent && now - e.updated >= ageingNs) {
                continue;
            }
            sb.append(MacAddress.toString(e.mac)).append(" dev ").append(dev).append(" dst ")
                    .append(Ipv4Address.toString(e.remote)).append(otherNetns ? " link-netnsid 0" : "")
                    .append(e.permanent ? " self permanent\n" : " self \n");
        }
        return sb.toString();
    }
}
