package io.dockwire.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.docker.Profile;
import io.dockwire.trace.CaptureSink;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario's say over the world: the Docker profile, and sysctls set before dockerd starts. */
class WorldSpecTest {
    private static WorldSpec spec(String text, String flag) {
        return WorldSpec.of("s.dw", text, ScenarioParser.parse("s.dw", text), flag);
    }

    private static String run(String text) {
        WorldSpec spec = spec(text, null);
        ScenarioRunner r = new ScenarioRunner(new ScenarioWorld(1, CaptureSink.NONE, spec), Programs.NONE, false);
        r.run(ScenarioParser.parse("s.dw", text));
        return r.transcript();
    }

    @Test
    void dockerdTakesEphemeralHostPortsFromTheRangeTheHostHadWhenItStarted() {
        // A fresh host: 32768-60999, as a real 20.10 and 27 gave here.
        assertTrue(run("docker run -d --name w1 -p 80 nginx\ndocker port w1\n").contains("80/tcp -> 0.0.0.0:32768\n"));
        // Set before the daemon starts (the scenario's first lines): the tutorials' 4915x ports.
        String boot = run("sysctl -w net.ipv4.ip_local_port_range=\"49153 65535\"\n"
                + "docker run -d --name w1 -p 80 nginx\ndocker port w1\n");
        assertTrue(boot.startsWith("$ sysctl -w 'net.ipv4.ip_local_port_range=49153 65535'\n"
                + "net.ipv4.ip_local_port_range = 49153 65535\n"), boot);
        assertTrue(boot.contains("80/tcp -> 0.0.0.0:49153\n"), boot);
        // Set after another command: dockerd is running and read the range already.
        String late = run("docker ps\nsysctl -w net.ipv4.ip_local_port_range=\"49153 65535\"\n"
                + "docker run -d --name w1 -p 80 nginx\ndocker port w1\n");
        assertTrue(late.contains("80/tcp -> 0.0.0.0:32768\n"), late);
    }

    @Test
    void onlyLeadingHostSysctlWritesAreBootSettings() {
        assertEquals(List.of(List.of("sysctl", "-w", "net.ipv4.ip_local_port_range=40000 40010"),
                        List.of("sysctl", "net.ipv4.ip_forward=1")),
                spec("# a comment\n$ sysctl -w net.ipv4.ip_local_port_range='40000 40010'\n"
                        + "sysctl net.ipv4.ip_forward=1\ndocker ps\nsysctl -w net.ipv4.ip_default_ttl=32\n", null)
                        .bootSysctls());
        assertEquals(List.of(), spec("sysctl net.ipv4.ip_forward\nsysctl -w net.ipv4.ip_forward=1\n", null).bootSysctls(),
                "a read comes first: nothing after it is a boot setting");
        assertEquals(List.of(), spec("@client sysctl -w net.ipv4.ip_forward=1\n", null).bootSysctls(),
                "another machine's sysctl is not the Docker host's");
    }

    @Test
    void theDockerProfileComesFromTheFlagOrTheScenarioLine() {
        assertEquals(Profile.DOCKER_27, spec("docker ps\n", null).profile());
        assertEquals(Profile.DOCKER_27, spec("# dockwire: docker 27.2\ndocker ps\n", null).profile());
        assertEquals(Profile.DOCKER_27, spec("# dockwire: docker 27\ndocker ps\n", null).profile());
        assertEquals(Profile.DOCKER_27, spec("docker ps\n", "27.2.1").profile());
        ScenarioException e = assertThrows(ScenarioException.class, () -> spec("\n# dockwire: docker 19.03\n", null));
        assertEquals("s.dw:2: no Docker profile for version '19.03' (known: " + Profile.known() + ")", e.getMessage());
        e = assertThrows(ScenarioException.class, () -> spec("# dockwire: dockr 27\n", null));
        assertEquals("s.dw:1: unknown directive '# dockwire: dockr' (known: docker VERSION, docker-hosts NAME...)", e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> spec("docker ps\n", "2"));
        assertEquals("--docker: no Docker profile for version '2' (known: " + Profile.known() + ")", f.getMessage());
    }
}
