package io.dockwire.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.command.CommandResult;
import io.dockwire.docker.Container;
import io.dockwire.trace.CaptureSink;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
    /** A program that fails as a bug would: not with a scenario error but any runtime exception. */
    private static final Programs BROKEN = new Programs() {
        @Override
        public CommandResult run(DockerNode node, String ns, Container container, List<String> argv) {
            if (argv.get(0).equals("boom")) {
                throw new IllegalStateException("invariant broken");
            }
            return null;
        }

        @Override
        public List<String> names() {
            return List.of("boom");
        }
    };

    @Test
    void aBugInACommandIsAFileAndLineErrorAndTheTranscriptSoFarIsKept() {
        ScenarioRunner runner = new ScenarioRunner(new ScenarioWorld(1, CaptureSink.NONE), BROKEN, false);
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> runner.run(ScenarioParser.parse("s.dw", "docker network ls\nboom\ndocker ps\n")));
        assertEquals("s.dw:2: dockwire internal error: java.lang.IllegalStateException: invariant broken"
                + " (a bug in dockwire; please report it with this scenario)", e.getMessage());
        assertEquals(2, e.line());
        String t = runner.transcript();
        assertTrue(t.startsWith("$ docker network ls\nNETWORK ID     NAME      DRIVER    SCOPE\n"), t);
        assertTrue(t.endsWith("\n$ boom\n"), t);
    }
}
