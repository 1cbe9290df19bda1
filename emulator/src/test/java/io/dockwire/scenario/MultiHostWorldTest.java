package io.dockwire.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.trace.CaptureSink;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several Docker hosts on the LAN: each a whole machine of its own (addresses, namespaces,
 * /run/netns, IDs), lines routed by {@code @NAME} and by terminal blocks, each terminal with its
 * own shell.
 */
class MultiHostWorldTest {
    static final String HOSTS = "# dockwire: docker-hosts manager worker-1 worker-2\n";

    /** The world of a scenario TEXT after running it, and its transcript. */
    record Run(ScenarioWorld world, String transcript) {
    }

    static Run run(String text) {
        List<ScenarioLine> lines = ScenarioParser.parse("s.dw", text);
        WorldSpec spec = WorldSpec.of("s.dw", text, lines, null);
        ScenarioWorld world = new ScenarioWorld(1, CaptureSink.NONE, spec);
        ScenarioRunner r = new ScenarioRunner(world, new ScenarioPrograms(world), false);
        r.run(lines);
        return new Run(world, r.transcript());
    }

    @Test
    void hostsTakeTheNextAddressesSkippingTheClientsAndPromptsNameThem() {
        assertEquals(List.of("192.168.1.10", "192.168.1.11", "192.168.1.19", "192.168.1.21"),
                List.of(ScenarioWorld.address(0), ScenarioWorld.address(1), ScenarioWorld.address(9),
                        ScenarioWorld.address(10)));
        Run r = run(HOSTS + "hostname\n@worker-2 hostname\n@worker-1 ip -4 addr show eth0\n@client ping -c 1 -W 1 192.168.1.12\n");
        assertEquals("""
                [manager] $ hostname
                manager
                [worker-2] $ hostname
                worker-2
                [worker-1] $ ip -4 addr show eth0
                2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000
                    inet 192.168.1.11/24 brd 192.168.1.255 scope global eth0
                       valid_lft forever preferred_lft forever
                """, r.transcript().substring(0, r.transcript().indexOf("[client]")));
        assertTrue(r.transcript().contains("1 packets transmitted, 1 received, 0% packet loss"), r.transcript());
    }

    /** Random ids are the hosts' own: no container, network or node id is drawn twice across hosts. */
    @Test
    void noTwoHostsDrawTheSameIds() {
        StringBuilder sc = new StringBuilder(HOSTS);
        for (String h : List.of("manager", "worker-1", "worker-2")) {
            for (int i = 0; i < 3; i++) {
                sc.append('@').append(h).append(" docker run -dit --name ").append(h).append('-').append(i).append(" busybox\n");
            }
        }
        Run r = run(sc.toString());
        java.util.Set<String> ids = new java.util.HashSet<>();
        int n = 0;
        for (DockerNode node : r.world().nodes()) {
            for (io.dockwire.docker.Container c : node.engine().containers()) {
                ids.add(c.id());
                n++;
            }
            for (io.dockwire.docker.Network net : node.engine().networks()) {
                ids.add(net.id());
                n++;
            }
        }
        assertEquals(n, ids.size(), ids.toString());
        // The engines' random sources: no two hosts' first draws overlap (SplittableRandom, as Ids uses it).
        for (long seed : new long[] {1, 2, 42}) {
            java.util.Set<Long> drawn = new java.util.HashSet<>();
            for (int host = 0; host < 10; host++) {
                java.util.SplittableRandom rnd = new java.util.SplittableRandom(ScenarioWorld.nodeSeed(seed, host));
                for (int i = 0; i < 1000; i++) {
                    assertTrue(drawn.add(rnd.nextLong()), "seed " + seed + ": host " + host + " draws another host's value");
                }
            }
        }
    }

    @Test
    void eachHostIsAMachineOfItsOwn() {
        Run r = run(HOSTS + "docker run -dit --name c1 busybox\n@worker-1 docker run -dit --name c2 busybox\n"
                + "@worker-1 docker ps --format '{{.Names}}'\ndocker ps --format '{{.Names}}'\n"
                + "@worker-1 ip link show docker0\n@worker-1 ip netns\n@manager ip netns\n");
        String t = r.transcript();
        assertTrue(t.contains("[worker-1] $ docker ps --format {{.Names}}\nc2\n[manager] $ docker ps --format {{.Names}}\nc1\n"), t);
        // Each host numbers its own devices: docker0 is 3 on every one-NIC host.
        assertTrue(t.contains("[worker-1] $ ip link show docker0\n3: docker0:"), t);
        // Each host's /run/netns lists its own sandbox only.
        String c1 = r.world().host().engine().findContainer("c1").netns();
        String c2 = r.world().node("worker-1").engine().findContainer("c2").netns();
        assertTrue(t.contains("[worker-1] $ ip netns\n" + c2 + "\n[manager] $ ip netns\n" + c1 + "\n"), t);
        // Different hosts, different random IDs (each daemon has its own seed).
        assertTrue(!c1.equals(c2));
        io.dockwire.link.World w = r.world().kernel().emulation().world();
        assertEquals("c2:eth0", w.captureName(w.device("worker-1/" + c2 + ":eth0")));
        assertEquals("worker-1:docker0", w.captureName(w.device("worker-1:docker0")));
        assertEquals("manager:eth0", w.captureName(w.device("eth0")));
    }

    @Test
    void aContainerOnAnotherHostReachesTheFirstHostOverTheLan() {
        Run r = run(HOSTS + "@worker-2 docker run -dit --name c3 busybox\n@worker-2 docker exec c3 ping -c 1 192.168.1.10\n");
        assertTrue(r.transcript().contains("[c3] # ping -c 1 192.168.1.10\nPING 192.168.1.10 (192.168.1.10): 56 data bytes\n"
                + "64 bytes from 192.168.1.10: seq=0 ttl=63"), r.transcript());
    }

    @Test
    void terminalBlocksKeepEachTerminalsShell() {
        Run r = run(HOSTS + """
                @manager
                docker run -it --name a1 busybox
                @worker-1:
                docker run -dit --name a2 busybox
                hostname
                @manager
                hostname
                ctrl-p ctrl-q
                hostname
                """);
        // Back on the manager's terminal, the shell is still a1's: hostname is its short id.
        String a1 = r.world().host().engine().findContainer("a1").shortId();
        assertTrue(r.transcript().contains("[worker-1] $ hostname\nworker-1\n[a1] # hostname\n" + a1 + "\n"
                + "[a1] # ctrl-p ctrl-q\n[manager] $ hostname\nmanager\n"), r.transcript());
    }

    @Test
    void aNameThatIsNoHostOrMachineStopsTheRun() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> run(HOSTS + "@worker-9 hostname\n"));
        assertEquals("s.dw:2: no machine named 'worker-9' (the LAN has: client, gw, internet, manager, worker-1, "
                + "worker-2)", e.getMessage());
    }

    @Test
    void badHostDeclarationsAreFileLineErrors() {
        for (String[] c : new String[][] {
            {"# dockwire: docker-hosts a b a", "s.dw:1: Docker host 'a' is declared twice"},
            {"# dockwire: docker-hosts manager client", "s.dw:1: 'client' is a machine of the LAN already (client, gw, "
                    + "internet, lan): name the Docker host otherwise"},
            {"# dockwire: docker-hosts -x", "s.dw:1: '-x' is not a hostname (letters, digits and dashes, at most 63, "
                    + "no dash at either end)"},
            {"# dockwire: docker-hosts", "s.dw:1: docker-hosts needs at least one name"},
        }) {
            ScenarioException e = assertThrows(ScenarioException.class,
                    () -> WorldSpec.of("s.dw", c[0] + "\n", List.of(), null), c[0]);
            assertEquals(c[1], e.getMessage());
        }
    }

    @Test
    void oneDeclaredHostIsTheSingleHostWorldUnderItsName() {
        Run r = run("# dockwire: docker-hosts box\nhostname\n");
        assertEquals("$ hostname\nbox\n", r.transcript());
        io.dockwire.link.World w = r.world().kernel().emulation().world();
        assertEquals("eth0", w.captureName(w.device("eth0")));
    }

    @Test
    void theLanMachinesHaveTheirOwnHostnames() {
        assertEquals("[client] $ hostname\nclient\n[gw] $ hostname\ngw\n$ hostname\ndocker-host\n",
                run("@client hostname\n@gw hostname\nhostname\n").transcript());
    }
}
