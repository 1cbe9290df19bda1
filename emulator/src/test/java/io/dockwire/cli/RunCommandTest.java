package io.dockwire.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.trace.PcapngReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
    @TempDir
    Path dir;

    private record Run(int rc, String out, String err) {
    }

    private Run run(String scenario, String... extra) throws Exception {
        Path f = dir.resolve("s.dw");
        Files.writeString(f, scenario);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] args = new String[3 + extra.length];
        args[0] = "run";
        args[1] = f.toString();
        args[2] = "--out=" + dir.resolve("out");
        System.arraycopy(extra, 0, args, 3, extra.length);
        int rc = cl.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void failingDockerCommandPrintsDockersErrorAndTheRunGoesOn() throws Exception {
        Run r = run("""
                docker network create mynet
                docker network create mynet
                docker network ls
                """);
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("$ docker network create mynet\n"
                + "Error response from daemon: network with name mynet already exists\n$ docker network ls\n"), r.out());
        assertEquals(r.out(), Files.readString(dir.resolve("out/transcript.txt")));
    }

    @Test
    void aHostPortBoundOnOneAddressFailsTheProxyOnAnotherAndEverythingIsUndone() throws Exception {
        // The allocator keys ports by host IP, so 127.0.0.1:8080 and 0.0.0.0:8080 are both
        // granted; docker-proxy's bind of the second fails, and the port mapper removes its rules
        // and those of the container's earlier mappings and releases every port. The CLI printed the
        // detached container's id before it asked the daemon to start it.
        Run r = run("""
                docker run -d --name n1 -p 127.0.0.1:8080:80 nginx
                docker run -d --name n2 -p 9090:80 -p 8080:80 nginx
                docker ps -a
                iptables -t nat -S DOCKER
                docker run -d --name n3 -p 9090:80 nginx
                """);
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().matches("(?s).*\\$ docker run -d --name n2 -p 9090:80 -p 8080:80 nginx\n[0-9a-f]{64}\n"
                + "docker: Error response from daemon: driver failed programming external connectivity on endpoint n2 "
                + "\\([0-9a-f]{64}\\): Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already "
                + "in use\\.\n\\$ docker ps -a\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*   Created   .*n2\n.*"), r.out());
        assertTrue(r.out().contains("$ iptables -t nat -S DOCKER\n-N DOCKER\n-A DOCKER -i docker0 -j RETURN\n"
                + "-A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\n"
                + "$ docker run -d --name n3 -p 9090:80 nginx\n"), r.out());
        assertTrue(r.out().matches("(?s).*\\$ docker run -d --name n3 -p 9090:80 nginx\n[0-9a-f]{64}\n"), r.out());
    }

    @Test
    void aServerThatCannotListenExitsWithStatusOne() throws Exception {
        Run r = run("""
                docker run -d --name h1 --network host nginx
                docker run -d --name h2 --network host nginx
                docker ps -a
                curl -s -o /dev/null -w '%{http_code}\\n' localhost
                """);
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().matches("(?s).*   Exited \\(1\\) Less than a second ago   +h2\n"
                + "[0-9a-f]{12} .*   Up Less than a second   +h1\n.*"), r.out());
        assertTrue(r.out().endsWith("localhost\n200\n"), r.out());
    }

    @Test
    void pcapPerInterfaceWritesOneClassicPcapPerDeviceIntoANewDirectory() throws Exception {
        Run r = run("docker run -dit --name c1 busybox\ndocker exec c1 ping -c 1 172.17.0.1\n", "--pcap-per-interface");
        assertEquals(0, r.rc(), r.err());
        Path pcap = dir.resolve("out/pcap");
        byte[] c1 = Files.readAllBytes(pcap.resolve("c1_eth0.pcap"));
        assertEquals(0x4d, c1[0] & 0xFF); // classic pcap with nanosecond timestamps: magic a1b23c4d, little-endian
        assertTrue(c1.length > 24 + 4 * (16 + 42), "c1:eth0 holds the ARP exchange and the echo: " + c1.length);
        assertTrue(Files.size(pcap.resolve("docker0.pcap")) > 24);
    }

    @Test
    void aForegroundRunRunsItsCommandThenTheContainerExitsAndRmRemovesIt() throws Exception {
        Run r = run("""
                docker run --rm busybox ping -c 1 172.17.0.1
                docker run --name p1 alpine ip route
                docker ps -a
                """);
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().startsWith("$ docker run --rm busybox ping -c 1 172.17.0.1\n"
                + "PING 172.17.0.1 (172.17.0.1): 56 data bytes\n64 bytes from 172.17.0.1: seq=0 ttl=64 time="), r.out());
        assertTrue(r.out().contains("$ docker run --name p1 alpine ip route\ndefault via 172.17.0.1 dev eth0 \n"), r.out());
        // The --rm container is gone; p1 exited with its command's status.
        assertTrue(r.out().matches("(?s).*\\$ docker ps -a\nCONTAINER ID .*\n[0-9a-f]{12}   alpine    \"ip route\" .*"
                + "Exited \\(0\\) Less than a second ago +p1\n"), r.out());
    }

    @Test
    void theSummaryOfSeveralDockerHostsNamesEachWithItsAddressAndRules() throws Exception {
        Run r = run("# dockwire: docker-hosts a b\n@b docker run -d --name web -p 8080:80 nginx\n");
        assertEquals(0, r.rc(), r.err());
        String summary = Files.readString(dir.resolve("out/summary.json"));
        assertTrue(summary.contains("\"docker_hosts\": [\n    {\"name\": \"a\", \"address\": \"192.168.1.10\", \"iptables\": ["),
                summary);
        assertTrue(summary.contains("{\"name\": \"b\", \"address\": \"192.168.1.11\", \"iptables\": ["), summary);
        // b's rules have its published port; a's (also host_iptables) do not.
        String b = summary.substring(summary.indexOf("{\"name\": \"b\""), summary.indexOf("\"simulated_ns\""));
        assertTrue(b.contains("--dport 8080 -j DNAT --to-destination 172.17.0.2:80"), b);
        assertTrue(!summary.substring(summary.indexOf("\"host_iptables\"")).contains("8080"), summary);
        assertTrue(summary.contains("{\"name\": \"b:docker0\""), summary);
    }

    @Test
    void sleepReadsItsOperandsAsGnuSleepDoes() throws Exception {
        Run r = run("sleep 1 2\nsleep 0.5m\nsleep 1x\nsleep -5\n");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().endsWith("$ sleep 1x\nsleep: invalid time interval '1x'\nTry 'sleep --help' for more information.\n"
                + "$ sleep -5\nsleep: invalid option -- '5'\nTry 'sleep --help' for more information.\n"), r.out());
        String summary = Files.readString(dir.resolve("out/summary.json"));
        // 3 s + 30 s of sleeping and 100 ms after each of the four commands.
        assertTrue(summary.contains("\"simulated_ns\": 33400000000"), summary);
        Run far = run("sleep 1e10\n");
        assertEquals(1, far.rc());
        assertEquals("s.dw:1: sleep 1e10: longer than simulated time can run (at most 2305843009 s)\n", far.err());
    }

    @Test
    void aFailedAttachStopsTheRunInsteadOfSendingTheShellsLinesNowhere() throws Exception {
        Run r = run("docker attach nosuch\nping -c 1 172.17.0.1\nexit\ndocker ps -a\n");
        assertEquals(1, r.rc());
        assertEquals("s.dw:1: 'docker attach nosuch' failed (exit status 1), so the lines written for that container's "
                + "shell have nowhere to run\n", r.err());
        assertEquals("$ docker attach nosuch\nError response from daemon: No such container: nosuch\n", r.out());
    }

    @Test
    void nstatShowsWhatChangedSinceTheLastNstatLikeItsHistoryFile() throws Exception {
        Run r = run("docker run -dit --name c1 busybox\nnstat\ndocker exec c1 ping -c 1 172.17.0.1\nnstat\nnstat\n"
                + "nstat -az IpInReceives IcmpInEchos\n");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("$ nstat\n#kernel\n[c1] # ping"), r.out()); // nothing counted yet on the host
        assertTrue(r.out().contains("$ nstat\n#kernel\nIpInReceives                    1                  0.0\n"), r.out());
        assertTrue(r.out().contains("IcmpOutEchoReps                 1                  0.0\n$ nstat\n#kernel\n$ nstat -az"),
                r.out()); // the second shows no change
        assertTrue(r.out().endsWith("$ nstat -az IpInReceives IcmpInEchos\n#kernel\n"
                + "IpInReceives                    1                  0.0\nIcmpInEchos                     1                  0.0\n"),
                r.out()); // absolute values, zeros included
    }

    @Test
    void ipNetnsOnTheDockerHostListsTheSandboxesNotTheOtherMachines() throws Exception {
        Run r = run("docker run -dit --name c1 busybox\nip netns\n");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().matches("(?s).*\\$ ip netns\n[0-9a-f]{12}\n"), r.out()); // as tutorial 001 shows it
    }

    @Test
    void aPipeAfterAHostCommandIsAnErrorNotArguments() throws Exception {
        Run r = run("docker run -dit --name c1 busybox\ndocker ps | grep c1\n");
        assertEquals(1, r.rc());
        assertEquals("s.dw:2: a pipe after docker is not emulated (pipes only between the container tools: "
                + "echo TEXT | nc HOST PORT)\n", r.err());
        Run redirect = run("docker exec c1 echo hi > /tmp/x\n");
        assertEquals(2, redirect.rc()); // does not parse
        assertTrue(redirect.err().startsWith("s.dw:1: shell operator '>' is not emulated"), redirect.err());
    }

    @Test
    void aContainerHasNoNetAdminSoIpChangesAreRefusedButListingsWork() throws Exception {
        Run r = run("docker run -dit --name c1 busybox\ndocker run -dit --name d1 debian\n"
                + "docker exec c1 ip link del eth0\ndocker exec d1 ip addr add 10.9.0.1/24 dev eth0\n"
                + "docker exec d1 ip route\ndocker stop c1\n");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("[c1] # ip link del eth0\nip: RTNETLINK answers: Operation not permitted\n"), r.out());
        assertTrue(r.out().contains("[d1] # ip addr add 10.9.0.1/24 dev eth0\nRTNETLINK answers: Operation not permitted\n"
                + "[d1] # ip route\ndefault via 172.17.0.1 dev eth0 \n"), r.out());
        assertTrue(r.out().endsWith("$ docker stop c1\nc1\n"), r.out());
    }

    @Test
    void strictStopsAtTheFirstFailingCommandWithFileAndLine() throws Exception {
        Run r = run("docker network create mynet\ndocker network create mynet\ndocker network ls\n", "--strict");
        assertEquals(1, r.rc());
        assertEquals("s.dw:2: command failed with exit status 1 (--strict)\n", r.err());
        assertTrue(!r.out().contains("network ls"), r.out());
    }

    @Test
    void unknownCommandStopsTheRunWithFileAndLineAndKeepsTheCaptureValid() throws Exception {
        Run r = run("docker run -d --name c1 busybox\nfrobnicate --now\ndocker ps\n");
        assertEquals(1, r.rc());
        assertTrue(r.err().startsWith("s.dw:2: dockwire does not emulate 'frobnicate'"), r.err());
        PcapngReader.readAll(Files.readAllBytes(dir.resolve("out/capture.pcapng"))); // parses: valid
        String summary = Files.readString(dir.resolve("out/summary.json"));
        assertTrue(summary.contains("\"commands\": 2"), summary);
        assertTrue(summary.contains("    \"[0:0] -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\""), summary);
    }

    @Test
    void traceShowsEachPacketsPathThroughIptablesInTheTranscript() throws Exception {
        Run r = run("docker run -d --name web -p 8080:80 nginx\n"
                + "@client curl -s -o /dev/null -w '%{http_code}\\n' http://192.168.1.10:8080/\n", "--trace");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("200\nTRACE: nat:PREROUTING:rule:1 IN=eth0 OUT= SRC=192.168.1.20 DST=192.168.1.10 LEN=60 "),
                r.out());
        assertTrue(r.out().contains("\nTRACE: nat:DOCKER:rule:2 IN=eth0 OUT= SRC=192.168.1.20 DST=192.168.1.10 "), r.out());
        assertTrue(r.out().contains("\nTRACE: filter:DOCKER:rule:1 IN=eth0 OUT=docker0 SRC=192.168.1.20 DST=172.17.0.2 "
                + "LEN=60 TOS=0x00 PREC=0x00 TTL=63 "), r.out());
        Run quiet = run("docker run -d --name web -p 8080:80 nginx\n");
        assertTrue(!quiet.out().contains("TRACE"), quiet.out());
    }

    @Test
    void tcpdumpChoosesTheCapturePoints() throws Exception {
        Run r = run("docker run -dit --name c1 busybox\ndocker run -dit --name c2 busybox\n"
                + "tcpdump -i docker0 -n\ndocker exec c1 ping -c 1 172.17.0.3\ntcpdump -i eth9\n");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("$ tcpdump -i docker0 -n\ntcpdump: verbose output suppressed, use -v[v]... for full "
                + "protocol decode\nlistening on docker0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n"), r.out());
        assertTrue(r.out().contains("tcpdump: eth9: No such device exists\n"), r.out());
        var frames = PcapngReader.readAll(Files.readAllBytes(dir.resolve("out/capture.pcapng")));
        assertTrue(!frames.isEmpty() && frames.stream().allMatch(f -> f.interfaceName().equals("docker0")),
                frames.stream().map(f -> f.interfaceName()).toList().toString());
        // -v or -w: one line with the prefix, no hint (as tcpdump 4.99 prints it on this machine).
        Run v = run("tcpdump -nvi docker0\ntcpdump -i any -w /tmp/x.pcap\n");
        assertEquals("$ tcpdump -nvi docker0\ntcpdump: listening on docker0, link-type EN10MB "
                + "(Ethernet), snapshot length 262144 bytes\n$ tcpdump -i any -w /tmp/x.pcap\ntcpdump: data link type "
                + "LINUX_SLL2\ntcpdump: listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length "
                + "262144 bytes\n", v.out());
    }

    @Test
    void aContainerEnteredWithRunItGetsTheEmbeddedDnsOfItsNetwork() throws Exception {
        Run r = run("docker network create mynet\ndocker run -it --name aa --net mynet busybox\nctrl-p ctrl-q\n"
                + "docker run -dit --name bb --net mynet busybox\ndocker exec aa ping -c 1 bb\n");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("[aa] # ping -c 1 bb\nPING bb (172.18.0.3): 56 data bytes\n64 bytes from 172.18.0.3"),
                r.out());
    }

    @Test
    void syntaxErrorIsReportedBeforeAnythingRuns() throws Exception {
        Run r = run("docker network ls\necho 'unterminated\n");
        assertEquals(2, r.rc());
        assertEquals("s.dw:2: unterminated single quote\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void sameScenarioAndSeedGiveTheSameTranscriptAndCapture() throws Exception {
        String s = "docker run -d --name web -p 8080:80 nginx\ndocker network create --subnet 10.9.0.0/24 n1\n"
                + "docker run -d --name a --net n1 busybox\ndocker ps\n";
        Run a = run(s);
        byte[] capA = Files.readAllBytes(dir.resolve("out/capture.pcapng"));
        Run b = run(s);
        assertEquals(a.out(), b.out());
        assertArrayEquals(capA, Files.readAllBytes(dir.resolve("out/capture.pcapng")));
    }
}
