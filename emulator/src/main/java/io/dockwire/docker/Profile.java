package io.dockwire.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What differs between Docker versions, as data: address pools, ephemeral port range, MAC
 * policy and the iptables rule layout. Later profiles (28.x, 29.x) are new values of this record.
 *
 * @param name              shown in messages, e.g. "docker-27"
 * @param version           the engine version the profile stands for, e.g. "27.2.1"
 * @param defaultPools      local default address pools in allocation order
 * @param ephemeralLow      first port for -p C and -P when the host's ip_local_port_range cannot be
 *                          read at daemon start (moby portallocator's DefaultPortRangeStart)
 * @param ephemeralHigh     last port of that fallback range
 * @param macFromIp         true: container MAC = 02:42 + the IPv4 bytes (Docker <= 27)
 * @param setsBrNetfilter   true: the daemon turns on net.bridge.bridge-nf-call-iptables (Docker <= 27)
 * @param userlandProxy     docker-proxy on (the daemon default) - decides the OUTPUT rule and hairpin
 * @param ipv6Bindings      also publish on :: (Docker on a host with IPv6); off: only 0.0.0.0 shows
 * @param rules             makes the (stateful) iptables layout of one engine
 */
public record Profile(String name, String version, List<Cidr> defaultPools, int ephemeralLow, int ephemeralHigh,
                      boolean macFromIp, boolean setsBrNetfilter, boolean userlandProxy,
                      boolean ipv6Bindings, Supplier<RuleLayout> rules) {

    /** Docker 27.2 ("classic" iptables layout with DOCKER-ISOLATION chains): the default. */
    public static final Profile DOCKER_27 = new Profile("docker-27", "27.2.1", classicPools(), 49153, 65535,
            true, true, true, false, Iptables27::new);

    /** Every profile, oldest first; {@link #forVersion} picks from these. */
    public static final List<Profile> ALL = List.of(DOCKER_27);

    public Profile {
        defaultPools = List.copyOf(defaultPools);
    }

    /** "27" for "27.2.1": the major.minor line a user names with {@code --docker}. */
    public String line() {
        int dot = version.indexOf('.', version.indexOf('.') + 1);
        return dot < 0 ? version : version.substring(0, dot);
    }

    /**
     * The profile a user means by {@code --docker V} or {@code # dockwire: docker V}: a whole
     * version ("27.2.1"), its line ("27.2") or its major version ("27": the newest of that major
     * line). Null when no profile matches.
     */
    public static Profile forVersion(String v) {
        Profile found = null;
        for (Profile p : ALL) {
            if (p.version.equals(v) || p.line().equals(v) || p.version.startsWith(v + ".")) {
                found = p; // ALL is oldest first: the last match is the newest
            }
        }
        return found;
    }

    /** "20.10, 27.2": the versions {@link #forVersion} knows, for messages. */
    public static String known() {
        return String.join(", ", ALL.stream().map(Profile::line).toList());
    }

    /** libnetwork's local defaults: 172.17-31.0.0/16, then 192.168.0.0/16 cut into /20s. */
    private static List<Cidr> classicPools() {
        List<Cidr> pools = new ArrayList<>();
        for (int b = 17; b <= 31; b++) {
            pools.add(new Cidr((172 << 24) | (b << 16), 16));
        }
        for (int c = 0; c < 256; c += 16) {
            pools.add(new Cidr((192 << 24) | (168 << 16) | (c << 8), 20));
        }
        return pools;
    }

    /** The same profile with the userland proxy switched (dockerd --userland-proxy=false). */
    public Profile withUserlandProxy(boolean on) {
        return new Profile(name, version, defaultPools, ephemeralLow, ephemeralHigh, macFromIp, setsBrNetfilter, on,
                ipv6Bindings, rules);
    }
}
