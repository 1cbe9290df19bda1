package io.dockwire.docker;

import java.util.Map;

/** What `docker network create` asks for; null fields are unset. */
public record NetworkSpec(String name, String driver, String subnet, String gateway, String ipRange,
                          boolean internal, Map<String, String> options, Map<String, String> labels,
                          boolean attachable) {
    public NetworkSpec {
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
    }

    public NetworkSpec(String name, String driver, String subnet, String gateway, String ipRange, boolean internal,
                       Map<String, String> options, Map<String, String> labels) {
        this(name, driver, subnet, gateway, ipRange, internal, options, labels, false);
    }

    /** The same with --attachable. */
    public NetworkSpec attachable(boolean on) {
        return new NetworkSpec(name, driver, subnet, gateway, ipRange, internal, options, labels, on);
    }

    public static NetworkSpec named(String name) {
        return new NetworkSpec(name, "bridge", null, null, null, false, Map.of(), Map.of());
    }

    public NetworkSpec withSubnet(String s, String gw, String range) {
        return new NetworkSpec(name, driver, s, gw, range, internal, options, labels);
    }

    public NetworkSpec withOptions(Map<String, String> opts) {
        return new NetworkSpec(name, driver, subnet, gateway, ipRange, internal, opts, labels);
    }
}
