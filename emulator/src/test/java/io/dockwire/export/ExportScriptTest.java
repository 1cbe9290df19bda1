package io.dockwire.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.apps.Site;
import io.dockwire.docker.Container;
import io.dockwire.scenario.DockerHost;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The exported script only ever touches namespaces it made, tears them down, and matches the emulated run. */
class ExportScriptTest {
    /** Commands that change or read a namespace's network state: they must name one of the script's namespaces. */
    private static final Set<String> SCOPED = Set.of("ip", "iptables", "iptables-save", "iptables-restore", "sysctl",
            "bridge", "tc", "ethtool", "tcpdump", "ss", "nstat", "conntrack", "ping", "curl", "nc", "python3",
            "brctl", "modprobe");
    private static final Pattern PREFIXED = Pattern.compile("^\"?\\$\\{P}[A-Za-z0-9_.$-]+\"?$");
    private static final List<String> HELPERS = List.of("netns_add", "netns_del", "cap", "spawn", "wait_listen",
            "br_sysctl", "stop_proc", "netns_file");

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
        DockerHost host = new DockerHost(1, CaptureSink.NONE);
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
    void publishedPortsGetARelayAndAWebServerStandInStoppedWithTheContainer() throws Exception {
        String script = export(Path.of("src/test/resources/export/web-published.dw"));
        assertTrue(script.contains("\nspawn docker-proxy_tcp_0.0.0.0_8080 host python3 \"$OUT/relay.py\" 0.0.0.0 8080 172.17.0.2 80\n"
                + "wait_listen host 8080\n"), script);
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
        DockerHost host = new DockerHost(1, CaptureSink.NONE);
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
        DockerHost host = new DockerHost(1, CaptureSink.NONE);
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
        DockerHost host = new DockerHost(1, CaptureSink.NONE);
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

    // ---- the scanner ---------------------------------------------------------------------------

    /** The script's lines outside here-documents (relay.py is python, not shell). */
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
        assertEquals(List.of("true", "ip link set lo up", "sysctl -w a=1"), segments("if true; then ip link set lo up && sysctl -w a=1"));
        assertEquals(List.of("x", "ip netns pids \"$ns\" 2>/dev/null"), segments("x $(ip netns pids \"$ns\" 2>/dev/null)"));
    }
}
