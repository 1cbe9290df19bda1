package io.dockwire.docker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.Names;
import io.dockwire.docker.RecordingKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go text/template semantics for the -f/--format templates people give docker inspect. */
class GoTemplateTest {
    private static final Map<String, Object> DOC = Map.of(
            "Name", "/web",
            "State", Map.of("Running", true, "Pid", 0),
            "Networks", Map.of("mynet", Map.of("IPAddress", "172.18.0.2"), "bridge", Map.of("IPAddress", "172.17.0.2")),
            "Aliases", List.of("web", "www"),
            "Empty", List.of(),
            "Null", new java.util.HashMap<String, Object>() {
                {
                    put("X", null);
                }
            });

    private static String run(String template) {
        return GoTemplate.parse(template).execute(DOC);
    }

    @Test
    void fieldsRangesAndVariablesAsGoPrintsThem() {
        assertEquals("/web", run("{{.Name}}"));
        // Maps range in key order; a variable pair gets key and value.
        assertEquals("172.17.0.2 172.18.0.2 ", run("{{range .Networks}}{{.IPAddress}} {{end}}"));
        assertEquals("bridge=172.17.0.2;mynet=172.18.0.2;", run("{{range $k, $v := .Networks}}{{$k}}={{$v.IPAddress}};{{end}}"));
        assertEquals("0:web 1:www ", run("{{range $i, $a := .Aliases}}{{$i}}:{{$a}} {{end}}"));
        assertEquals("none", run("{{range .Empty}}x{{else}}none{{end}}"));
        assertEquals("/web", run("{{with .State}}{{$.Name}}{{end}}"));
        assertEquals("<no value> <nil>", run("{{.Missing}} {{.Null.X}}"));
        assertEquals("[web www] map[Pid:0 Running:true]", run("{{.Aliases}} {{.State}}"));
    }

    @Test
    void functionsPipelinesAndTrimMarkers() {
        assertEquals("{\"IPAddress\":\"172.18.0.2\"}", run("{{json .Networks.mynet}}"));
        assertEquals("172.18.0.2", run("{{index .Networks \"mynet\" \"IPAddress\"}}"));
        assertEquals("web,www|WEB|2", run("{{join .Aliases \",\"}}|{{upper (index .Aliases 0)}}|{{len .Aliases}}"));
        assertEquals("/WEB", run("{{.Name | upper}}"));
        assertEquals("up", run("{{if .State.Running}}up{{else}}down{{end}}"));
        assertEquals("down", run("{{if not .State.Running}}up{{else}}down{{end}}"));
        assertEquals("yes", run("{{if eq .Name \"/web\"}}yes{{end}}"));
        assertEquals("a=/web b=2\n", run("{{printf \"a=%s b=%d\" .Name (len .Aliases)}}{{println}}"));
        assertEquals("x\ny", run("x\n  {{- /* comment */ -}}  \n{{\"\\ny\"}}"));
        assertEquals("[a b]", run("{{split \"a:b\" \":\"}}"));
    }

    @Test
    void beyondTheSubsetIsAClearError() {
        Unsupported e = assertThrows(Unsupported.class, () -> run("{{template \"x\"}}"));
        assertEquals("docker --format template {{template \"x\"}}: function \"template\" not defined", e.getMessage());
        assertThrows(Unsupported.class, () -> GoTemplate.parse("{{range .Aliases}}"));
    }

    @Test
    void inspectAndNetworkInspectRunTheTemplateOncePerObject() {
        DockerEngine engine = DockerEngine.docker27(new RecordingKernel(), 11, () -> 0L);
        DockerCommand docker = new DockerCommand(engine, new Names(engine, "nameserver 8.8.8.8\n"));
        List<String> run = new ArrayList<>(List.of("docker", "run", "-d", "--name", "n1", "nginx"));
        docker.run(run);
        Result r = docker.run(List.of("docker", "inspect", "-f", "{{.Name}} {{.NetworkSettings.IPAddress}}", "n1", "NOPE"));
        assertEquals("/n1 172.17.0.2\n", r.stdout());
        assertEquals("Error: No such object: NOPE\n", r.stderr());
        assertEquals(1, r.exitCode());
        Result n = docker.run(List.of("docker", "network", "inspect", "--format={{range .IPAM.Config}}{{.Subnet}}{{end}}",
                "bridge"));
        assertEquals("172.17.0.0/16\n", n.stdout());
        docker.run(List.of("docker", "run", "-d", "--name", "web", "-p", "8080:80", "nginx"));
        // A literal \t is a tab; "table" adds the header row and aligns the columns as tabwriter does.
        Result ps = docker.run(List.of("docker", "ps", "--format", "table {{.Names}}\\t{{.Ports}}\\t{{.State}}"));
        assertEquals("NAMES     PORTS                  STATE\n"
                + "web       0.0.0.0:8080->80/tcp   running\n"
                + "n1        80/tcp                 running\n", ps.stdout()); // newest first
        assertEquals("web bridge\nn1 bridge\n",
                docker.run(List.of("docker", "ps", "--format", "{{.Names}} {{.Networks}}")).stdout());
    }
}
