package io.dockwire.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpamTest {
    private final RecordingKernel kernel = new RecordingKernel();
    private final DockerEngine engine = DockerEngine.docker27(kernel, 3, () -> 0L);

    private String ipOf(String name) throws DaemonException {
        return engine.container(name).endpoints().get(0).ip();
    }

    private DaemonException fails(Executable e) {
        return assertThrows(DaemonException.class, e::run);
    }

    private interface Executable {
        void run() throws Exception;
    }

    @Test
    void defaultPoolsAre172_17to31Then192_168Slash20s() {
        List<Cidr> pools = Profile.DOCKER_27.defaultPools();
        assertEquals(31, pools.size());
        assertEquals("172.17.0.0/16", pools.get(0).toString());
        assertEquals("172.31.0.0/16", pools.get(14).toString());
        assertEquals("192.168.0.0/20", pools.get(15).toString());
        assertEquals("192.168.16.0/20", pools.get(16).toString());
        assertEquals("192.168.240.0/20", pools.get(30).toString());
    }

    /**
     * A freed pool: 27 takes the lowest free one again; 20.10 goes on after the last one it handed
     * out, round robin (as a real 20.10 did: a, b, c, rm b, then d on 172.21, not 172.19).
     */
    @Test
    void docker27ReusesTheLowestFreePoolWhere2010GoesRoundRobin() throws Exception {
        for (Profile p : List.of(Profile.DOCKER_27, Profile.DOCKER_20_10)) {
            DockerEngine e = new DockerEngine(p, new RecordingKernel(), 3, () -> 0L, List.of(Cidr.parse("192.168.1.0/24")));
            for (String n : List.of("a", "b", "c")) {
                e.createNetwork(NetworkSpec.named(n));
            }
            e.removeNetwork("b");
            String d = e.createNetwork(NetworkSpec.named("d")).subnet().toString();
            e.removeNetwork("a");
            e.removeNetwork("c");
            String f = e.createNetwork(NetworkSpec.named("f")).subnet().toString();
            String g = e.createNetwork(NetworkSpec.named("g")).subnet().toString();
            assertEquals(p == Profile.DOCKER_27 ? List.of("172.19.0.0/16", "172.18.0.0/16", "172.20.0.0/16")
                    : List.of("172.21.0.0/16", "172.22.0.0/16", "172.23.0.0/16"), List.of(d, f, g), p.name());
        }
    }

    @Test
    void networksTakePoolsInOrderSkippingTheHostLanAndThenRunOut() throws Exception {
        assertEquals("172.17.0.0/16", engine.network("bridge").subnet().toString());
        assertEquals("172.17.0.1", engine.network("bridge").gatewayIp());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 29; i++) {
            Network n = engine.createNetwork(NetworkSpec.named("n" + i));
            got.add(n.subnet() + " gw " + n.gatewayIp());
        }
        assertEquals("172.18.0.0/16 gw 172.18.0.1", got.get(0));
        assertEquals("172.31.0.0/16 gw 172.31.0.1", got.get(13));
        // 192.168.0.0/20 holds the host's LAN 192.168.1.0/24, so libnetwork skips it.
        assertEquals("192.168.16.0/20 gw 192.168.16.1", got.get(14));
        assertEquals("192.168.240.0/20 gw 192.168.240.1", got.get(28));
        DaemonException e = fails(() -> engine.createNetwork(NetworkSpec.named("last")));
        assertEquals("could not find an available, non-overlapping IPv4 address pool among the defaults to assign "
                + "to the network", e.getMessage());
    }

    @Test
    void containersGetFirstFreeAddressesAndFreedOnesAreReusedAtOnce() throws Exception {
        engine.run(RunSpec.of("c1", "nginx"));
        engine.run(RunSpec.of("c2", "nginx"));
        engine.run(RunSpec.of("c3", "nginx"));
        assertEquals("172.17.0.2", ipOf("c1"));
        assertEquals("172.17.0.3", ipOf("c2"));
        assertEquals("172.17.0.4", ipOf("c3"));
        assertEquals("02:42:ac:11:00:04", engine.container("c3").endpoints().get(0).mac());
        engine.remove(engine.container("c2"), true);
        engine.run(RunSpec.of("c4", "nginx"));
        assertEquals("172.17.0.3", ipOf("c4"));
    }

    @Test
    void aShellWithoutStdinExitsAtOnceAndGivesItsAddressBack() throws Exception {
        Container c = engine.run(RunSpec.of("sh1", "busybox"));
        assertEquals(Container.State.EXITED, c.state());
        assertEquals(0, c.exitCode());
        engine.run(RunSpec.of("sh2", "busybox").withInteractive(true, true));
        assertEquals("172.17.0.2", ipOf("sh2"));
    }

    @Test
    void userSubnetGatewayAndStaticIp() throws Exception {
        Network n = engine.createNetwork(NetworkSpec.named("mynet").withSubnet("192.168.100.0/24", "192.168.100.254", null));
        assertEquals("192.168.100.254", n.gatewayIp());
        engine.run(RunSpec.of("first", "nginx").withNetwork("mynet", null));
        assertEquals("192.168.100.1", ipOf("first"));
        engine.run(RunSpec.of("web", "nginx").withNetwork("mynet", "192.168.100.100"));
        assertEquals("192.168.100.100", ipOf("web"));
        assertEquals("02:42:c0:a8:64:64", engine.container("web").endpoints().get(0).mac());
        assertEquals("br-" + n.id().substring(0, 12), n.bridge());
    }

    @Test
    void ipRangeLimitsContainerAddressesButNotTheGateway() throws Exception {
        Network n = engine.createNetwork(NetworkSpec.named("r").withSubnet("10.10.0.0/16", "10.10.0.1", "10.10.5.0/24"));
        engine.run(RunSpec.of("a1", "nginx").withNetwork("r", null));
        assertEquals("10.10.5.0", ipOf("a1"));
        assertEquals("10.10.0.1", n.gatewayIp());
    }

    @Test
    void everyIpamErrorMessageOfTheReference() throws Exception {
        engine.createNetwork(NetworkSpec.named("mynet").withSubnet("172.28.0.0/16", null, null));
        engine.createNetwork(NetworkSpec.named("auto"));
        assertEquals("invalid pool request: Pool overlaps with other one on this address space",
                fails(() -> engine.createNetwork(NetworkSpec.named("o").withSubnet("172.28.5.0/24", null, null))).getMessage());
        assertEquals("invalid subnet 192.168.100.1/24: it should be 192.168.100.0/24",
                fails(() -> engine.createNetwork(NetworkSpec.named("c").withSubnet("192.168.100.1/24", null, null))).getMessage());
        assertEquals("network with name mynet already exists",
                fails(() -> engine.createNetwork(NetworkSpec.named("mynet"))).getMessage());
        assertEquals("network mynet2 not found", fails(() -> engine.network("mynet2")).getMessage());
        assertEquals("network nope not found", fails(() -> engine.run(RunSpec.of("x1", "nginx").withNetwork("nope", null))).getMessage());
        for (String net : List.of("bridge", "host", "none")) {
            assertEquals("user specified IP address is supported on user defined networks only",
                    fails(() -> engine.create(RunSpec.of("x2", "nginx").withNetwork(net, "172.17.0.9"))).getMessage());
        }
        assertEquals("user specified IP address is supported on user defined networks only",
                fails(() -> engine.create(RunSpec.of("x2", "nginx").withNetwork(null, "172.17.0.9"))).getMessage());
        assertEquals("user specified IP address is supported only when connecting to networks with user configured subnets",
                fails(() -> engine.create(RunSpec.of("x2", "nginx").withNetwork("auto", "172.18.0.9"))).getMessage());
        assertEquals("no configured subnet contains IP address 172.28.99.88".replace("172.28.99.88", "172.29.99.88"),
                fails(() -> engine.create(RunSpec.of("x3", "nginx").withNetwork("mynet", "172.29.99.88"))).getMessage());
        engine.run(RunSpec.of("holder", "nginx").withNetwork("mynet", "172.28.99.88"));
        Container second = engine.create(RunSpec.of("second", "nginx").withNetwork("mynet", "172.28.99.88"));
        assertEquals("Address already in use", fails(() -> engine.start(second)).getMessage());
        assertEquals(Container.State.CREATED, second.state());
        assertEquals("Address already in use",
                fails(() -> engine.run(RunSpec.of("gw", "nginx").withNetwork("mynet", "172.28.0.1"))).getMessage());
        Container web = engine.run(RunSpec.of("web", "nginx"));
        assertEquals("Conflict. The container name \"/web\" is already in use by container \"" + web.id()
                + "\". You have to remove (or rename) that container to be able to reuse that name.",
                fails(() -> engine.create(RunSpec.of("web", "nginx"))).getMessage());
        assertEquals("network-scoped aliases are only supported for user-defined networks",
                fails(() -> engine.create(new RunSpec("al", "nginx", List.of(), false, false, true, false, null, null, List.of(),
                        false, List.of(), List.of("db"), List.of()))).getMessage());
        assertEquals("conflicting options: host type networking can't be used with links. This would result in undefined behavior",
                fails(() -> engine.create(RunSpec.of("hl", "nginx").withNetwork("host", null).withLinks(List.of("web:w")))).getMessage());
    }

    @Test
    void portClashLeavesTheContainerCreatedAndNamesTheEndpoint() throws Exception {
        engine.run(RunSpec.of("web", "nginx").withPorts(List.of(PortSpec.parse("80:80")), false));
        Container w2 = engine.create(RunSpec.of("web2", "nginx").withPorts(List.of(PortSpec.parse("80:80")), false));
        kernel.drain();
        DaemonException e = fails(() -> engine.start(w2));
        assertEquals(true, e.getMessage().matches("driver failed programming external connectivity on endpoint web2 "
                + "\\([0-9a-f]{64}\\): Bind for 0.0.0.0:80 failed: port is already allocated"), e.getMessage());
        assertEquals(Container.State.CREATED, w2.state());
        List<String> undo = kernel.drain();
        assertEquals(true, undo.get(undo.size() - 1).startsWith("ip netns del "));
        assertEquals(true, undo.stream().noneMatch(l -> l.startsWith("iptables")));
        // The address went back: the next container gets .3 again.
        engine.run(RunSpec.of("c3", "nginx"));
        assertEquals("172.17.0.3", ipOf("c3"));
    }

    @Test
    void ephemeralPortsStartAtTheLocalPortRange() throws Exception {
        Container a = engine.run(RunSpec.of("a1", "nginx").withPorts(List.of(PortSpec.parse("80")), false));
        Container b = engine.run(RunSpec.of("b1", "mysql").withPorts(List.of(), true));
        assertEquals(32768, a.ports().get(0).hostPort());
        assertEquals(List.of(new PortMapping("0.0.0.0", 32769, 3306, "tcp"), new PortMapping("0.0.0.0", 32770, 33060, "tcp")),
                b.ports());
    }

    @Test
    void bridgeNameOptionAndDefaultBridgeName() throws Exception {
        assertEquals("docker0", engine.network("bridge").bridge());
        Network n = engine.createNetwork(NetworkSpec.named("x").withOptions(Map.of("com.docker.network.bridge.name", "mybr0")));
        assertEquals("mybr0", n.bridge());
    }

    @Test
    void sameSeedSameIdsAndCommands() throws Exception {
        RecordingKernel k2 = new RecordingKernel();
        DockerEngine e2 = DockerEngine.docker27(k2, 3, () -> 0L);
        Container a = engine.run(RunSpec.of(null, "nginx"));
        Container b = e2.run(RunSpec.of(null, "nginx"));
        assertEquals(a.id(), b.id());
        assertEquals(a.name(), b.name());
        assertEquals(true, a.name().matches("[a-z]+_[a-z]+"));
        assertEquals(kernel.lines(), k2.lines());
    }
}
