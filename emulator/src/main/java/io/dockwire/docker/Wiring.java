package io.dockwire.docker;

import java.util.List;

/**
 * The kernel commands libnetwork issues for bridges, sandboxes and endpoints (the iptables part
 * comes from the profile's {@link RuleLayout}).
 */
final class Wiring {
    private final KernelProgrammer kernel;

    Wiring(KernelProgrammer kernel) {
        this.kernel = kernel;
    }

    /** A host sysctl's value as {@code sysctl -n} prints it, null when unreadable. */
    String sysctl(String key) {
        String v = kernel.readSysctl(key);
        return v == null ? null : v.strip();
    }

    void host(String... argv) {
        kernel.exec(null, List.of(argv));
    }

    /** A command run inside namespace {@code ns} (ip netns exec NS ...). */
    void in(String ns, String... argv) {
        kernel.exec(ns, List.of(argv));
    }

    void all(List<List<String>> commands) {
        for (List<String> c : commands) {
            kernel.exec(null, c);
        }
    }

    /** The bridge device: created with its MAC, given the gateway address, brought up. */
    void addBridge(String bridge, String mac, Cidr subnet, int gateway) {
        // libnetwork's netlink.Bridge{LinkAttrs{Name}}: TxQLen 0 is sent as is (no qlen shown).
        host("ip", "link", "add", bridge, "address", mac, "txqlen", "0", "type", "bridge");
        host("ip", "addr", "add", Cidr.ip(gateway) + "/" + subnet.prefix(), "brd", Cidr.ip(subnet.broadcast()), "dev", bridge);
        host("ip", "link", "set", bridge, "up");
    }

    void deleteBridge(String bridge) {
        host("ip", "link", "del", bridge);
    }

    /** A sandbox namespace; {@code container} names it in captures (null: a daemon's own sandbox). */
    void addSandbox(String ns, String container) {
        if (container != null) {
            kernel.sandbox(ns, container);
        }
        host("ip", "netns", "add", ns);
        host("ip", "-n", ns, "link", "set", "lo", "up");
    }

    void deleteSandbox(String ns) {
        host("ip", "netns", "del", ns);
    }

    /**
     * libnetwork's bridge CreateEndpoint + sandbox AddInterface: a veth pair made in the host
     * (so the two ends get consecutive ifindexes), host end enslaved and up, the other end moved
     * into the sandbox, renamed ethN, given its MAC and address, brought up.
     */
    void addEndpoint(String ns, Endpoint ep, boolean hairpin) {
        Network n = ep.network;
        // netlink.Veth{LinkAttrs{Name, TxQLen: 0}, PeerName}: both ends without a queue length.
        host("ip", "link", "add", ep.vethHost, "txqlen", "0", "type", "veth", "peer", "name", ep.vethPeer, "txqlen", "0");
        host("ip", "link", "set", ep.vethHost, "master", n.bridge);
        if (hairpin) {
            // Without the proxy a container reaches its own published port through the bridge and back.
            host("ip", "link", "set", ep.vethHost, "type", "bridge_slave", "hairpin", "on");
        }
        host("ip", "link", "set", ep.vethHost, "up");
        host("ip", "link", "set", ep.vethPeer, "netns", ns);
        host("ip", "-n", ns, "link", "set", ep.vethPeer, "name", ep.ifName);
        host("ip", "-n", ns, "link", "set", ep.ifName, "address", ep.mac);
        host("ip", "-n", ns, "addr", "add", Cidr.ip(ep.ip) + "/" + n.subnet.prefix(), "brd",
                Cidr.ip(n.subnet.broadcast()), "dev", ep.ifName);
        host("ip", "-n", ns, "link", "set", ep.ifName, "up");
    }

    /** Deleting the host end of a veth pair deletes both ends (in an overlay's namespace for its endpoints). */
    void deleteEndpoint(Endpoint ep) {
        if (ep.hostNamespace != null) {
            host("ip", "-n", ep.hostNamespace, "link", "del", ep.vethHost);
        } else {
            host("ip", "link", "del", ep.vethHost);
        }
    }

    void addDefaultRoute(String ns, Endpoint ep) {
        host("ip", "-n", ns, "route", "add", "default", "via", Cidr.ip(ep.network.gateway), "dev", ep.ifName);
    }

    void deleteDefaultRoute(String ns) {
        host("ip", "-n", ns, "route", "del", "default");
    }

    void spawn(String handle, String ns, List<String> argv) {
        kernel.spawn(handle, ns, argv);
    }

    void kill(String handle) {
        kernel.kill(handle);
    }
}
