package io.dockwire.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineKernelCommandsTest {
    private final RecordingKernel kernel = new RecordingKernel();
    private final DockerEngine engine = DockerEngine.docker27(kernel, 7, () -> 0L);

    private static String brName(String name) {
        return "com.docker.network.bridge.name";
    }

    @Test
    void runWithPublishedPortOnAFreshEngineProgramsTheHostAsLibnetwork27() throws Exception {
        kernel.drain();
        Container web = engine.run(RunSpec.of("web", "nginx").withPorts(List.of(PortSpec.parse("8080:80")), false));
        String ns = web.netns();
        Endpoint ep = web.endpoints().get(0);
        String v = ep.vethHost();
        String peer = ep.vethPeer;
        assertEquals(List.of(
                "ip netns add " + ns,
                "ip -n " + ns + " link set lo up",
                "ip link add " + v + " txqlen 0 type veth peer name " + peer + " txqlen 0",
                "ip link set " + v + " master docker0",
                "ip link set " + v + " up",
                "ip link set " + peer + " netns " + ns,
                "ip -n " + ns + " link set " + peer + " name eth0",
                "ip -n " + ns + " link set eth0 address 02:42:ac:11:00:02",
                "ip -n " + ns + " addr add 172.17.0.2/16 brd 172.17.255.255 dev eth0",
                "ip -n " + ns + " link set eth0 up",
                "ip -n " + ns + " route add default via 172.17.0.1 dev eth0",
                "iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
                "iptables -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
                "iptables -t nat -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE",
                "# spawn docker-proxy:tcp:0.0.0.0:8080: docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080"
                        + " -container-ip 172.17.0.2 -container-port 80",
                "# spawn container:" + web.shortId() + " in " + ns + ": /docker-entrypoint.sh nginx -g daemon off;"),
                kernel.drain());
        assertEquals(12, ns.length());
        assertEquals(true, v.matches("veth[0-9a-f]{7}"));
    }

    @Test
    void daemonStartThenOneContainerGivesTheReferenceRuleset() throws Exception {
        engine.run(RunSpec.of("web", "nginx").withPorts(List.of(PortSpec.parse("8080:80")), false));
        MiniIptables ipt = new MiniIptables().apply(kernel.lines());
        assertEquals("""
                -P PREROUTING ACCEPT
                -P INPUT ACCEPT
                -P OUTPUT ACCEPT
                -P POSTROUTING ACCEPT
                -N DOCKER
                -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
                -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
                -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
                -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
                -A DOCKER -i docker0 -j RETURN
                -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
                """, ipt.listS("nat"));
    }

    /** The world of real-outputs.md: docker0 (c1 -p 8080:80, c2), br-aaaa (a1, m), br-bbbb (b1, m). */
    @Test
    void threeNetworksMatchTheRealKernelListingsOfRealOutputs() throws Exception {
        engine.run(RunSpec.of("c1", "nginx").withPorts(List.of(PortSpec.parse("8080:80")), false));
        engine.run(RunSpec.of("c2", "nockchun/docterm"));
        engine.createNetwork(NetworkSpec.named("a").withOptions(Map.of(brName("a"), "br-aaaaaaaaaaaa")));
        engine.createNetwork(NetworkSpec.named("b").withOptions(Map.of(brName("b"), "br-bbbbbbbbbbbb")));
        engine.run(RunSpec.of("a1", "nockchun/docterm").withNetwork("a", null));
        engine.run(RunSpec.of("mm", "nockchun/docterm").withNetwork("a", null));
        engine.run(RunSpec.of("b1", "nockchun/docterm").withNetwork("b", null));
        engine.connect("b", "mm", null, List.of());
        assertEquals("172.19.0.3", engine.container("mm").endpoints().get(1).ip());
        assertEquals("eth1", engine.container("mm").endpoints().get(1).ifName());
        MiniIptables ipt = new MiniIptables().apply(kernel.lines());
        assertEquals("""
                -P PREROUTING ACCEPT
                -P INPUT ACCEPT
                -P OUTPUT ACCEPT
                -P POSTROUTING ACCEPT
                -N DOCKER
                -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
                -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
                -A POSTROUTING -s 172.19.0.0/16 ! -o br-bbbbbbbbbbbb -j MASQUERADE
                -A POSTROUTING -s 172.18.0.0/16 ! -o br-aaaaaaaaaaaa -j MASQUERADE
                -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
                -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
                -A DOCKER -i br-bbbbbbbbbbbb -j RETURN
                -A DOCKER -i br-aaaaaaaaaaaa -j RETURN
                -A DOCKER -i docker0 -j RETURN
                -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
                """, ipt.listS("nat"));
        assertEquals("""
                -P INPUT ACCEPT
                -P FORWARD DROP
                -P OUTPUT ACCEPT
                -N DOCKER
                -N DOCKER-ISOLATION-STAGE-1
                -N DOCKER-ISOLATION-STAGE-2
                -N DOCKER-USER
                -A FORWARD -j DOCKER-USER
                -A FORWARD -j DOCKER-ISOLATION-STAGE-1
                -A FORWARD -o br-bbbbbbbbbbbb -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A FORWARD -o br-bbbbbbbbbbbb -j DOCKER
                -A FORWARD -i br-bbbbbbbbbbbb ! -o br-bbbbbbbbbbbb -j ACCEPT
                -A FORWARD -i br-bbbbbbbbbbbb -o br-bbbbbbbbbbbb -j ACCEPT
                -A FORWARD -o br-aaaaaaaaaaaa -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A FORWARD -o br-aaaaaaaaaaaa -j DOCKER
                -A FORWARD -i br-aaaaaaaaaaaa ! -o br-aaaaaaaaaaaa -j ACCEPT
                -A FORWARD -i br-aaaaaaaaaaaa -o br-aaaaaaaaaaaa -j ACCEPT
                -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A FORWARD -o docker0 -j DOCKER
                -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
                -A FORWARD -i docker0 -o docker0 -j ACCEPT
                -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
                -A DOCKER-ISOLATION-STAGE-1 -i br-bbbbbbbbbbbb ! -o br-bbbbbbbbbbbb -j DOCKER-ISOLATION-STAGE-2
                -A DOCKER-ISOLATION-STAGE-1 -i br-aaaaaaaaaaaa ! -o br-aaaaaaaaaaaa -j DOCKER-ISOLATION-STAGE-2
                -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
                -A DOCKER-ISOLATION-STAGE-1 -j RETURN
                -A DOCKER-ISOLATION-STAGE-2 -o br-bbbbbbbbbbbb -j DROP
                -A DOCKER-ISOLATION-STAGE-2 -o br-aaaaaaaaaaaa -j DROP
                -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
                -A DOCKER-ISOLATION-STAGE-2 -j RETURN
                -A DOCKER-USER -j RETURN
                """, ipt.listS("filter"));
    }

    @Test
    void removingContainersAndNetworksDeletesEveryRuleTheyAdded() throws Exception {
        String before;
        engine.createNetwork(NetworkSpec.named("x"));
        MiniIptables base = new MiniIptables().apply(kernel.lines());
        before = base.listS("nat") + base.listS("filter");
        Container web = engine.run(RunSpec.of("web", "nginx").withNetwork("x", null)
                .withPorts(List.of(PortSpec.parse("80")), true));
        assertEquals(1, web.ports().size());
        engine.remove(web, true);
        MiniIptables after = new MiniIptables().apply(kernel.lines());
        assertEquals(before, after.listS("nat") + after.listS("filter"));
        List<String> tail = kernel.lines().subList(kernel.lines().size() - 6, kernel.lines().size());
        assertEquals("ip netns del " + "", tail.get(5).substring(0, 13));
        engine.removeNetwork("x");
        MiniIptables gone = new MiniIptables().apply(kernel.lines());
        assertEquals(false, (gone.listS("nat") + gone.listS("filter")).contains("br-"));
        assertEquals("ip link del br-", kernel.lines().get(kernel.lines().size() - 1).substring(0, 15));
    }

    @Test
    void iccFalseDropsBridgeToBridgeAndInternalHasNoMasquerade() throws Exception {
        engine.createNetwork(NetworkSpec.named("q").withOptions(Map.of(
                "com.docker.network.bridge.name", "brq", "com.docker.network.bridge.enable_icc", "false")));
        engine.createNetwork(new NetworkSpec("i", "bridge", null, null, null, true,
                Map.of("com.docker.network.bridge.name", "bri"), Map.of()));
        MiniIptables ipt = new MiniIptables().apply(kernel.lines());
        String filter = ipt.listS("filter");
        assertEquals(true, filter.contains("-A FORWARD -i brq -o brq -j DROP\n"));
        assertEquals(true, filter.contains("-A DOCKER-ISOLATION-STAGE-1 -i bri ! -d 172.19.0.0/16 -j DROP\n"));
        assertEquals(true, filter.contains("-A DOCKER-ISOLATION-STAGE-1 ! -s 172.19.0.0/16 -o bri -j DROP\n"));
        assertEquals(false, ipt.listS("nat").contains("bri"));
    }

    @Test
    void withoutTheUserlandProxyPortsUseHairpinNat() throws Exception {
        RecordingKernel k = new RecordingKernel();
        DockerEngine e = new DockerEngine(Profile.DOCKER_27.withUserlandProxy(false), k, 7, () -> 0L,
                List.of(Cidr.parse("192.168.1.0/24")));
        Container web = e.run(RunSpec.of("web", "nginx").withPorts(List.of(PortSpec.parse("8080:80")), false));
        assertEquals("""
                -P PREROUTING ACCEPT
                -P INPUT ACCEPT
                -P OUTPUT ACCEPT
                -P POSTROUTING ACCEPT
                -N DOCKER
                -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
                -A OUTPUT -m addrtype --dst-type LOCAL -j DOCKER
                -A POSTROUTING -o docker0 -m addrtype --src-type LOCAL -j MASQUERADE
                -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
                -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
                -A DOCKER -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
                """, new MiniIptables().apply(k.lines()).listS("nat"));
        String veth = web.endpoints().get(0).vethHost();
        assertEquals(true, k.lines().contains("ip link set " + veth + " type bridge_slave hairpin on"));
        assertEquals(true, k.lines().contains("sysctl -w net.ipv4.conf.docker0.route_localnet=1"));
        assertEquals(true, k.lines().stream().noneMatch(l -> l.contains("docker-proxy")));
    }
}
