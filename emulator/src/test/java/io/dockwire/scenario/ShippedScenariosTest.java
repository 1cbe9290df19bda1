package io.dockwire.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.cli.Main;
import io.dockwire.testing.Tshark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every scenario in {@code traces/scenarios} runs to the end, its transcript equals the golden
 * one in {@code traces/golden/NAME.txt} exactly, and its capture passes Wireshark's checks
 * (no malformed frames, no bad checksums, no expert errors). Golden files change only with
 * {@code -Ddockwire.regenerate=true}.
 */
class ShippedScenariosTest {
    static final Path TRACES = Path.of("..", "traces");
    static final boolean REGENERATE = Boolean.getBoolean("dockwire.regenerate");

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioMatchesItsGoldenTranscript() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(TRACES.resolve("scenarios"))) {
            files = s.filter(p -> p.toString().endsWith(".dw")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "scenarios found: " + files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path scenario) throws Exception {
        String name = scenario.getFileName().toString().replaceFirst("\\.dw$", "");
        Path out = Files.createTempDirectory("dockwire-" + name);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(stdout));
        cl.setErr(new PrintWriter(stderr));
        int rc = cl.execute("run", scenario.toString(), "--out=" + out);
        assertEquals(0, rc, name + ": " + stderr);
        Path golden = TRACES.resolve("golden").resolve(name + ".txt");
        if (REGENERATE || !Files.exists(golden)) {
            Files.writeString(golden, stdout.toString());
        }
        assertEquals(Files.readString(golden), stdout.toString(), name + " transcript differs from " + golden
                + " (regenerate with -Ddockwire.regenerate=true after checking the change)");
        Tshark.assertClean(out.resolve("capture.pcapng"));
    }
}
