package io.dockwire.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            "br_sysctl", "stop_proc");

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
        return LinuxExport.script(scenario.getFileName().toString(), ScenarioParser.parse(scenario), 1, "test");
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
        assertTrue(script.contains(" python3 -m http.server 80 --bind 0.0.0.0\n"));
        assertTrue(script.contains("\nstop_proc docker-proxy_tcp_0.0.0.0_8080\n"));
        assertTrue(script.contains("\nbr_sysctl host net.bridge.bridge-nf-call-iptables=1\n"));
        assertTrue(script.contains("\nip netns exec ${P}host iptables -t nat -S || echo \"exit status $?\"\n"));
    }

    @Test
    void namesAreNeverLeftToTheRealResolver() throws Exception {
        String script = LinuxExport.script("t.dw", ScenarioParser.parse("t.dw", """
                $ docker run -dit --name aa busybox
                $ docker exec aa ping -c 1 nowhere.example
                $ docker exec aa nslookup google.com
                @client curl -s http://google.com/
                """), 1, "test");
        assertTrue(script.contains("# not replayed: 'nowhere.example' does not resolve in the emulated world"), script);
        assertTrue(script.contains("# not replayed: a DNS lookup"));
        assertTrue(script.contains("\nip netns exec ${P}client timeout 30 curl -s http://142.250.206.206/ || echo"));
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
