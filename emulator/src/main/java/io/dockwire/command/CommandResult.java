package io.dockwire.command;

/** What a command printed and its exit status, as a shell would see them. */
public record CommandResult(String stdout, String stderr, int exitCode) {
    public static CommandResult ok(String out) {
        return new CommandResult(out, "", 0);
    }

    public static CommandResult fail(int code, String err) {
        return new CommandResult("", err, code);
    }

    /** stdout, or an exception carrying stderr when the command failed (for scripts). */
    public String orThrow() {
        if (exitCode != 0) {
            throw new IllegalStateException("command failed (exit " + exitCode + "): " + stderr.strip());
        }
        return stdout;
    }
}
