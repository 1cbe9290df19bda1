package io.dockwire.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
    private static List<ScenarioLine> parse(String text) {
        return ScenarioParser.parse("t.dw", text);
    }

    private static ScenarioLine only(String text) {
        List<ScenarioLine> lines = parse(text);
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    @Test
    void skipsBlankLinesAndComments() {
        List<ScenarioLine> lines = parse("\n# iptables 룰 확인\n#docker ps\n## ping the gateway\n   \ndocker ps # list\n");
        assertEquals(1, lines.size());
        assertEquals(List.of("docker", "ps"), lines.get(0).argv());
        assertEquals(6, lines.get(0).lineNumber());
    }

    @Test
    void rootPromptIsACommandWhenFollowedByACommandWordAndAscii() {
        ScenarioLine l = only("# docker network ls");
        assertEquals(List.of("docker", "network", "ls"), l.argv());
        assertEquals("# docker network ls", l.originalText());
    }

    @Test
    void stripsPromptsAndSudo() {
        assertEquals(List.of("docker", "network", "ls"), only("❯ docker network ls").argv());
        assertEquals(List.of("curl", "http://192.168.1.10:8080"), only("❯  curl http://192.168.1.10:8080").argv());
        assertEquals(List.of("docker", "images"), only("$ sudo docker images").argv());
        assertEquals(List.of("docker", "images"), only("sudo docker images").argv());
        assertEquals(List.of("ip", "a"), only("root@host:~# ip a").argv());
    }

    @Test
    void joinsContinuationLinesAndKeepsTheFirstLineNumber() {
        List<ScenarioLine> lines = parse("docker ps\n$ docker network create --driver bridge \\\n"
                + "    --subnet 192.168.100.0/24 \\\n    --gateway 192.168.100.254 \\\n    mynet\ndocker network ls\n");
        assertEquals(3, lines.size());
        ScenarioLine create = lines.get(1);
        assertEquals(2, create.lineNumber());
        assertEquals(List.of("docker", "network", "create", "--driver", "bridge", "--subnet", "192.168.100.0/24",
                "--gateway", "192.168.100.254", "mynet"), create.argv());
        assertEquals(6, lines.get(2).lineNumber());
    }

    @Test
    void splitsWordsWithShQuoting() {
        assertEquals(List.of("nginx", "-g", "daemon off;"), only("nginx -g 'daemon off;'").argv());
        assertEquals(List.of("echo", "a \"b\" $x \\y", "c d", "e'f"),
                only("echo \"a \\\"b\\\" \\$x \\y\" c\\ d \"e'f\"").argv());
        assertEquals(List.of("curl", "-w", "%{http_code}n", ""), only("curl -w %{http_code}\\n ''").argv());
        assertEquals(List.of("echo", "a#b"), only("echo a#b").argv());
    }

    @Test
    void shellOperatorsOutsideQuotesAreAParseErrorNotArguments() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("docker ps\ndocker exec c1 echo hi > /tmp/x\n"));
        assertEquals("t.dw:2: shell operator '>' is not emulated: one command per line, no redirections (pipes only as "
                + "echo TEXT | nc HOST PORT)", e.getMessage());
        for (String op : List.of("a && b", "a; b", "a &", "a || b", "a 2>&1", "a < f", "a >> f")) {
            assertThrows(ScenarioException.class, () -> parse(op + "\n"), op);
        }
        // Quoted, escaped or in a comment they are text; a pipe is left to the runner.
        assertEquals(List.of("echo", "a|b;c>d", "&"), parse("echo 'a|b;c>d' \\& # x && y\n").get(0).argv());
        assertEquals(List.of("echo", "hi", "|", "nc", "h", "80"), parse("echo hi | nc h 80\n").get(0).argv());
    }

    @Test
    void quotesMaySpanLines() {
        assertEquals(List.of("echo", "a\nb"), only("echo 'a\nb'").argv());
    }

    @Test
    void unterminatedQuoteReportsFileAndLine() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("docker ps\n\necho 'abc\n"));
        assertEquals("t.dw:3: unterminated single quote", e.getMessage());
        e = assertThrows(ScenarioException.class, () -> parse("echo \"abc"));
        assertEquals("t.dw:1: unterminated double quote", e.getMessage());
    }

    @Test
    void danglingContinuationReportsFileAndLine() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("docker ps\ndocker run \\"));
        assertEquals("t.dw:2: line continuation (\\) at end of file", e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void dockerExecWithACommandRunsItInTheContainer() {
        ScenarioLine l = only("docker exec -it c1 ping -c 2 172.17.0.3");
        assertEquals(Context.container("c1"), l.context());
        assertEquals(List.of("ping", "-c", "2", "172.17.0.3"), l.argv());
        assertEquals(ScenarioLine.Kind.COMMAND, l.kind());
    }

    @Test
    void execShellSwitchesUntilExitWhichOnlyDetaches() {
        List<ScenarioLine> lines = parse("sudo docker exec -it bridge1 bash\nbash-5.0# ip a\nexit\nip a\n");
        assertEquals(ScenarioLine.Kind.ATTACH, lines.get(0).kind());
        assertEquals(Context.HOST, lines.get(0).context());
        assertEquals(Context.container("bridge1"), lines.get(1).context());
        assertEquals(List.of("ip", "a"), lines.get(1).argv());
        assertEquals(ScenarioLine.Kind.DETACH, lines.get(2).kind());
        assertEquals(Context.HOST, lines.get(3).context());
    }

    @Test
    void attachSwitchesUntilCtrlPCtrlQ() {
        List<ScenarioLine> lines = parse("docker attach alpine1\nip addr show\nping -c 2 alpine2\nctrl-p ctrl-q\ndocker ps\n");
        assertEquals(ScenarioLine.Kind.ATTACH, lines.get(0).kind());
        assertEquals(Context.container("alpine1"), lines.get(1).context());
        assertEquals(Context.container("alpine1"), lines.get(2).context());
        assertEquals(ScenarioLine.Kind.DETACH, lines.get(3).kind());
        assertEquals(Context.container("alpine1"), lines.get(3).context());
        assertEquals(Context.HOST, lines.get(4).context());
    }

    @Test
    void foregroundRunItAttachesAndExitStopsTheMainProcess() {
        List<ScenarioLine> lines = parse("docker run --name c1 -it busybox\nip addr\nexit\n"
                + "docker run -it busybox sh\nip addr\n/ # exit\ndocker run -dit --name a alpine ash\nip a\n");
        assertEquals(ScenarioLine.Kind.ATTACH, lines.get(0).kind());
        assertEquals(Context.container("c1"), lines.get(1).context());
        assertEquals(ScenarioLine.Kind.EXIT_MAIN, lines.get(2).kind());
        assertEquals(Context.lastRunContainer(), lines.get(4).context());
        assertEquals(ScenarioLine.Kind.EXIT_MAIN, lines.get(5).kind());
        assertEquals(ScenarioLine.Kind.COMMAND, lines.get(6).kind());
        assertEquals(Context.HOST, lines.get(7).context());
    }

    @Test
    void atNamePrefixRunsOnALanMachine() {
        ScenarioLine l = only("$ @client curl http://192.168.1.10:8080/");
        assertEquals(Context.machine("client"), l.context());
        assertEquals(List.of("curl", "http://192.168.1.10:8080/"), l.argv());
    }

    @Test
    void detachKeysOnTheHostAreAnError() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("docker ps\nCtrl+P Ctrl+Q\n"));
        assertEquals("t.dw:2: detach keys (ctrl-p ctrl-q) while not attached to a container", e.getMessage());
    }

    @Test
    void aTutorialsPlaceholderIsOneWordOutsideQuotesAndTextInsideThem() {
        assertEquals(List.of("docker", "swarm", "join", "--token", "<TOKEN>", "IP-ADDRESS:PORT"),
                parse("docker swarm join --token <TOKEN> IP-ADDRESS:PORT\n").get(0).argv());
        assertEquals(List.of("echo", "a <B> c"), parse("echo \"a <B> c\"\n").get(0).argv());
        assertEquals(List.of("echo", "<B>"), parse("echo '<B>'\n").get(0).argv());
        // Not a placeholder: a redirection stays an operator sh would run (and dockwire refuses).
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> parse("cat <file\n"));
        assertTrue(e.getMessage().contains("shell operator '<'"), e.getMessage());
    }
}
