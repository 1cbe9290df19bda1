package io.dockwire.ip;

import io.dockwire.sim.SimRandom;

/**
 * The per-namespace sysctls the IP layer reads, with the defaults of a new Linux network
 * namespace: {@code net.ipv4.ip_forward=0}, {@code ip_local_port_range=32768 60999},
 * {@code conf.all.arp_ignore=0} (reply for any local address on any interface; other values are
 * refused rather than half-modelled), {@code icmp_echo_ignore_broadcasts=1},
 * {@code ip_default_ttl=64}. {@code net.bridge.bridge-nf-call-iptables} is only stored here for
 * the bridge/netfilter layers (default 0: br_netfilter is not loaded in a fresh namespace).
 */
public final class Sysctls {
    boolean ipForward;
    int portLow = 32768;
    int portHigh = 60999;
    boolean echoIgnoreBroadcasts = true;
    int defaultTtl = 64;
    boolean bridgeNfCallIptables;

    public boolean ipForward() {
        return ipForward;
    }

    public int portLow() {
        return portLow;
    }

    public int portHigh() {
        return portHigh;
    }

    public int defaultTtl() {
        return defaultTtl;
    }

    public boolean bridgeNfCallIptables() {
        return bridgeNfCallIptables;
    }

    /** Like {@code sysctl -w key=value}; throws with the sysctl tool's wording for bad keys/values. */
    public void set(String key, String value) {
        String v = value.trim();
        switch (key) {
            case "net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding" -> ipForward = bool(key, v);
            case "net.ipv4.ip_local_port_range" -> {
                String[] p = v.split("\\s+");
                int lo = num(key, p[0]);
                int hi = p.length > 1 ? num(key, p[1]) : -1;
                if (p.length != 2 || lo < 1 || hi > 65535 || lo > hi) {
                    throw new IllegalArgumentException("sysctl: setting key \"" + key + "\": Invalid argument");
                }
                portLow = lo;
                portHigh = hi;
            }
            case "net.ipv4.conf.all.arp_ignore", "net.ipv4.conf.default.arp_ignore" -> {
                if (num(key, v) != 0) {
                    throw new IllegalArgumentException("arp_ignore other than 0 is not modelled, key=" + key);
                }
            }
            case "net.ipv4.icmp_echo_ignore_broadcasts" -> echoIgnoreBroadcasts = bool(key, v);
            case "net.ipv4.ip_default_ttl" -> {
                int t = num(key, v);
                if (t < 1 || t > 255) {
                    throw new IllegalArgumentException("sysctl: setting key \"" + key + "\": Invalid argument");
                }
                defaultTtl = t;
            }
            case "net.bridge.bridge-nf-call-iptables" -> bridgeNfCallIptables = bool(key, v);
            default -> throw new IllegalArgumentException("sysctl: cannot stat /proc/sys/" + key.replace('.', '/')
                    + ": No such file or directory");
        }
    }

    /** The value as {@code sysctl -n key} prints it. */
    public String get(String key) {
        return switch (key) {
            case "net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding" -> ipForward ? "1" : "0";
            case "net.ipv4.ip_local_port_range" -> portLow + "\t" + portHigh;
            case "net.ipv4.conf.all.arp_ignore", "net.ipv4.conf.default.arp_ignore" -> "0";
            case "net.ipv4.icmp_echo_ignore_broadcasts" -> echoIgnoreBroadcasts ? "1" : "0";
            case "net.ipv4.ip_default_ttl" -> Integer.toString(defaultTtl);
            case "net.bridge.bridge-nf-call-iptables" -> bridgeNfCallIptables ? "1" : "0";
            default -> throw new IllegalArgumentException("sysctl: cannot stat /proc/sys/" + key.replace('.', '/')
                    + ": No such file or directory");
        };
    }

    /**
     * An ephemeral port as Linux picks one for an unbound socket: a random start in the range,
     * then sequential probing ({@code inet_csk_find_open_port} / {@code udp_lib_get_port});
     * -1 when every port is taken.
     */
    int pickPort(SimRandom random, java.util.function.IntPredicate inUse) {
        int n = portHigh - portLow + 1;
        int start = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            int p = portLow + (start + i) % n;
            if (!inUse.test(p)) {
                return p;
            }
        }
        return -1;
    }

    private static boolean bool(String key, String v) {
        return num(key, v) != 0;
    }

    private static int num(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sysctl: setting key \"" + key + "\": Invalid argument", e);
        }
    }
}
