package io.dockwire.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.docker.Profile;
import io.dockwire.trace.CaptureSink;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The docker-20.10 profile against what a real Docker 20.10.24 (Debian 12's docker.io, its own
 * 20.10 CLI) printed on this kernel in a world shaped like dockwire's; and the behaviours both
 * profiles share that the same recording showed. Each expected text is the real one.
 */
class Docker2010ProfileTest {
    /** The transcript of TEXT run as a scenario under PROFILE. */
    static String run(Profile profile, String text) {
        WorldSpec spec = new WorldSpec(profile, WorldSpec.bootSysctls(ScenarioParser.parse("s.dw", text)));
        ScenarioWorld host = new ScenarioWorld(1, CaptureSink.NONE, spec);
        ScenarioRunner r = new ScenarioRunner(host, new ScenarioPrograms(host), false);
        r.run(ScenarioParser.parse("s.dw", text));
        return r.transcript();
    }

    private static String v2010(String text) {
        return run(Profile.DOCKER_20_10, text);
    }

    /** What {@code line} printed: the transcript text between its line and the next command. */
    private static String after(String transcript, String line) {
        String typed = line.startsWith("[") ? line : "$ " + line;
        int at = transcript.indexOf(typed + "\n");
        assertTrue(at >= 0, line + " not in:\n" + transcript);
        String rest = transcript.substring(at + typed.length() + 1);
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("\n(\\$ |\\[[a-z0-9_]+\\] # )").matcher(rest);
        return next.find() ? rest.substring(0, next.start() + 1) : rest;
    }

    @Test
    void theVersionIsChosenByName() {
        assertEquals(Profile.DOCKER_20_10, Profile.forVersion("20.10"));
        assertEquals(Profile.DOCKER_20_10, Profile.forVersion("20"));
        assertEquals(Profile.DOCKER_20_10, Profile.forVersion("20.10.24"));
        assertEquals(Profile.DOCKER_27, Profile.forVersion("27"));
        assertEquals("20.10, 27.2", Profile.known());
    }

    @Test
    void theDefaultBridgeHasNoIpamGatewayOnAFirstStart() {
        String t = v2010("docker network inspect -f '{{json .IPAM}}' bridge\n"
                + "docker network create --subnet 172.30.0.0/24 --gateway 172.30.0.254 net2\n"
                + "docker network inspect -f '{{json .IPAM}}' net2\n");
        assertEquals("{\"Driver\":\"default\",\"Options\":null,\"Config\":[{\"Subnet\":\"172.17.0.0/16\"}]}\n",
                after(t, "docker network inspect -f '{{json .IPAM}}' bridge"));
        assertEquals("{\"Driver\":\"default\",\"Options\":{},\"Config\":[{\"Subnet\":\"172.30.0.0/24\",\"Gateway\":\"172.30.0.254\"}]}\n",
                after(t, "docker network inspect -f '{{json .IPAM}}' net2"));
        assertTrue(run(Profile.DOCKER_27, "docker network inspect -f '{{json .IPAM}}' bridge\n")
                .contains("\"Gateway\":\"172.17.0.1\""));
    }

    @Test
    void resolvConfHasNoDockerEngineComments() {
        String t = v2010("docker network create mynet\ndocker run -dit --name c1 busybox\n"
                + "docker run -dit --name c3 --network mynet busybox\n"
                + "docker exec c1 cat /etc/resolv.conf\ndocker exec c3 cat /etc/resolv.conf\n");
        assertTrue(t.contains("[c1] # cat /etc/resolv.conf\nnameserver 192.168.1.1\n[c3] # cat /etc/resolv.conf\n"
                + "nameserver 127.0.0.11\noptions ndots:0\n"), t);
    }

    @Test
    void daemonAndClientTextsOfTwentyTen() {
        String t = v2010("docker run -dit --name c1 busybox\n"
                + "docker network create --subnet 172.30.0.0/24 net2\n"
                + "docker rm c1\n"
                + "docker network create --subnet 172.30.0.0/24 dup\n"
                + "docker exec nosuch ls\n"
                + "docker rm nosuch\n"
                + "docker port nosuch\n"
                + "docker network rm nosuch\n"
                + "docker stop nosuch\n");
        String id = after(t, "docker run -dit --name c1 busybox").strip();
        assertEquals("Error response from daemon: You cannot remove a running container " + id
                + ". Stop the container before attempting removal or force remove\n", after(t, "docker rm c1"));
        assertEquals("Error response from daemon: Pool overlaps with other one on this address space\n",
                after(t, "docker network create --subnet 172.30.0.0/24 dup"));
        assertEquals("Error: No such container: nosuch\n", after(t, "[nosuch] # ls"));
        assertEquals("Error: No such container: nosuch\n", after(t, "docker rm nosuch"));
        assertEquals("Error: No such container: nosuch\n", after(t, "docker port nosuch"));
        assertEquals("Error: No such network: nosuch\n", after(t, "docker network rm nosuch"));
        assertEquals("Error response from daemon: No such container: nosuch\n", after(t, "docker stop nosuch"));
    }

    @Test
    void theTwentyTenCliDropsIpWithoutNetwork() {
        String t = v2010("docker run -dit --name c1 busybox\n"
                + "docker run -dit --name ipt --ip 172.17.0.9 busybox\n"
                + "docker inspect -f '{{.NetworkSettings.IPAddress}}' ipt\n"
                + "docker run -dit --name ipt2 --network bridge --ip 172.17.0.9 busybox\n");
        assertTrue(after(t, "docker run -dit --name ipt --ip 172.17.0.9 busybox").matches("[0-9a-f]{64}\n"));
        assertEquals("172.17.0.3\n", after(t, "docker inspect -f {{.NetworkSettings.IPAddress}} ipt"));
        assertTrue(after(t, "docker run -dit --name ipt2 --network bridge --ip 172.17.0.9 busybox")
                .endsWith("docker: Error response from daemon: user specified IP address is supported on user defined "
                        + "networks only.\n"), t);
        assertTrue(run(Profile.DOCKER_27, "docker run -dit --name ipt --ip 172.17.0.9 busybox\n")
                .contains("user specified IP address is supported on user defined networks only"));
    }

    @Test
    void everyProfile_detachedRunsAttachNothingAndPrintTheirIdBeforeAStartError() {
        for (Profile p : List.of(Profile.DOCKER_20_10, Profile.DOCKER_27)) {
            String t = run(p, "docker run -dit --name c1 -p 8080:80 busybox\n"
                    + "docker inspect -f '{{.Config.AttachStdin}} {{.Config.AttachStdout}} {{.Config.AttachStderr}} "
                    + "{{.Config.OpenStdin}} {{.Config.StdinOnce}} {{.Config.Tty}}' c1\n"
                    + "docker run -p 8080:80 -d busybox\n");
            assertEquals("false false false true false true\n", after(t, "docker inspect -f '{{.Config.AttachStdin}} "
                    + "{{.Config.AttachStdout}} {{.Config.AttachStderr}} {{.Config.OpenStdin}} {{.Config.StdinOnce}} "
                    + "{{.Config.Tty}}' c1"), p.name());
            assertTrue(after(t, "docker run -p 8080:80 -d busybox").matches("[0-9a-f]{64}\ndocker: Error response from "
                    + "daemon: driver failed programming external connectivity on endpoint [a-z_]+ \\([0-9a-f]{64}\\): "
                    + "Bind for 0.0.0.0:8080 failed: port is already allocated.\n"), p.name() + ":\n" + t);
        }
    }

    @Test
    void everyProfile_anIccFalseNetworksDropIsAppendedAndTurnsBrNetfilterOn() {
        for (Profile p : List.of(Profile.DOCKER_20_10, Profile.DOCKER_27)) {
            // Turned off after dockerd started (it loaded br_netfilter then); the icc=false network needs it.
            String t = run(p, "docker ps\nsysctl -w net.bridge.bridge-nf-call-iptables=0\n"
                    + "docker network create -o com.docker.network.bridge.enable_icc=false noicc\n"
                    + "iptables -S FORWARD\nsysctl net.bridge.bridge-nf-call-iptables\n");
            String fwd = after(t, "iptables -S FORWARD");
            String[] lines = fwd.split("\n");
            assertTrue(lines[lines.length - 1].matches("-A FORWARD -i br-[0-9a-f]{12} -o br-[0-9a-f]{12} -j DROP"), fwd);
            assertTrue(lines[lines.length - 2].equals("-A FORWARD -i docker0 -o docker0 -j ACCEPT"), fwd);
            assertEquals("net.bridge.bridge-nf-call-iptables = 1\n", after(t, "sysctl net.bridge.bridge-nf-call-iptables"),
                    p.name());
        }
    }

    @Test
    void networksAreAttachedAtStartSoAFailedRunLeavesACreatedContainer() {
        String t = v2010("docker network create mynet\n"
                + "docker run -dit --name c4 --network mynet --ip 172.18.0.50 busybox\n"
                + "docker run --network nosuch busybox\n"
                + "docker run --rm --network nosuch busybox\n"
                + "docker ps -a --format '{{.Names}} {{.Status}}'\n"
                + "docker exec c4 ls\n");
        assertTrue(after(t, "docker run -dit --name c4 --network mynet --ip 172.18.0.50 busybox").matches("[0-9a-f]{64}\n"
                + "docker: Error response from daemon: user specified IP address is supported only when connecting to "
                + "networks with user configured subnets.\n"), t);
        assertEquals("docker: Error response from daemon: network nosuch not found.\n"
                + "time=\"2024-06-01T00:00:00Z\" level=error msg=\"error waiting for container: context canceled\"\n",
                after(t, "docker run --network nosuch busybox"));
        assertEquals("docker: Error response from daemon: network nosuch not found.\n",
                after(t, "docker run --rm --network nosuch busybox"));
        String ps = after(t, "docker ps -a --format '{{.Names}} {{.Status}}'");
        assertTrue(ps.matches("[a-z]+_[a-z]+ Created\nc4 Created\n"), ps);
        assertTrue(after(t, "[c4] # ls").matches("Error response from daemon: Container [0-9a-f]{64} is not running\n"), t);
        // Docker 27 checks at create: nothing is left behind.
        String t27 = run(Profile.DOCKER_27, "docker network create mynet\n"
                + "docker run -dit --name c4 --network mynet --ip 172.18.0.50 busybox\ndocker ps -aq\n");
        assertEquals("", after(t27, "docker ps -aq"));
    }
}
