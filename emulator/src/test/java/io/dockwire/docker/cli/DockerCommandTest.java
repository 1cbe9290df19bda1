package io.dockwire.docker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.Names;
import io.dockwire.docker.RecordingKernel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerCommandTest {
    private long now;
    private final DockerEngine engine = DockerEngine.docker27(new RecordingKernel(), 11, () -> now);
    private final DockerCommand docker = new DockerCommand(engine, new Names(engine, "nameserver 8.8.8.8\n"));

    private Result run(String line) {
        return docker.run(Arrays.asList(line.split(" ")));
    }

    private String out(String line) {
        Result r = run(line);
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout();
    }

    @Test
    void networkLsIsSortedByNameWithTwelveHexIdsAndTabwriterColumns() {
        out("docker network create msa3-parent_default");
        String ls = out("docker network ls");
        String[] lines = ls.split("\n");
        assertEquals("NETWORK ID     NAME                  DRIVER    SCOPE", lines[0]);
        assertEquals(5, lines.length);
        assertEquals(true, lines[1].matches("[0-9a-f]{12}   bridge                bridge    local"), lines[1]);
        assertEquals(true, lines[2].matches("[0-9a-f]{12}   host                  host      local"), lines[2]);
        assertEquals(true, lines[3].matches("[0-9a-f]{12}   msa3-parent_default   bridge    local"), lines[3]);
        assertEquals(true, lines[4].matches("[0-9a-f]{12}   none                  null      local"), lines[4]);
        assertEquals(engine.networks().size() + "", out("docker network ls -q").split("\n").length + "");
    }

    @Test
    void networkCreatePrintsTheFullIdAndNaturalOrderSortsNumbers() {
        String id = out("docker network create net10");
        assertEquals(true, id.matches("[0-9a-f]{64}\n"));
        out("docker network create net9");
        String ls = out("docker network ls");
        assertEquals(true, ls.indexOf("net9") < ls.indexOf("net10"));
    }

    @Test
    void networkInspectOfTheDefaultBridgeWithTwoContainers() {
        out("docker run -d -i -t --name alpine1 alpine ash");
        out("docker run -d -i -t --name alpine2 alpine ash");
        String json = out("docker network inspect bridge");
        String id1 = engine.findContainer("alpine1").id();
        String ep1 = engine.findContainer("alpine1").endpoints().get(0).id();
        assertEquals(true, json.startsWith("[\n    {\n        \"Name\": \"bridge\",\n        \"Id\": \""), json);
        assertEquals(true, json.contains(String.join("\n",
                "        \"IPAM\": {",
                "            \"Driver\": \"default\",",
                "            \"Options\": null,",
                "            \"Config\": [",
                "                {",
                "                    \"Subnet\": \"172.17.0.0/16\",",
                "                    \"Gateway\": \"172.17.0.1\"",
                "                }",
                "            ]",
                "        },")), json);
        assertEquals(true, json.contains(String.join("\n",
                "            \"" + id1 + "\": {",
                "                \"Name\": \"alpine1\",",
                "                \"EndpointID\": \"" + ep1 + "\",",
                "                \"MacAddress\": \"02:42:ac:11:00:02\",",
                "                \"IPv4Address\": \"172.17.0.2/16\",",
                "                \"IPv6Address\": \"\"",
                "            }")), json);
        assertEquals(true, json.endsWith("""
                        "Options": {
                            "com.docker.network.bridge.default_bridge": "true",
                            "com.docker.network.bridge.enable_icc": "true",
                            "com.docker.network.bridge.enable_ip_masquerade": "true",
                            "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
                            "com.docker.network.bridge.name": "docker0",
                            "com.docker.network.driver.mtu": "1500"
                        },
                        "Labels": {}
                    }
                ]
                """), json);
    }

    @Test
    void networkInspectOfAUserNetworkWithSubnetAndGateway() {
        out("docker network create --driver bridge --subnet 192.168.100.0/24 --gateway 192.168.100.254 mynet");
        String json = out("docker network inspect mynet");
        assertEquals(true, json.contains("""
                            "Options": {},
                            "Config": [
                                {
                                    "Subnet": "192.168.100.0/24",
                                    "Gateway": "192.168.100.254"
                                }
                            ]
                """), json);
        assertEquals(true, json.contains("\"Containers\": {},\n        \"Options\": {},\n        \"Labels\": {}\n"), json);
        Result missing = run("docker network inspect nope");
        assertEquals("[]\n", missing.stdout());
        assertEquals("Error: No such network: nope\n", missing.stderr());
        assertEquals(1, missing.exitCode());
    }

    @Test
    void psShowsQuotedTruncatedCommandsTimesStatusAndPorts() {
        out("docker run -d -p 80:80 --name web nginx:1.14");
        now = 30_000;
        out("docker run -d --name web2 -p 80 nginx");
        now = 95_000;
        out("docker run -d --name web3 -P nginx");
        out("docker run -d --name db mysql:5.7");
        now = 200_000;
        String ps = out("docker ps");
        String[] l = ps.split("\n");
        assertEquals("CONTAINER ID   IMAGE        COMMAND                  CREATED              STATUS              PORTS                   NAMES", l[0]);
        assertEquals(engine.findContainer("db").shortId()
                + "   mysql:5.7    \"docker-entrypoint.s…\"   About a minute ago   Up About a minute   3306/tcp, 33060/tcp     db", l[1]);
        assertEquals(engine.findContainer("web3").shortId()
                + "   nginx        \"/docker-entrypoint.…\"   About a minute ago   Up About a minute   0.0.0.0:32769->80/tcp   web3", l[2]);
        assertEquals(engine.findContainer("web2").shortId()
                + "   nginx        \"/docker-entrypoint.…\"   2 minutes ago        Up 2 minutes        0.0.0.0:32768->80/tcp   web2", l[3]);
        assertEquals(engine.findContainer("web").shortId()
                + "   nginx:1.14   \"nginx -g 'daemon of…\"   3 minutes ago        Up 3 minutes        0.0.0.0:80->80/tcp      web", l[4]);
        assertEquals("80/tcp -> 0.0.0.0:32769\n", out("docker port web3"));
        assertEquals("0.0.0.0:80\n", out("docker port web 80"));
        Result none = run("docker port web 81");
        assertEquals("Error: No public port '81/tcp' published for web\n", none.stderr());
        assertEquals(1, none.exitCode());
    }

    @Test
    void psAllShowsExitedAndCreated() {
        out("docker run -d --name c1 busybox");
        now = 3_000;
        String ps = out("docker ps -a");
        assertEquals(true, ps.contains("\"sh\"      3 seconds ago   Exited (0) 3 seconds ago             c1"), ps);
        assertEquals("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n", out("docker ps"));
    }

    @Test
    void runErrorsUseDocker27Formats() {
        out("docker run -d -p 8080:80 --name web nginx");
        Result clash = run("docker run -d -p 8080:80 --name web2 nginx");
        assertEquals(125, clash.exitCode());
        assertEquals(true, clash.stderr().matches("docker: Error response from daemon: driver failed programming external "
                + "connectivity on endpoint web2 \\([0-9a-f]{64}\\): Bind for 0.0.0.0:8080 failed: port is already allocated.\n"),
                clash.stderr());
        Result dup = run("docker run -d --name web nginx");
        assertEquals("docker: Error response from daemon: Conflict. The container name \"/web\" is already in use by container \""
                + engine.findContainer("web").id() + "\". You have to remove (or rename) that container to be able to reuse "
                + "that name.\nSee 'docker run --help'.\n", dup.stderr());
        assertEquals(125, dup.exitCode());
        assertEquals(new Result("", "unknown flag: --foo\nSee 'docker run --help'.\n", 125, null, null, null),
                run("docker run --foo busybox"));
        assertEquals("docker: invalid reference format.\nSee 'docker run --help'.\n", run("docker run Busy:box").stderr());
        assertEquals("docker: Error response from daemon: user specified IP address is supported on user defined "
                + "networks only.\nSee 'docker run --help'.\n", run("docker run --ip 172.17.0.9 busybox").stderr());
        assertEquals("\"docker run\" requires at least 1 argument.\nSee 'docker run --help'.\n\nUsage:  docker run [OPTIONS] "
                + "IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n", run("docker run").stderr());
        assertEquals("flag needs an argument: 'p' in -p\nSee 'docker run --help'.\n", run("docker run -p").stderr());
        assertEquals("docker: 'foo' is not a docker command.\nSee 'docker --help'\n", run("docker foo").stderr());
    }

    @Test
    void portRangesPublishPortByPortAndPsGroupsAsDisplayablePortsDoes() {
        out("docker run -d --name n3 -p 9000-9001:80-81 nginx");
        out("docker run -d --name n4 -p 8000-8002:80 nginx");
        out("docker run -d --name n5 -p 8000-8002:80 nginx"); // the next free port of the range
        out("docker run -d --name n6 -p 80:80 -p 81:81 -p 443 nginx");
        assertEquals("docker: invalid ranges specified for container and host Ports: 80-81 and 9000-9002.\n"
                + "See 'docker run --help'.\n", run("docker run -d -p 9000-9002:80-81 nginx").stderr());
        String ps = out("docker ps");
        // Ports published on their own number group into ranges; others are listed one by one, after.
        assertEquals(true, ps.contains("   0.0.0.0:80-81->80-81/tcp, 0.0.0.0:32768->443/tcp   n6\n"), ps);
        assertEquals(true, ps.contains("   0.0.0.0:8001->80/tcp   "), ps);
        assertEquals(true, ps.contains("   0.0.0.0:9000->80/tcp, 0.0.0.0:9001->81/tcp   "), ps);
        assertEquals("80/tcp -> 0.0.0.0:9000\n81/tcp -> 0.0.0.0:9001\n", out("docker port n3"));
    }

    @Test
    void daemonErrorsOfOtherCommandsExitOne() {
        out("docker network create mynet");
        assertEquals(new Result("", "Error response from daemon: network with name mynet already exists\n", 1, null, null, null),
                run("docker network create mynet"));
        assertEquals("Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n",
                run("docker network create --subnet 172.18.0.0/24 other").stderr());
        // The CLI's createIPAMConfig, before any request: no "Error response from daemon".
        assertEquals("every ip-range or gateway must have a corresponding subnet\n",
                run("docker network create --gateway 10.0.0.1 g").stderr());
        assertEquals("no matching subnet for range 10.2.0.0/24\n",
                run("docker network create --subnet 10.1.0.0/16 --ip-range 10.2.0.0/24 g").stderr());
        assertEquals("no matching subnet for gateway 10.9.0.1\n",
                run("docker network create --subnet 10.1.0.0/16 --gateway 10.9.0.1 g").stderr());
        out("docker run -d --name lonely --network none nginx");
        out("docker run -d --name hosty --network host nginx");
        assertEquals("Error response from daemon: container cannot be connected to multiple networks with one of the "
                + "networks in private (none) mode\n", run("docker network connect bridge lonely").stderr());
        assertEquals("Error response from daemon: container sharing network namespace with another container or host "
                + "cannot be connected to any other network\n", run("docker network connect bridge hosty").stderr());
        out("docker run -dit --name a1 --network mynet alpine ash");
        Result rm = run("docker network rm mynet");
        assertEquals("Error response from daemon: error while removing network: network mynet id "
                + engine.findContainer("a1").endpoints().get(0).network().id() + " has active endpoints\n", rm.stderr());
        Result stop = run("docker container stop a1 nope");
        assertEquals("a1\n", stop.stdout());
        assertEquals("Error response from daemon: No such container: nope\n", stop.stderr());
        assertEquals(1, stop.exitCode());
        out("docker container rm a1");
        assertEquals("mynet\n", out("docker network rm mynet"));
        out("docker run -d --name web nginx");
        assertEquals("Error response from daemon: cannot remove container \"/web\": container is running: stop the "
                + "container before removing or force remove\n", run("docker rm web").stderr());
        assertEquals("web\n", out("docker rm -f web"));
    }

    @Test
    void runAttachesWithItAndDetachedPrintsTheId() {
        Result it = run("docker run -it --name c1 busybox");
        assertEquals("c1", it.attach());
        assertEquals("", it.stdout());
        Result fg = run("docker run --rm busybox ping -c 1 172.17.0.2");
        assertEquals(true, fg.foreground() != null);
        Result d = run("docker run -dit --name a2 alpine ash");
        assertEquals(true, d.stdout().matches("[0-9a-f]{64}\n"));
        Result exec = run("docker exec -it a2 ping -c 2 c1");
        assertEquals(List.of("ping", "-c", "2", "c1"), exec.execArgv());
        assertEquals("a2", run("docker exec -it a2 sh").attach());
        assertEquals("a2", run("docker attach a2").attach());
    }

    @Test
    void hostNetworkWarnsThatPublishedPortsAreDiscarded() {
        Result r = run("docker run -d --network host -p 80:80 --name hn nginx");
        assertEquals("WARNING: Published ports are discarded when using host network mode\n", r.stderr());
        assertEquals(0, r.exitCode());
    }

    @Test
    void networkConnectAddsAnEndpointAndDisconnectRemovesIt() {
        out("docker network create alpine-net");
        out("docker run -dit --name alpine4 --network alpine-net alpine ash");
        out("docker network connect bridge alpine4");
        String json = out("docker network inspect bridge");
        assertEquals(true, json.contains("\"Name\": \"alpine4\""));
        assertEquals(true, json.contains("\"MacAddress\": \"02:42:ac:11:00:02\""));
        assertEquals("Error response from daemon: endpoint with name alpine4 already exists in network bridge\n",
                run("docker network connect bridge alpine4").stderr());
        out("docker network disconnect bridge alpine4");
        assertEquals(false, out("docker network inspect bridge").contains("alpine4"));
    }

    @Test
    void unsupportedDockerFeaturesAreNotSilentlyFaked() {
        assertThrows(Unsupported.class, () -> run("docker ps --filter name=x"));
        assertThrows(Unsupported.class, () -> run("docker pull --platform linux/arm64 nginx"));
        assertThrows(Unsupported.class, () -> run("docker network create --ipv6 x"));
    }

    @Test
    void execCheckReportsMissingAndStoppedContainersAsDockerExecDoes() {
        assertEquals("Error response from daemon: No such container: ghost\n", docker.execCheck("ghost").stderr());
        out("docker run -d --name sh1 busybox");
        assertEquals("Error response from daemon: container " + engine.findContainer("sh1").id() + " is not running\n",
                docker.execCheck("sh1").stderr());
        out("docker run -dit --name sh2 busybox");
        assertEquals(null, docker.execCheck("sh2"));
    }

    @Test
    void hostAndNoneContainersShowInTheirNetworksWithoutAddresses() {
        out("docker run --rm -d --network host --name my_nginx nginx");
        out("docker run -dit --network none --name nonet alpine ash");
        String host = out("docker network inspect host");
        assertEquals(true, host.contains("\"Name\": \"my_nginx\",\n"), host);
        assertEquals(true, host.contains("\"MacAddress\": \"\",\n                \"IPv4Address\": \"\","), host);
        assertEquals(true, out("docker network inspect none").contains("\"Name\": \"nonet\""));
        assertEquals(true, out("docker ps").contains("   my_nginx\n"));
        out("docker container stop my_nginx");
        assertEquals(false, out("docker network inspect host").contains("my_nginx"));
        assertEquals(null, engine.findContainer("my_nginx"));
    }
}
