package io.dockwire.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * docker swarm / docker node against the texts a real swarm printed (../shared/reference
 * real-docker-20.10.md and a 3-node 20.10.24 swarm on this kernel); the layouts are docker/cli's,
 * the same in 27.
 */
class SwarmCommandsTest {
    private static String run(String text) {
        return MultiHostWorldTest.run(MultiHostWorldTest.HOSTS + text).transcript();
    }

    /** What {@code typed} printed: from after its line to the next prompt. */
    private static String after(String transcript, String typed) {
        int at = transcript.indexOf(typed + "\n");
        assertTrue(at >= 0, typed + " not in:\n" + transcript);
        String rest = transcript.substring(at + typed.length() + 1);
        java.util.regex.Matcher next = java.util.regex.Pattern.compile("(?m)^\\[[a-z0-9-]+\\] [$#] ").matcher(rest);
        return next.find() ? rest.substring(0, next.start()) : rest;
    }

    @Test
    void initPrintsTheJoinCommandAndJoinTokenRepeatsIt() {
        String t = run("docker swarm init\ndocker swarm join-token worker\ndocker swarm join-token -q worker\n"
                + "docker swarm join-token manager\n");
        String init = after(t, "[manager] $ docker swarm init");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("""
                Swarm initialized: current node \\(([0-9a-z]{25})\\) is now a manager.

                To add a worker to this swarm, run the following command:

                    docker swarm join --token (SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}) 192.168.1.10:2377

                To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.

                """).matcher(init);
        assertTrue(m.matches(), init);
        String worker = m.group(2);
        assertEquals("To add a worker to this swarm, run the following command:\n\n    docker swarm join --token "
                + worker + " 192.168.1.10:2377\n\n", after(t, "[manager] $ docker swarm join-token worker"));
        assertEquals(worker + "\n", after(t, "[manager] $ docker swarm join-token -q worker"));
        String manager = after(t, "[manager] $ docker swarm join-token manager");
        // Both tokens carry the root CA's digest; their secrets differ.
        assertTrue(manager.contains(worker.substring(0, 60)) && !manager.contains(worker), manager);
    }

    @Test
    void commandsOutsideASwarmOrOnAWorkerFailAsTheDaemonSays() {
        String notManager = "Error response from daemon: This node is not a swarm manager. Use \"docker swarm init\" or "
                + "\"docker swarm join\" to connect this node to swarm and try again.\n";
        String worker = "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view "
                + "or modify cluster state. Please run this command on a manager node or promote the current node to a "
                + "manager.\n";
        String t = run("docker swarm leave\ndocker node ls\ndocker swarm join-token worker\ndocker network create -d overlay x\n"
                + "docker swarm init\ndocker swarm init\ndocker swarm join-token bogus\n"
                + "@worker-1 docker swarm join --token <TOKEN> 192.168.1.10:2377\n@worker-1 docker node ls\n"
                + "@worker-1 docker swarm join-token worker\n@worker-1 docker swarm join --token <TOKEN> 192.168.1.10\n");
        assertEquals("Error response from daemon: This node is not part of a swarm\n",
                after(t, "[manager] $ docker swarm leave"));
        assertEquals(notManager, after(t, "[manager] $ docker node ls"));
        assertEquals(notManager, after(t, "[manager] $ docker swarm join-token worker"));
        assertEquals(notManager, after(t, "[manager] $ docker network create -d overlay x"));
        assertTrue(t.contains("[manager] $ docker swarm init\nError response from daemon: This node is already part of "
                + "a swarm. Use \"docker swarm leave\" to leave this swarm and join another one.\n"), t);
        assertEquals("unknown role bogus\n", after(t, "[manager] $ docker swarm join-token bogus"));
        assertEquals(worker, after(t, "[worker-1] $ docker node ls"));
        assertEquals(worker, after(t, "[worker-1] $ docker swarm join-token worker"));
        assertTrue(after(t, "[worker-1] $ docker swarm join --token <TOKEN> 192.168.1.10").endsWith(
                "Error response from daemon: This node is already part of a swarm. Use \"docker swarm leave\" to "
                        + "leave this swarm and join another one.\n"), t);
    }

    @Test
    void badTokensAndAddressesGetTheDaemonsErrors() {
        String t = run("""
                docker swarm init
                @worker-1
                docker swarm join --token SWMTKN-1-abc 192.168.1.10:2377
                docker swarm join --token SWMTKN-1-61a1o5bgbzp812mbrv85rckq8nehu5trl2vmwb2azjdxqhwwya-cicf3r88ceqrr7isgnl4r7f4g 192.168.1.10:2377
                docker swarm join 192.168.1.10:2377
                docker swarm join --token SWMTKN-1-61a1o5bgbzp812mbrv85rckq8nehu5trl2vmwb2azjdxqhwwya-cicf3r88ceqrr7isgnl4r7f4g 192.168.1.10:PORT
                docker swarm join --token SWMTKN-1-61a1o5bgbzp812mbrv85rckq8nehu5trl2vmwb2azjdxqhwwya-cicf3r88ceqrr7isgnl4r7f4g 192.168.1.99:2377
                """);
        assertTrue(t.contains("--token SWMTKN-1-abc 192.168.1.10:2377\nError response from daemon: invalid join token\n"), t);
        // The digest in the token is what the joining node expected of the manager's CA: printed in hex.
        assertTrue(t.contains("Error response from daemon: remote CA does not match fingerprint. Expected: "
                + new java.math.BigInteger("61a1o5bgbzp812mbrv85rckq8nehu5trl2vmwb2azjdxqhwwya", 36).toString(16) + "\n"), t);
        assertTrue(t.contains("$ docker swarm join 192.168.1.10:2377\nError response from daemon: rpc error: code = "
                + "InvalidArgument desc = A valid join token is necessary to join this cluster\n"), t);
        assertTrue(t.contains("Error response from daemon: could not find local IP address: dial udp: address udp/PORT: "
                + "unknown port\n"), t);
        assertTrue(t.contains("192.168.1.99:2377\nError response from daemon: Timeout was reached before node joined. The "
                + "attempt to join the swarm will continue in the background. Use the \"docker info\" command to see the "
                + "current swarm status of your node.\n"), t);
    }

    /** node ls --format: docker/cli's node fields, as a template per node or a table with their column names. */
    @Test
    void nodeLsFormatsNodesAsTheCliDoes() {
        String t = run("""
                docker swarm init
                @worker-1 docker swarm join --token <TOKEN> 192.168.1.10:2377
                docker node ls --format '{{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}} {{.Self}} {{.EngineVersion}}'
                docker node ls --format 'table {{.Hostname}}\\t{{.ManagerStatus}}\\t{{.TLSStatus}}'
                """);
        assertEquals("manager Ready Active Leader true 27.2.1\nworker-1 Ready Active  false 27.2.1\n", after(t,
                "[manager] $ docker node ls --format '{{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}} {{.Self}} {{.EngineVersion}}'"));
        assertEquals("HOSTNAME   MANAGER STATUS   TLS STATUS\nmanager    Leader           Ready\nworker-1                    Ready\n",
                after(t, "[manager] $ docker node ls --format 'table {{.Hostname}}\\t{{.ManagerStatus}}\\t{{.TLSStatus}}'"));
    }

    /** node ls --filter: the daemon's keys and texts, as a real 20.10 swarm answered them. */
    @Test
    void nodeLsFiltersAsTheDaemonDoes() {
        String t = run("""
                docker swarm init
                @worker-1 docker swarm join --token <TOKEN> 192.168.1.10:2377
                @worker-2 docker swarm join --token <TOKEN> 192.168.1.10:2377
                docker node ls -q --filter role=manager --filter role=worker --format '{{.Hostname}}'
                docker node ls --filter name=worker --filter role=worker --format '{{.Hostname}}'
                docker node ls --filter name=worker-2 --format '{{.Hostname}}'
                docker node ls --filter role=bogus
                docker node ls --filter membership=bogus
                docker node ls --filter bogus=1
                docker node ls --filter foo
                docker node ls --filter node.label=a
                """);
        assertEquals("worker-1\nworker-2\n", after(t, "[manager] $ docker node ls --filter name=worker --filter role=worker --format {{.Hostname}}"));
        assertEquals("worker-2\n", after(t, "[manager] $ docker node ls --filter name=worker-2 --format {{.Hostname}}"));
        assertEquals("Error response from daemon: Invalid role filter: 'bogus'\n", after(t, "[manager] $ docker node ls --filter role=bogus"));
        assertEquals("Error response from daemon: Invalid membership filter: 'bogus'\n",
                after(t, "[manager] $ docker node ls --filter membership=bogus"));
        assertEquals("Error response from daemon: Invalid filter 'bogus'\n", after(t, "[manager] $ docker node ls --filter bogus=1"));
        assertEquals("invalid argument \"foo\" for \"-f, --filter\" flag: bad format of filter (expected name=value)\n"
                + "See 'docker node ls --help'.\n", after(t, "[manager] $ docker node ls --filter foo"));
        assertEquals("ID        HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION\n",
                after(t, "[manager] $ docker node ls --filter node.label=a"));
    }

    /** A join nobody answers keeps the CLI waiting 20 s (swarmConnectTimeout) before its error: the world's clock goes on. */
    @Test
    void aJoinThatTimesOutTakesTwentySeconds() {
        String t = run("""
                docker swarm init
                @worker-1 docker run -dit --name c1 busybox
                @worker-1 docker swarm join --token SWMTKN-1-332c80orepg62ozlc7rofgda0yuyvp8xrznmi27x5yo62nyy7j-6gj3mx18xtzax46ob8s850ri8 192.168.1.99:2377
                @worker-1 docker ps --format '{{.Status}}'
                """); // the token init printed (seed 1)
        assertTrue(t.contains("Error response from daemon: Timeout was reached before node joined."), t);
        assertEquals("Up 20 seconds\n", after(t, "[worker-1] $ docker ps --format {{.Status}}"));
    }

    @Test
    void theTutorialsPlaceholderLineJoinsAndSaysWhatItStoodFor() {
        String t = run("docker swarm init\n@worker-1 docker swarm join --token <TOKEN> IP-ADDRESS:PORT \n"
                + "docker swarm join-token -q worker\n");
        String token = after(t, "[manager] $ docker swarm join-token -q worker").strip();
        assertEquals("dockwire: IP-ADDRESS:PORT stands for the manager's address, 192.168.1.10:2377\n"
                + "dockwire: <TOKEN> stands for the worker token manager printed, " + token + "\n"
                + "This node joined a swarm as a worker.\n",
                after(t, "[worker-1] $ docker swarm join --token <TOKEN> IP-ADDRESS:PORT"));
    }

    @Test
    void nodeListsRolesPromotionsAndLeaving() {
        String t = run("""
                docker swarm init
                @worker-2 docker swarm join --token <TOKEN> 192.168.1.10:2377
                @worker-1 docker swarm join --token <TOKEN> 192.168.1.10:2377
                docker node ls
                docker node promote worker-1
                docker node promote worker-1
                docker node ls
                docker node demote worker-1 worker-2
                docker node demote manager
                docker node promote nosuch
                @worker-2 docker swarm leave
                docker node ls
                docker swarm leave
                """);
        String ls = after(t, "[manager] $ docker node ls");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("""
                ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION
                [0-9a-z]{25} \\*   manager    Ready     Active         Leader           27.2.1
                [0-9a-z]{25}     worker-1   Ready     Active                          27.2.1
                [0-9a-z]{25}     worker-2   Ready     Active                          27.2.1
                """).matcher(ls);
        assertTrue(m.matches(), ls);
        assertTrue(t.contains("$ docker node promote worker-1\nNode worker-1 promoted to a manager in the swarm.\n"
                + "[manager] $ docker node promote worker-1\nNode worker-1 is already a manager.\n"), t);
        assertTrue(t.contains("worker-1   Ready     Active         Reachable        27.2.1\n"), t);
        assertEquals("Manager worker-1 demoted in the swarm.\nNode worker-2 is already a worker.\n",
                after(t, "[manager] $ docker node demote worker-1 worker-2"));
        assertEquals("Error response from daemon: rpc error: code = FailedPrecondition desc = attempting to demote the "
                + "last manager of the swarm\n", after(t, "[manager] $ docker node demote manager"));
        assertEquals("Error response from daemon: node nosuch not found\n", after(t, "[manager] $ docker node promote nosuch"));
        assertEquals("Node left the swarm.\n", after(t, "[worker-2] $ docker swarm leave"));
        assertTrue(t.contains("worker-2   Down      Active                          27.2.1\n"), t);
        assertEquals("Error response from daemon: You are attempting to leave the swarm on a node that is participating "
                + "as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to "
                + "ignore this message.\n", after(t, "[manager] $ docker swarm leave"));
    }

    /**
     * {@code node rm}: a manager must be demoted, a node that is up needs --force, errors come
     * together after the names removed (docker/cli collects them), as a real 20.10 swarm printed;
     * a node forced out is no longer in the swarm. A name or prefix several nodes share is ambiguous.
     */
    @Test
    void nodeRmRemovesDownNodesAndSaysWhyNotTheOthers() {
        String t = run("""
                docker swarm init
                @worker-1 docker swarm join --token <TOKEN> 192.168.1.10:2377
                @worker-2 docker swarm join --token <TOKEN> 192.168.1.10:2377
                @worker-2 docker swarm leave
                docker node rm manager worker-1 nosuch worker-2
                docker node ls
                docker node rm -f worker-1
                @worker-1 docker info --format '{{.Swarm.LocalNodeState}}'
                docker node ls -q
                @worker-1 docker node rm manager
                """);
        String rm = after(t, "[manager] $ docker node rm manager worker-1 nosuch worker-2");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("""
                worker-2
                Error response from daemon: rpc error: code = FailedPrecondition desc = node [0-9a-z]{25} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal
                Error response from daemon: rpc error: code = FailedPrecondition desc = node [0-9a-z]{25} is not down and can't be removed
                Error response from daemon: node nosuch not found
                """).matcher(rm);
        assertTrue(m.matches(), rm);
        String ls = after(t, "[manager] $ docker node ls");
        assertTrue(ls.contains(" manager ") && ls.contains(" worker-1 ") && !ls.contains("worker-2"), ls);
        assertEquals("worker-1\n", after(t, "[manager] $ docker node rm -f worker-1"));
        assertEquals("inactive\n", after(t, "[worker-1] $ docker info --format {{.Swarm.LocalNodeState}}"));
        assertEquals(1, after(t, "[manager] $ docker node ls -q").lines().count(), t);
        assertTrue(after(t, "[worker-1] $ docker node rm manager").startsWith("Error response from daemon: This node is not a swarm manager."), t);
        // An id prefix every node has (the empty one): the daemon's getNode says how many it matched.
        MultiHostWorldTest.Run r = MultiHostWorldTest.run(MultiHostWorldTest.HOSTS + "docker swarm init\n"
                + "@worker-1 docker swarm join --token <TOKEN> 192.168.1.10:2377\n");
        io.dockwire.docker.DaemonException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.dockwire.docker.DaemonException.class, () -> r.world().host().engine().swarm().findNode(""));
        assertEquals("node  is ambiguous (2 matches found)", e.getMessage());
    }

    @Test
    void infoShowsTheSwarmSection() {
        String t = run("docker swarm init\n@worker-1 docker swarm join --token <TOKEN> 192.168.1.10:2377\n"
                + "docker info -f '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'\n@worker-1 docker info\n");
        assertEquals("active true\n", after(t, "[manager] $ docker info -f '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'"));
        String info = after(t, "[worker-1] $ docker info");
        assertTrue(java.util.regex.Pattern.compile(" Swarm: active\n  NodeID: [0-9a-z]{25}\n  Is Manager: false\n"
                + "  Node Address: 192.168.1.11\n  Manager Addresses:\n   192.168.1.10:2377\n Runtimes: ").matcher(info).find(),
                info);
    }

    @Test
    void nodeInspectShowsTheNodeAndTheSwarmsRealRootCertificate() throws Exception {
        String t = run("""
                docker swarm init
                @worker-1 docker swarm join --token <TOKEN> 192.168.1.10:2377
                docker node inspect --pretty self
                docker node inspect -f '{{.Spec.Role}}' worker-1
                docker node inspect worker-1
                docker swarm join-token -q worker
                docker node inspect nosuch
                @worker-1 docker node inspect self
                """);
        String pretty = after(t, "[manager] $ docker node inspect --pretty self");
        assertTrue(pretty.matches("(?s)ID:\t\t\t[0-9a-z]{25}\nHostname:              \tmanager\n"
                + "Joined at:             \t2024-06-01 00:00:00 \\+0000 utc\nStatus:\n State:\t\t\tReady\n"
                + " Availability:         \tActive\n Address:\t\t192.168.1.10\nManager Status:\n"
                + " Address:\t\t192.168.1.10:2377\n Raft Status:\t\tReachable\n Leader:\t\tYes\nPlatform:\n"
                + " Operating System:\tlinux\n Architecture:\t\tx86_64\nResources:\n CPUs:\t\t\t2\n Memory:\t\t7.755GiB\n"
                + "Plugins:\n Log:\t\tawslogs, .*\n Network:\tbridge, host, ipvlan, macvlan, null, overlay\n"
                + " Volume:\t\tlocal\nEngine Version:\t\t27.2.1\nTLS Info:\n TrustRoot:\n-----BEGIN CERTIFICATE-----\n"
                + ".*-----END CERTIFICATE-----\n\n Issuer Subject:\tMBMxETAPBgNVBAMTCHN3YXJtLWNh\n"
                + " Issuer Public Key:\tMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE.*\n"), pretty);
        // The trust root is a real certificate: CN=swarm-ca, self-signed, and join tokens carry its SHA-256.
        String pem = pretty.substring(pretty.indexOf("-----BEGIN"), pretty.indexOf("-----END CERTIFICATE-----\n") + 26);
        java.security.cert.X509Certificate ca = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes()));
        ca.verify(ca.getPublicKey());
        assertEquals("CN=swarm-ca", ca.getSubjectX500Principal().getName());
        assertEquals(7300L, (ca.getNotAfter().getTime() - ca.getNotBefore().getTime()) / 86_400_000L);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(ca.getEncoded());
        String b36 = new java.math.BigInteger(1, digest).toString(36);
        String token = after(t, "[manager] $ docker swarm join-token -q worker");
        assertTrue(token.startsWith("SWMTKN-1-" + "0".repeat(50 - b36.length()) + b36 + "-"), token);
        assertEquals("worker\n", after(t, "[manager] $ docker node inspect -f {{.Spec.Role}} worker-1"));
        String json = after(t, "[manager] $ docker node inspect worker-1");
        assertTrue(json.contains("\"Status\": {\n            \"State\": \"ready\",\n            \"Addr\": \"192.168.1.11\"\n"
                + "        }\n    }\n]\n"), json);
        assertEquals("[]\nError response from daemon: node nosuch not found\n", after(t, "[manager] $ docker node inspect nosuch"));
        assertTrue(after(t, "[worker-1] $ docker node inspect self").startsWith("[]\nError response from daemon: This node is "
                + "not a swarm manager. Worker nodes"), t);
    }
}
