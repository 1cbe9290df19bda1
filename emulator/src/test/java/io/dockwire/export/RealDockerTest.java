package io.dockwire.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The real-Docker tier: every shipped scenario runs against a real dockerd 20.10 (Debian's
 * docker.io) in namespaces and emulated under the docker-20.10 profile, and what each command
 * printed must be the same after {@link TranscriptNormalizer} (root, dockerd and /usr/bin/docker
 * needed). Without them: skipped loudly; with DOCKWIRE_REQUIRE_DOCKER=1 (CI) a failure.
 */
class RealDockerTest {
    private static String unavailable;

    @BeforeAll
    static void machine() {
        unavailable = RealDockerTier.unavailableReason();
        Tier.announce("REAL DOCKER TIER", unavailable, "run the tests as root with docker.io installed",
                "DOCKWIRE_REQUIRE_DOCKER");
    }

    static Stream<Path> scenarios() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("../traces/scenarios"))) {
            return s.filter(p -> p.toString().endsWith(".dw")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void aRealDocker2010PrintsWhatTheEmulatedOneDoes(Path scenario, @TempDir Path dir) {
        Assumptions.assumeTrue(unavailable == null, () -> "real Docker tier not run: " + unavailable);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute("export", "--docker-real", "--compare", dir.toString(), scenario.toString());
        System.out.println("real docker " + scenario.getFileName() + ":\n" + out);
        assertEquals(0, rc, scenario.getFileName() + " differs from a real Docker 20.10:\n" + out + err);
    }

    /**
     * Several Docker hosts: one dockerd per host namespace, each with its hostname; lines go to
     * their host's daemon; the tutorial's join placeholders become the manager's token and
     * address; the script waits for the swarm to settle after init/join/leave and after a line
     * that may drop an overlay; each host's rules are written.
     */
    @Test
    void aSwarmIsOneRealDaemonPerHost() throws Exception {
        String s = script("""
                # dockwire: docker-hosts manager worker-1
                docker swarm init
                @worker-1 docker swarm join --token <TOKEN> IP-ADDRESS:PORT
                docker network create -d overlay --attachable n
                @worker-1 docker run -dit --name a2 --network n busybox
                docker run -dit --name a1 --network n busybox
                docker exec a1 ping -c 1 a2
                @worker-1 docker rm -f a2
                """);
        assertTrue(s.contains("\ndocker_up 1 host manager\ndocker_up 2 worker-1 worker-1\n"), s);
        assertTrue(s.contains("\nrun D swarm init\nswarm_settle\n"), s);
        assertTrue(s.contains("\nH=2\nrun D swarm join --token \"$(swarm_token)\" \"$(swarm_addr)\"\nswarm_settle\n"), s);
        assertTrue(s.contains("\nH=2\nrun D run -dit --name a2 --network n busybox\n"), s);
        assertTrue(s.contains("\nH=1\nrun D run -dit --name a1 --network n busybox\n"), s);
        assertTrue(s.contains("\nH=2\nrun D rm -f a2\nsettle_networks\n"), s);
        assertTrue(s.contains("ip netns exec \"${P}worker-1\" iptables -S >\"$OUT/worker-1.iptables-S.txt\""), s);
    }

    @Test
    void theScriptStartsDockerdOnlyInsideItsHostNamespaceAndCleansUp() throws Exception {
        String s = script("docker run -dit --name c1 busybox\ndocker exec c1 ping -c 1 172.17.0.1\n@client ping -c 1 192.168.1.10\n");
        assertTrue(s.contains("nsenter --net=\"/var/run/netns/${P}$ns\" \"${uts[@]}\" dockerd --data-root \"$DD/$h/data\""), s);
        assertTrue(s.contains("\ndocker_up 1 host\n"), s);
        assertTrue(s.contains("trap 'rc=$?; set +e; docker_down; (exit $rc); teardown' EXIT"), s);
        assertTrue(s.contains("\nrun D run -dit --name c1 busybox\n"), s);
        assertTrue(s.contains("\nrun D exec c1 timeout 30 ping -c 1 172.17.0.1\n"), s);
        assertTrue(s.contains("\nhave ping && run ip netns exec ${P}client timeout 30 ping -c 1 192.168.1.10\n"), s);
        for (String line : s.split("\n")) {
            String t = line.strip();
            assertTrue(!t.startsWith("dockerd ") && !t.startsWith("docker "), "a daemon or CLI outside the helpers: " + line);
        }
    }

    /** The real-Docker script of scenario {@code text} (its world as its header lines declare it). */
    private static String script(String text) {
        java.util.List<io.dockwire.scenario.ScenarioLine> lines = io.dockwire.scenario.ScenarioParser.parse("t.dw", text);
        return RealDocker.script("t.dw", lines, io.dockwire.scenario.WorldSpec.of("t.dw", text, lines, null), 1, "test");
    }
}
