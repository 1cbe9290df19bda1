package io.dockwire.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.command.CommandResult;
import io.dockwire.kernel.Kernel;
import io.dockwire.sim.Simulator;
import io.dockwire.testing.RecordingSink;
import java.util.List;

/**
 * The Docker 27 world of real-outputs.md built by argv: host dh (eth0 192.168.1.10/24 to the LAN
 * client ext 192.168.1.20), docker0 172.17.0.1/16 with c1 (.2, port 80 published as 8080) and
 * c2 (.3), and a user-defined bridge br-aaaaaaaaaaaa 172.18.0.1/16 with a1 (.2) and a2 (.3).
 */
final class World {
    static final long MS = 1_000_000L;
    static final long S = 1_000 * MS;

    final RecordingSink sink = new RecordingSink();
    final Kernel k;

    World(long seed) {
        k = new Kernel(new Simulator(seed), sink);
        k.emulation().world().setRootNamespaceName("dh");
        sh(null, "ip netns add ext");
        sh(null, "ip link add eth0 type veth peer name eth0 netns ext");
        sh(null, "ip link set eth0 up");
        sh(null, "ip link set lo up");
        sh(null, "ip addr add 192.168.1.10/24 dev eth0");
        sh("ext", "ip link set eth0 up");
        sh("ext", "ip link set lo up");
        sh("ext", "ip addr add 192.168.1.20/24 dev eth0");
        bridge("docker0", "172.17");
        bridge("br-aaaaaaaaaaaa", "172.18");
        container("c1", "docker0", "172.17", 2);
        container("c2", "docker0", "172.17", 3);
        container("a1", "br-aaaaaaaaaaaa", "172.18", 2);
        container("a2", "br-aaaaaaaaaaaa", "172.18", 3);
        sh(null, "sysctl -w net.ipv4.ip_forward=1");
        for (String rule : new String[] {
            "-t nat -N DOCKER",
            "-t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
            "-t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER",
            "-t nat -A POSTROUTING -s 172.18.0.0/16 ! -o br-aaaaaaaaaaaa -j MASQUERADE",
            "-t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
            "-t nat -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE",
            "-t nat -A DOCKER -i br-aaaaaaaaaaaa -j RETURN",
            "-t nat -A DOCKER -i docker0 -j RETURN",
            "-t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
            "-P FORWARD DROP",
            "-N DOCKER",
            "-N DOCKER-USER",
            "-A FORWARD -j DOCKER-USER",
            "-A FORWARD -o br-aaaaaaaaaaaa -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "-A FORWARD -o br-aaaaaaaaaaaa -j DOCKER",
            "-A FORWARD -i br-aaaaaaaaaaaa ! -o br-aaaaaaaaaaaa -j ACCEPT",
            "-A FORWARD -i br-aaaaaaaaaaaa -o br-aaaaaaaaaaaa -j ACCEPT",
            "-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "-A FORWARD -o docker0 -j DOCKER",
            "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT",
            "-A FORWARD -i docker0 -o docker0 -j ACCEPT",
            "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
            "-A DOCKER-USER -j RETURN",
        }) {
            sh(null, "iptables " + rule);
        }
    }

    private void bridge(String name, String net) {
        sh(null, "ip link add " + name + " type bridge");
        sh(null, "ip addr add " + net + ".0.1/16 dev " + name);
        sh(null, "ip link set " + name + " up");
    }

    private void container(String name, String bridge, String net, int host) {
        sh(null, "ip netns add " + name);
        sh(null, "ip link add veth" + name + " type veth peer name eth0 netns " + name);
        sh(null, "ip link set veth" + name + " master " + bridge);
        sh(null, "ip link set veth" + name + " up");
        sh(name, "ip link set lo up");
        String[] q = net.split("\\.");
        sh(name, String.format("ip link set eth0 address 02:42:%02x:%02x:00:%02x", Integer.parseInt(q[0]),
                Integer.parseInt(q[1]), host));
        sh(name, "ip link set eth0 up");
        sh(name, "ip addr add " + net + ".0." + host + "/16 dev eth0");
        sh(name, "ip route add default via " + net + ".0.1");
    }

    void sh(String ns, String line) {
        CommandResult r = k.exec(ns, List.of(line.split(" ")));
        assertEquals(0, r.exitCode(), () -> line + ": " + r.stderr());
    }

    AppProcess start(String ns, AppEnv env, String line) {
        return Apps.start(k, ns, List.of(line.split(" ")), env);
    }

    /** Starts {@code line} and runs the simulator until it ends (at most 10 simulated minutes). */
    AppProcess run(String ns, AppEnv env, String line) {
        return await(start(ns, env, line));
    }

    AppProcess await(AppProcess p) {
        assertTrue(Apps.await(k, p, k.sim().now() + 600 * S), "still running at " + k.sim().now());
        return p;
    }

    long now() {
        return k.sim().now();
    }
}
