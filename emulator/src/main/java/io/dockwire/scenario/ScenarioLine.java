package io.dockwire.scenario;

import java.util.List;

/**
 * One command of a scenario.
 *
 * @param file         the scenario file name, for {@code file:line:} messages
 * @param lineNumber   1-based number of the first physical line (continuations included)
 * @param originalText the logical line as written (continuations joined with newlines), for the
 *                     transcript
 * @param argv         the words to run, already stripped of prompt, {@code sudo}, {@code @machine}
 *                     and {@code docker exec NAME} prefixes
 * @param context      where {@code argv} runs
 * @param kind         what the line does to the context of the lines after it, see {@link Kind}
 */
public record ScenarioLine(String file, int lineNumber, String originalText, List<String> argv,
                           Context context, Kind kind) {
    public enum Kind {
        /** Run {@code argv} in {@code context}. */
        COMMAND,
        /**
         * Run {@code argv} (a {@code docker run -it}, {@code docker attach} or {@code docker exec -it
         * NAME sh} typed on the host) and move the following lines into that container.
         */
        ATTACH,
        /** {@code ctrl-p ctrl-q}, or {@code exit} of an exec'd shell: leave, the container keeps running. */
        DETACH,
        /**
         * {@code exit} typed in the container's main process (entered by {@code docker run -it} or
         * {@code docker attach}): the process ends, so the container stops (and is removed with --rm).
         */
        EXIT_MAIN
    }

    public ScenarioLine {
        argv = List.copyOf(argv);
    }

    /** {@code file:line: } prefix for messages about this line. */
    public String where() {
        return file + ":" + lineNumber + ": ";
    }
}
