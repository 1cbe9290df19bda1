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
            return s.filter(p -> p.toString().endsWith(".dw") && !ExportScriptTest.multiHost(p)).sorted().toList()
                    .stream();
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

    @Test
    void theScriptStartsDockerdOnlyInsideItsHostNamespaceAndCleansUp() throws Exception {
        String s = RealDocker.script("t.dw", io.dockwire.scenario.ScenarioParser.parse("t.dw",
                "docker run -dit --name c1 busybox\ndocker exec c1 ping -c 1 172.17.0.1\n@client ping -c 1 192.168.1.10\n"),
                io.dockwire.scenario.WorldSpec.DEFAULT, 1, "test");
        assertTrue(s.contains("nsenter --net=\"/var/run/netns/${P}host\" dockerd --data-root \"$DD/data\""), s);
        assertTrue(s.contains("trap 'rc=$?; set +e; docker_down; (exit $rc); teardown' EXIT"), s);
        assertTrue(s.contains("\nrun D run -dit --name c1 busybox\n"), s);
        assertTrue(s.contains("\nrun D exec c1 timeout 30 ping -c 1 172.17.0.1\n"), s);
        assertTrue(s.contains("\nhave ping && run ip netns exec ${P}client timeout 30 ping -c 1 192.168.1.10\n"), s);
        for (String line : s.split("\n")) {
            String t = line.strip();
            assertTrue(!t.startsWith("dockerd ") && !t.startsWith("docker "), "a daemon or CLI outside the helpers: " + line);
        }
    }
}
