package io.dockwire.scenario;

/** A scenario line that cannot be understood; the message starts with {@code file:line: }. */
public final class ScenarioException extends RuntimeException {
    private final String file;
    private final int line;

    public ScenarioException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
