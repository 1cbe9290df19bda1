package io.dockwire.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** nc in both flavours, the shell's built-in answers, and unknown commands. */
class NcAndShellTest {
    private final World w = new World(1);

    @Test
    void ncListenerPrintsWhatTheClientSendsAndBothExitAtEof() {
        AppProcess server = w.start("c1", AppEnv.busybox(), "nc -l -p 9000");
        AppProcess client = w.start("c2", AppEnv.gnu().withStdin("hello\n"), "nc 172.17.0.2 9000");
        w.await(client);
        w.await(server);
        assertEquals("hello\n", server.stdout());
        assertEquals(0, server.exitCode());
        assertEquals("", client.stdout());
        assertEquals(0, client.exitCode());
    }

    @Test
    void ncListenerCanAnswerWithItsOwnStdin() {
        AppProcess server = w.start("c1", AppEnv.gnu().withStdin("pong\n"), "nc -l 9000");
        AppProcess client = w.run("c2", AppEnv.busybox().withStdin("ping\n"), "nc 172.17.0.2 9000");
        w.await(server);
        assertEquals("ping\n", server.stdout());
        assertEquals("pong\n", client.stdout());
    }

    @Test
    void openbsdPortProbeSucceedsAndFailsInItsOwnWords() {
        HttpServer.start(w.k, "c1", Site.NGINX);
        AppProcess ok = w.run("c2", AppEnv.gnu(), "nc -z -v 172.17.0.2 80");
        assertEquals("Connection to 172.17.0.2 80 port [tcp/http] succeeded!\n", ok.stderr());
        assertEquals(0, ok.exitCode());
        AppProcess refused = w.run("c2", AppEnv.gnu(), "nc -zv 172.17.0.2 81");
        assertEquals("nc: connect to 172.17.0.2 port 81 (tcp) failed: Connection refused\n", refused.stderr());
        assertEquals(1, refused.exitCode());
        AppProcess quiet = w.run("c2", AppEnv.gnu(), "nc -z 172.17.0.2 81");
        assertEquals("", quiet.stderr());
        assertEquals(1, quiet.exitCode());
    }

    @Test
    void busyboxNcWordsItsErrorsDifferently() {
        HttpServer.start(w.k, "c1", Site.NGINX);
        AppProcess ok = w.run("c2", AppEnv.busybox(), "nc -zv 172.17.0.2 80");
        assertEquals("172.17.0.2 (172.17.0.2:80) open\n", ok.stderr());
        AppProcess refused = w.run("c2", AppEnv.busybox(), "nc 172.17.0.2 81");
        assertEquals("nc: can't connect to remote host (172.17.0.2): Connection refused\n", refused.stderr());
        assertEquals(1, refused.exitCode());
    }

    @Test
    void unknownCommandsEndAt127WithTheShellsMessage() {
        AppProcess b = w.start("c1", AppEnv.busybox(), "curl http://x/");
        assertTrue(b.done());
        assertEquals("sh: curl: not found\n", b.stderr());
        assertEquals(127, b.exitCode());
        AppProcess g = w.start("c1", AppEnv.gnu(), "foo bar");
        assertEquals("bash: foo: command not found\n", g.stderr());
        assertEquals(127, g.exitCode());
        assertFalse(Apps.isApp("iptables", AppEnv.gnu()));
        assertTrue(Apps.isApp("wget", AppEnv.busybox()));
    }

    @Test
    void catPrintsTheFilesTheCallerSupplied() {
        AppEnv env = AppEnv.busybox().withHosts("127.0.0.1\tlocalhost\n172.18.0.2\t0123456789ab\n")
                .withNameservers("127.0.0.11").withHostname("0123456789ab");
        assertEquals("127.0.0.1\tlocalhost\n172.18.0.2\t0123456789ab\n", w.start("a1", env, "cat /etc/hosts").stdout());
        assertEquals("nameserver 127.0.0.11\n", w.start("a1", env, "cat /etc/resolv.conf").stdout());
        assertEquals("0123456789ab\n", w.start("a1", env, "hostname").stdout());
        assertEquals("172.18.0.2 \n", w.start("a1", env, "hostname -i").stdout()); // each address, then a space
        AppProcess unknown = w.start("a1", env.withHostname("elsewhere"), "hostname -i");
        assertEquals("hostname: Name or service not known\n", unknown.stderr());
        assertEquals(1, unknown.exitCode());
        assertEquals("hello world\n", w.start("a1", env, "echo hello world").stdout());
        AppProcess missing = w.start("a1", env, "cat /etc/nope");
        assertEquals("cat: can't open '/etc/nope': No such file or directory\n", missing.stderr());
        assertEquals(1, missing.exitCode());
        assertEquals(List.of("nameserver 127.0.0.11"), List.of(env.resolvConf().trim()));
    }
}
