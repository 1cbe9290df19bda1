package io.dockwire.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.apps.Site;
import io.dockwire.docker.Container;
import io.dockwire.scenario.ScenarioWorld;
import io.dockwire.scenario.Programs;
import io.dockwire.scenario.ScenarioLine;
import io.dockwire.scenario.ScenarioParser;
import io.dockwire.scenario.ScenarioRunner;
import io.dockwire.trace.CaptureSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The exported script only ever touches namespaces it made, tears them down, and matches the emulated run. */
class ExportScriptTest {
    /** Commands that change or read a namespace's network state: they must name one of the script's namespaces. */
    private static final Set<String> SCOPED = Set.of("ip", "iptables", "iptables-save", "iptables-restore", "sysctl",
            "bridge", "tc", "ethtool", "tcpdump", "ss", "nstat", "conntrack", "ping", "curl", "nc", "python3",
            "brctl", "modprobe", "docker-proxy", "\"$DOCKER_PROXY\"", "$DOCKER_PROXY");
    private static final Pattern PREFIXED = Pattern.compile("^\"?\\$\\{P}[A-Za-z0-9_.$-]+\"?$");
    private static final List<String> HELPERS = List.of("netns_add", "netns_del", "cap", "spawn", "wait_listen",
            "br_sysctl", "stop_proc", "netns_file", "docker_proxy");

    static Stream<Path> scenarios() throws Exception {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/export"))) {
            s.filter(p -> p.toString().endsWith(".dw")).forEach(all::add);
        }
        try (Stream<Path> s = Files.list(Path.of("../traces/scenarios"))) {
            s.filter(p -> p.toString().endsWith(".dw")).forEach(all::add);
        }
        return all.stream().sorted();
    }

    static String export(Path scenario) throws Exception {
        String name = scenario.getFileName().toString();
        var lines = ScenarioParser.parse(scenario);
        return LinuxExport.script(name, lines, 1, "test",
                io.dockwire.scenario.WorldSpec.of(name, Files.readString(scenario), lines, null));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void noCommandCanTouchTheRootNamespace(Path scenario) throws Exception {
        List<String> bad = new ArrayList<>();
        for (String line : scriptLines(export(scenario))) {
            for (String segment : segments(line)) {
                String why = unscoped(segment);
                if (why != null) {
                    bad.add(why + ": " + line);
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    /** Files the script may write outside OUTDIR: its own /etc/netns/${P}NS directories (and /etc/netns itself). */
    private static final Pattern ETC = Pattern.compile("/etc\\b[^\\s\"';|&)]*");

    @ParameterizedTest
    @MethodSource("scenarios")
    void theOnlySystemFilesAreTheScriptsOwnNetnsDirectories(Path scenario) throws Exception {
        List<String> bad = new ArrayList<>();
        for (String line : scriptLines(export(scenario))) {
            Matcher m = ETC.matcher(line);
            while (m.find()) {
                String path = m.group();
                if (!path.equals("/etc/netns") && !path.startsWith("/etc/netns/${P}")) {
                    bad.add(path + ": " + line);
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void theEtcScanCatchesOtherFiles() {
        Matcher m = ETC.matcher("cat >/etc/resolv.conf; mkdir \"/etc/netns/${P}$1\"; rm -rf /etc/netns/x");
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        assertEquals(List.of("/etc/resolv.conf", "/etc/netns/${P}$1", "/etc/netns/x"), found);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyNamespaceIsMadeByTheHelperAndNamedOnlyWithThePrefix(Path scenario) throws Exception {
        String script = export(scenario);
        Set<String> made = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^netns_add (\\S+)$").matcher(script);
        while (m.find()) {
            made.add(m.group(1));
        }
        assertTrue(made.containsAll(List.of("host", "lan", "client", "gw", "internet")), made.toString());
        for (String line : scriptLines(script)) {
            if (line.startsWith("#") || HELPERS.stream().anyMatch(h -> line.startsWith(h + " "))) {
                continue; // comments name things; the helpers add the prefix themselves
            }
            List<String> words = List.of(line.split("\\s+"));
            for (int i = 1; i < words.size(); i++) {
                String prev = words.get(i - 1);
                boolean ipN = prev.equals("-n") && i >= 2 && words.get(i - 2).equals("ip");
                if ((ipN || prev.equals("netns") || prev.equals("exec")) && !words.get(i).equals("exec")
                        && !words.get(i).equals("add") && !words.get(i).equals("del") && !words.get(i).equals("pids")
                        && !words.get(i).equals("list")) {
                    assertTrue(PREFIXED.matcher(words.get(i)).matches() || words.get(i).equals("\"$ns\""),
                            "namespace without the prefix: " + line);
                }
            }
            for (String ns : made) {
                if (ns.length() >= 12) {
                    assertTrue(!line.replace("${P}" + ns, "").contains(ns), "bare sandbox name in: " + line);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theScriptIsSafeBashAndAlwaysTearsDown(Path scenario) throws Exception {
        String script = export(scenario);
        assertTrue(script.startsWith("#!/bin/bash\n"));
        assertTrue(script.contains("\nset -euo pipefail\n"));
        assertTrue(script.contains("\nP=\"dw$$-\"\n"));
        assertTrue(script.contains("\ntrap teardown EXIT\n"));
        assertTrue(script.indexOf("trap teardown EXIT") < script.indexOf("\nnetns_add host\n"));
        String helper = script.substring(script.indexOf("netns_add() {"), script.indexOf("netns_del() {"));
        assertTrue(helper.contains("NAMESPACES+=(\"${P}$1\")"), helper);
        assertTrue(helper.contains("net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1"), helper);
        String teardown = script.substring(script.indexOf("teardown() {"), script.indexOf("trap teardown EXIT"));
        assertTrue(teardown.contains("ip netns del \"$ns\""));
        assertTrue(teardown.contains("kill \"$pid\""));
        // Frames reach the capture file at once: none is left in the ring when a veth goes right after.
        String cap = script.substring(script.indexOf("cap() {"), script.indexOf("# spawn HANDLE NS CMD"));
        assertTrue(cap.contains("tcpdump -p -n -U --immediate-mode -i \"$2\""), cap);
        Path f = Files.createTempFile("dw-export", ".sh");
        try {
            Files.writeString(f, script);
            Process p = new ProcessBuilder("bash", "-n", f.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals("", out);
            assertEquals(0, p.exitValue());
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void namesMacsAndAddressesAreThoseOfTheEmulatedRunWithTheSameSeed() throws Exception {
        Path scenario = Path.of("src/test/resources/export/two-containers-ping.dw");
        List<ScenarioLine> lines = ScenarioParser.parse(scenario);
        ScenarioWorld host = new ScenarioWorld(1, CaptureSink.NONE);
        // Up to the ping (not emulated everywhere yet): the docker lines decide every name.
        new ScenarioRunner(host, Programs.NONE, false).run(lines.subList(0, 2));
        String script = export(scenario);
        for (String name : List.of("c1", "c2")) {
            Container c = host.engine().findContainer(name);
            assertTrue(script.contains("\nnetns_add " + c.netns() + "\n"), name);
            String veth = c.endpoints().get(0).vethHost();
            assertTrue(script.contains("\nip -n ${P}host link set " + veth + " master docker0\n"), veth);
            assertTrue(script.contains("\ncap host " + veth + " " + veth + " " + veth + "\n"), veth);
            assertTrue(script.contains("\ncap " + c.netns() + " eth0 " + name + "_eth0 " + name + ":eth0\n"));
        }
        assertTrue(script.contains("\nip -n ${P}" + host.engine().findContainer("c1").netns()
                + " link set eth0 address 02:42:ac:11:00:02\n"));
        List<String> daemon = host.engineCommands().stream().map(s -> LinuxExport.kernelLine(s.ns(), s.argv())).toList();
        assertTrue(script.contains(String.join("\n", daemon.subList(0, 10))));
        assertTrue(script.contains("\nip netns exec ${P}" + host.engine().findContainer("c1").netns()
                + " timeout 30 busybox ping -c 2 172.17.0.3 || echo \"exit status $?\"\n"));
    }

    @Test
    void publishedPortsGetTheRealDockerProxyAndAWebServerStandInStoppedWithTheContainer() throws Exception {
        String script = export(Path.of("src/test/resources/export/web-published.dw"));
        // docker-proxy with the engine's own arguments, through the helper (the host's namespace, fd 3).
        assertTrue(script.contains("\ndocker_proxy docker-proxy_tcp_0.0.0.0_8080 -proto tcp -host-ip 0.0.0.0 -host-port 8080"
                + " -container-ip 172.17.0.2 -container-port 80\n"), script);
        assertTrue(!script.contains("relay.py"), script);
        // Checked before anything is built: the script stops at once without the real binary.
        int need = script.indexOf("\nneed_docker_proxy\n");
        assertTrue(need > 0 && need < script.indexOf("\nnetns_add host\n"), script);
        // The web server serves the emulated nginx's own bytes (base64 per HEAD/found/close variant).
        Matcher web = Pattern.compile("\ncat >\"\\$OUT/site-(\\S+)\\.json\" <<'DWEND'\n(\\{.*})\nDWEND\nspawn (\\S+) (\\S+) python3 \"\\$OUT/web.py\" 80 "
                + "\"\\$OUT/site-\\S+\\.json\" 65\nwait_listen (\\S+) 80\n").matcher(script);
        assertTrue(web.find(), script);
        assertEquals(web.group(1), web.group(3));
        assertEquals(web.group(4), web.group(5));
        Matcher get = Pattern.compile("\"h0f1c0\": \"([^\"]+)\"").matcher(web.group(2));
        assertTrue(get.find(), web.group(2));
        String nginx = Site.NGINX.respond("GET", "/", false, io.dockwire.kernel.Kernel.EPOCH_SECONDS);
        assertEquals(nginx, new String(java.util.Base64.getDecoder().decode(get.group(1)), StandardCharsets.ISO_8859_1));
        assertTrue(nginx.startsWith("HTTP/1.1 200 OK\r\nServer: nginx/1.25.3\r\n"), nginx);
        assertEquals(8, web.group(2).split(", ").length);
        assertTrue(script.contains("\nstop_proc docker-proxy_tcp_0.0.0.0_8080\n"));
        assertTrue(script.contains("\nbr_sysctl host net.bridge.bridge-nf-call-iptables=1\n"));
        assertTrue(script.contains("\nip netns exec ${P}host iptables -t nat -S || echo \"exit status $?\"\n"));
    }

    @Test
    void aForegroundRunsCommandIsReplayedInItsContainerBeforeTheContainerGoes() throws Exception {
        String script = LinuxExport.script("t.dw", ScenarioParser.parse("t.dw", """
                $ docker run -dit --name aa busybox
                $ docker run --rm --name bb busybox ping -c 1 172.17.0.2
                """), 1, "test");
        ScenarioWorld host = new ScenarioWorld(1, CaptureSink.NONE);
        new ScenarioRunner(host, Programs.NONE, false).run(ScenarioParser.parse("t.dw", """
                $ docker run -dit --name aa busybox
                $ docker run -dit --name bb busybox
                """)); // the same ids, a container that stays up to be asked
        String bb = host.engine().findContainer("bb").netns();
        int ping = script.indexOf("\nip netns exec ${P}" + bb + " timeout 30 busybox ping -c 1 172.17.0.2 || echo");
        int gone = script.indexOf("\nnetns_del " + bb + "\n");
        assertTrue(ping > 0 && gone > ping, script);
        assertTrue(script.substring(ping, gone).contains("\nsleep 1\n"), script);
    }

    @Test
    void namesAreAskedOnlyOfTheScriptsOwnDnsServers() throws Exception {
        String script = LinuxExport.script("t.dw", ScenarioParser.parse("t.dw", """
                $ docker run -dit --name aa busybox
                $ docker exec aa ping -c 1 nowhere.example
                $ docker exec aa nslookup google.com
                @client curl -s http://google.com/
                """), 1, "test");
        ScenarioWorld host = new ScenarioWorld(1, CaptureSink.NONE);
        new ScenarioRunner(host, Programs.NONE, false).run(ScenarioParser.parse("t.dw", "$ docker run -dit --name aa busybox\n"));
        String aa = host.engine().findContainer("aa").netns();
        // The world's servers, as the emulator's (the LAN gateway and 8.8.8.8).
        assertTrue(script.contains("\nspawn dns-gw gw python3 \"$OUT/dns.py\" 192.168.1.1 300 internet \"$OUT/dns-internet.records\"\n"
                + "wait_listen gw 53 udp\n"), script);
        assertTrue(script.contains("\nspawn dns-internet internet python3 \"$OUT/dns.py\" 8.8.8.8 300 internet "), script);
        assertTrue(script.contains("\ngoogle.com 142.250.206.206\n"), script);
        // The container's resolver files (Docker's copy of the host's resolv.conf), before its first lookup.
        int files = script.indexOf("\nnetns_file " + aa + " resolv.conf <<'DWEND'\n# Generated by Docker Engine.");
        int ping = script.indexOf("\nip netns exec ${P}" + aa + " timeout 30 busybox ping -c 1 nowhere.example || echo");
        assertTrue(files > 0 && ping > files, script);
        assertTrue(script.substring(files, ping).contains("\nnameserver 192.168.1.1\n"));
        assertTrue(script.substring(files, ping).contains("\nnetns_file " + aa + " nsswitch.conf <<'DWEND'\nhosts: files dns\n"));
        assertTrue(script.contains("# not replayed: a DNS lookup tool"));
        int client = script.indexOf("\nnetns_file client resolv.conf <<'DWEND'\nnameserver 192.168.1.1\nDWEND\n");
        assertTrue(client > 0 && script.indexOf("\nip netns exec ${P}client timeout 30 curl -s http://google.com/ || echo") > client, script);
        // Files only in this script's own /etc/netns/${P}NS directories, all removed on exit.
        String helper = script.substring(script.indexOf("netns_file() {"), script.indexOf("# cap NS IFACE NAME"));
        assertTrue(helper.contains("mkdir \"/etc/netns/${P}$1\"\n") && helper.contains("ETC_DIRS+=(\"/etc/netns/${P}$1\")"), helper);
        assertTrue(helper.contains("cat >\"/etc/netns/${P}$1/$2\""), helper);
        String teardown = script.substring(script.indexOf("teardown() {"), script.indexOf("trap teardown EXIT"));
        assertTrue(teardown.contains("for d in \"${ETC_DIRS[@]}\"; do rm -rf -- \"$d\"; done"), teardown);
    }

    @Test
    void embeddedDnsRunsInEachContainerOfAUserDefinedNetworkAndFollowsItsNetworks() throws Exception {
        String text = """
                $ docker network create n1
                $ docker run -dit --name a1 --network n1 alpine
                $ docker run -dit --name a2 --network n1 alpine
                $ docker exec a1 ping -c 1 a2
                $ docker stop a2
                """;
        String script = LinuxExport.script("t.dw", ScenarioParser.parse("t.dw", text), 1, "test");
        ScenarioWorld host = new ScenarioWorld(1, CaptureSink.NONE);
        new ScenarioRunner(host, Programs.NONE, false).run(ScenarioParser.parse("t.dw", text).subList(0, 3));
        Container a1 = host.engine().findContainer("a1");
        Container a2 = host.engine().findContainer("a2");
        assertTrue(script.contains("\nspawn dns-" + a1.netns() + " " + a1.netns() + " python3 \"$OUT/dns.py\" 127.0.0.11 600 embedded \"$OUT/dns-"
                + a1.netns() + ".records\" 192.168.1.1 /run/netns/${P}host\nwait_listen " + a1.netns() + " 53 udp\n"), script);
        // a1's records gain a2 when a2 joins and lose it when a2 stops (the file is rewritten; dns.py
        // re-reads it per query).
        String recs = "cat >\"$OUT/dns-" + a1.netns() + ".records\" <<'DWEND'\n";
        assertEquals(3, script.split(Pattern.quote(recs), -1).length - 1, script);
        assertTrue(script.contains("\na1 " + a1.endpoints().get(0).ip() + "\na2 " + a2.endpoints().get(0).ip() + "\n"), script);
        assertTrue(script.contains("\nnetns_file " + a1.netns() + " resolv.conf <<'DWEND'\n# Generated by Docker Engine."), script);
        assertTrue(script.contains("\nnameserver 127.0.0.11\n"));
        assertTrue(script.contains("\nstop_proc dns-" + a2.netns() + "\n"), script);
    }

    @Test
    void udpPortsGetTheRealDockerProxyTooAndScriptsWithoutPortsDoNotNeedIt() throws Exception {
        String script = LinuxExport.script("t.dw", ScenarioParser.parse("t.dw", """
                $ docker run -d --name d1 -p 127.0.0.1:5353:53/udp busybox
                """), 1, "test");
        assertTrue(script.contains("\ndocker_proxy docker-proxy_udp_127.0.0.1_5353 -proto udp -host-ip 127.0.0.1 -host-port 5353"
                + " -container-ip 172.17.0.2 -container-port 53\n"), script);
        assertTrue(script.contains("\nneed_docker_proxy\n"), script);
        assertTrue(!export(Path.of("src/test/resources/export/two-containers-ping.dw")).contains("\nneed_docker_proxy\n"));
    }

    /** The helpers around the real docker-proxy, as the script defines them. */
    private static String proxyHelpers(String script) {
        return script.substring(script.indexOf("# The real docker-proxy for published ports"),
                script.indexOf("# A container's web server: web.py"));
    }

    @Test
    void dockerProxyRunsOnlyInTheDockerHostsNamespaceWithItsStatusPipeOnFd3() throws Exception {
        String script = export(Path.of("src/test/resources/export/web-published.dw"));
        String helpers = proxyHelpers(script);
        assertTrue(helpers.contains("\n  spawn \"$h\" host \"$DOCKER_PROXY\" \"$@\" 3>\"$OUT/$h.status\"\n"), helpers);
        String spawn = script.substring(script.indexOf("spawn() {"), script.indexOf("stop_proc() {"));
        assertTrue(spawn.contains("\n  ip netns exec \"${P}$ns\" \"$@\" >"), spawn);
        // Nowhere else is it started (the scanner also refuses a bare "$DOCKER_PROXY" or docker-proxy).
        for (String line : scriptLines(script)) {
            if (line.contains("\"$DOCKER_PROXY\" \"$@\"") || line.startsWith("docker-proxy")) {
                assertEquals("spawn \"$h\" host \"$DOCKER_PROXY\" \"$@\" 3>\"$OUT/$h.status\"", line);
            }
        }
        String teardown = script.substring(script.indexOf("teardown() {"), script.indexOf("trap teardown EXIT"));
        assertTrue(teardown.contains("for pid in \"${CAPS[@]}\" \"${PIDS[@]}\"; do kill \"$pid\""), teardown);
    }

    private record Bash(int rc, String out) {
    }

    /**
     * The script's docker-proxy helpers in a plain bash (no namespace: spawn runs the command
     * directly) with DW_DOCKER_PROXY={@code proxy}, then {@code commands}.
     */
    private static Bash proxyHelpers(Path dir, String proxy, String commands) throws Exception {
        String text = "set -euo pipefail\nOUT=" + dir + "\ndeclare -A PROC=()\nPIDS=()\n"
                + "spawn() { local h=$1; shift 2; \"$@\" >\"$OUT/$h.log\" 2>&1 </dev/null & PROC[$h]=$!; PIDS+=($!); }\n"
                + proxyHelpers(export(Path.of("src/test/resources/export/web-published.dw"))) + commands;
        Path f = dir.resolve("t.sh");
        Files.writeString(f, text);
        ProcessBuilder pb = new ProcessBuilder("bash", f.toString()).redirectErrorStream(true);
        pb.environment().put("DW_DOCKER_PROXY", proxy);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Bash(p.exitValue(), out);
    }

    @Test
    void withoutTheRealDockerProxyTheScriptStopsAndSaysWhy(@TempDir Path dir) throws Exception {
        Bash r = proxyHelpers(dir, dir.resolve("no-such-docker-proxy").toString(), "need_docker_proxy\necho went on\n");
        assertEquals(1, r.rc(), r.out());
        assertTrue(r.out().contains("needs the real docker-proxy binary") && r.out().contains("apt-get install docker.io")
                && !r.out().contains("went on"), r.out());
    }

    @Test
    void aDockerProxyIsWaitedForOnFd3AndOneThatCannotListenStopsTheScript(@TempDir Path dir) throws Exception {
        // As docker-proxy 20.10 reports: "0\n" once it listens, "1\n" and Go's error when it cannot.
        Path ok = dir.resolve("ok-proxy");
        Files.writeString(ok, "#!/bin/bash\nsleep 0.3\nprintf '0\\n' >&3\nexec 3>&-\necho \"args: $*\"\nexec sleep 20\n");
        Path busy = dir.resolve("busy-proxy");
        Files.writeString(busy, "#!/bin/bash\nprintf '1\\nlisten tcp4 0.0.0.0:8080: bind: address already in use' >&3\nexit 1\n");
        for (Path p : List.of(ok, busy)) {
            assertTrue(p.toFile().setExecutable(true));
        }
        Bash up = proxyHelpers(dir, ok.toString(),
                "docker_proxy p1 -proto tcp -host-port 8080\necho \"started: $(cat \"$OUT/p1.status\")\"\n"
                + "sleep 0.2\ncat \"$OUT/p1.log\"\nkill \"${PROC[p1]}\"\n");
        assertEquals(0, up.rc(), up.out());
        assertEquals("started: 0\nargs: -proto tcp -host-port 8080\n", up.out());
        Bash down = proxyHelpers(dir, busy.toString(), "docker_proxy p2 -proto tcp -host-port 8080\necho went on\n");
        assertEquals(1, down.rc(), down.out());
        assertTrue(down.out().contains("error: docker-proxy -proto tcp -host-port 8080 did not start: "
                + "listen tcp4 0.0.0.0:8080: bind: address already in use"), down.out());
        assertTrue(!down.out().contains("went on"), down.out());
    }

    // ---- the scanner ---------------------------------------------------------------------------

    /** The script's lines outside here-documents (web.py and dns.py are python, not shell). */
    static List<String> scriptLines(String script) {
        List<String> out = new ArrayList<>();
        String end = null;
        for (String raw : script.split("\n")) {
            String l = raw.strip();
            if (end != null) {
                if (l.equals(end)) {
                    end = null;
                }
                continue;
            }
            Matcher h = Pattern.compile("<<'?([A-Z]+)'?").matcher(l);
            if (h.find()) {
                end = h.group(1);
            }
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(l);
            }
        }
        return out;
    }

    /** Simple commands of a line: split at ; && || | $( ( ) and shell keywords. */
    static List<String> segments(String line) {
        List<String> out = new ArrayList<>();
        for (String s : line.replace("$(", ";").split(";|&&|\\|\\||\\||\\(|\\)|&")) {
            String t = s.strip().replaceFirst("^((if|then|do|else|elif|while|until|!|for \\S+ in)\\s+)+", "");
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Why a simple command could touch the root namespace, or null when it cannot. */
    static String unscoped(String segment) {
        List<String> w = List.of(segment.split("\\s+"));
        String cmd = w.get(0);
        if (!SCOPED.contains(cmd)) {
            return null;
        }
        if (!cmd.equals("ip")) {
            return cmd + " outside ip netns exec";
        }
        if (w.size() >= 3 && w.get(1).equals("-n")) {
            return PREFIXED.matcher(w.get(2)).matches() ? null : "ip -n with an unprefixed namespace";
        }
        if (w.size() >= 2 && w.get(1).equals("netns")) {
            String sub = w.size() > 2 ? w.get(2) : "list";
            if (sub.equals("list")) {
                return null; // reads only
            }
            if (w.size() > 3 && (PREFIXED.matcher(w.get(3)).matches() || w.get(3).equals("\"$ns\""))) {
                return null; // "$ns" iterates NAMESPACES, which netns_add fills with prefixed names only
            }
            return "ip netns " + sub + " of a namespace without the prefix";
        }
        return "ip without -n";
    }

    @Test
    void theScannerCatchesCommandsOnTheRootNamespace() {
        assertEquals("ip without -n", unscoped("ip link add x type dummy"));
        assertEquals("iptables outside ip netns exec", unscoped("iptables -F"));
        assertEquals("ip -n with an unprefixed namespace", unscoped("ip -n lan link"));
        assertEquals("ip netns del of a namespace without the prefix", unscoped("ip netns del lan"));
        assertEquals(null, unscoped("ip netns exec ${P}host iptables -F"));
        assertEquals("\"$DOCKER_PROXY\" outside ip netns exec", unscoped("\"$DOCKER_PROXY\" -proto tcp -host-port 80"));
        assertEquals("docker-proxy outside ip netns exec", unscoped("docker-proxy -proto udp"));
        assertEquals(List.of("true", "ip link set lo up", "sysctl -w a=1"), segments("if true; then ip link set lo up && sysctl -w a=1"));
        assertEquals(List.of("x", "ip netns pids \"$ns\" 2>/dev/null"), segments("x $(ip netns pids \"$ns\" 2>/dev/null)"));
    }
}
