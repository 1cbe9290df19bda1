package io.dockwire.export;

import io.dockwire.docker.Container;
import io.dockwire.docker.Network;
import io.dockwire.link.NetDevice;
import io.dockwire.link.World;
import io.dockwire.scenario.DockerNode;
import io.dockwire.scenario.ScenarioWorld;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real-Docker tier's capture names when the world has several Docker hosts, as the script's
 * {@code realcaps_hosts} gives them to the real interfaces (whose names, ids and MACs the real
 * daemons pick): {@code HOST:eth0}, {@code HOST:docker0}, {@code HOST:br:NETWORK};
 * {@code HOST/ov:NETWORK:br0} and {@code :vxlan0} in an overlay's namespace;
 * {@code HOST/lb:NETWORK:IF}, {@code HOST/ingress_sbox:IF} and {@code CONTAINER:IF} for sandboxes.
 * The veth ends in the hosts' (but their uplinks) and the overlays' namespaces are left out (the empty name): each
 * carries the frames its sandbox's end carries, and the real ones are not told apart by name.
 */
final class HostNames {
    private enum Kind { HOST, OVERLAY, SANDBOX }

    private record Place(Kind kind, String prefix, DockerNode node) {
    }

    private HostNames() {
    }

    /** Adds the canonical name of every device of the world now to {@code names} (emulated capture name to it). */
    static void canonical(ScenarioWorld world, Map<String, String> names) {
        Map<String, String> overlays = new TreeMap<>();
        for (DockerNode node : world.nodes()) {
            for (Network n : node.engine().networks()) {
                if (n.isOverlay()) {
                    overlays.put(n.id(), n.name());
                }
            }
        }
        Map<String, Place> places = new HashMap<>();
        for (DockerNode node : world.nodes()) {
            places.put(node.namespace(), new Place(Kind.HOST, node.name() + ":", node));
            overlays.forEach((id, name) -> {
                places.put(node.key("1-" + id.substring(0, 10)), new Place(Kind.OVERLAY, node.name() + "/ov:" + name + ":", node));
                places.put(node.key("lb_" + id.substring(0, 9)), new Place(Kind.SANDBOX, node.name() + "/lb:" + name + ":", node));
            });
            places.put(node.key("ingress_sbox"), new Place(Kind.SANDBOX, node.name() + "/ingress_sbox:", node));
            for (Container c : node.engine().containers()) {
                if (c.netns() != null && !c.networkMode().equals("host")) {
                    places.put(node.key(c.netns()), new Place(Kind.SANDBOX, c.name() + ":", node));
                }
            }
        }
        World w = world.kernel().emulation().world();
        for (NetDevice d : w.devices()) {
            Place p = places.get(d.namespace());
            if (p != null) {
                names.put(w.captureName(d), name(p, d));
            }
        }
    }

    private static String name(Place p, NetDevice d) {
        String dev = d.name();
        return switch (p.kind()) {
            case SANDBOX -> p.prefix() + dev;
            case OVERLAY -> dev.equals("br0") || dev.equals("vxlan0") ? p.prefix() + dev : "";
            case HOST -> {
                if (d instanceof io.dockwire.link.Veth && !dev.equals("eth0")) {
                    yield "";
                }
                for (Network n : p.node().engine().networks()) {
                    if (dev.equals(n.bridge())) {
                        yield p.prefix() + (dev.equals("docker0") ? dev : "br:" + n.name());
                    }
                }
                yield p.prefix() + dev;
            }
        };
    }
}
