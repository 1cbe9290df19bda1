package io.dockwire.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Wireshark's own tools as a test oracle. Missing tools skip the check, unless
 * {@code DOCKWIRE_REQUIRE_TSHARK=1} (CI), which makes them mandatory.
 */
public final class Tshark {
    /** What must never appear in a dockwire capture (traces.md). */
    public static final String BAD = "_ws.malformed || _ws.expert.severity >= error || ip.checksum.status == \"Bad\""
            + " || tcp.checksum.status == \"Bad\" || udp.checksum.status == \"Bad\" || icmp.checksum.status == \"Bad\"";

    private Tshark() {
    }

    public record Result(int exit, String out, String err) {
        /** stdout's lines (none for empty output). */
        public java.util.List<String> lines() {
            return out.isEmpty() ? java.util.List.of() : out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** Skips the calling test when tshark/capinfos are missing (fails instead when they are required). */
    public static void assumePresent() {
        boolean present = onPath("tshark") && onPath("capinfos");
        if (!present && "1".equals(System.getenv("DOCKWIRE_REQUIRE_TSHARK"))) {
            fail("tshark/capinfos not on PATH but DOCKWIRE_REQUIRE_TSHARK=1");
        }
        Assumptions.assumeTrue(present, "tshark/capinfos not installed");
    }

    /** capinfos accepts the file and tshark, with checksum checks on, flags nothing. */
    public static void assertClean(Path file) throws Exception {
        assumePresent();
        Result info = run("capinfos", file.toString());
        assertEquals(0, info.exit(), info.toString());
        Result check = run("tshark", "-n", "-r", file.toString(), "-o", "ip.check_checksum:TRUE",
                "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-Y", BAD);
        assertEquals(0, check.exit(), check.toString());
        assertEquals("", check.out().trim(), file + " has frames Wireshark flags:\n" + check);
    }

    public static Result run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LC_ALL", "C");
        Path errFile = Files.createTempFile("tshark", ".err");
        pb.redirectError(errFile.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + String.join(" ", command));
        }
        String err = Files.readString(errFile).lines().filter(l -> !l.startsWith("Running as user"))
                .collect(Collectors.joining("\n"));
        Files.deleteIfExists(errFile);
        return new Result(p.exitValue(), out, err);
    }

    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
