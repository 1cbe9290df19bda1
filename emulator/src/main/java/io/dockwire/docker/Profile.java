package io.dockwire.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What differs between Docker versions, as data: address pools, ephemeral port range, MAC
 * policy and the iptables rule layout. Later profiles (28.x, 29.x) are new values of this record.
 *
 * @param name              shown in messages, e.g. "docker-27"
 * @param defaultPools      local default address pools in allocation order
 * @param ephemeralLow      first port of the kernel's ip_local_port_range (used for -p C and -P)
 * @param ephemeralHigh     last port of that range
 * @param macFromIp         true: container MAC = 02:42 + the IPv4 bytes (Docker <= 27)
 * @param setsBrNetfilter   true: the daemon turns on net.bridge.bridge-nf-call-iptables (Docker <= 27)
 * @param userlandProxy     docker-proxy on (the daemon default) - decides the OUTPUT rule and hairpin
 * @param ipv6Bindings      also publish on :: (Docker on a host with IPv6); off: only 0.0.0.0 shows
 * @param rules             makes the (stateful) iptables layout of one engine
 */
public record Profile(String name, List<Cidr> defaultPools, int ephemeralLow, int ephemeralHigh,
                      boolean macFromIp, boolean setsBrNetfilter, boolean userlandProxy,
                      boolean ipv6Bindings, Supplier<RuleLayout> rules) {

    /** Docker 27.x ("classic" iptables layout with DOCKER-ISOLATION chains), the tutorials' era. */
    public static final Profile DOCKER_27 = new Profile("docker-27", classicPools(), 32768, 60999,
            true, true, true, false, Iptables27::new);

    public Profile {
        defaultPools = List.copyOf(defaultPools);
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
        return new Profile(name, defaultPools, ephemeralLow, ephemeralHigh, macFromIp, setsBrNetfilter, on,
                ipv6Bindings, rules);
    }
}
