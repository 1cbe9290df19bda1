package io.dockwire.docker;

/**
 * An error the daemon returns; the message is exactly the text after
 * {@code Error response from daemon: }, which the CLI adds.
 */
public final class DaemonException extends Exception {
    private final boolean notEmulated;

    public DaemonException(String message) {
        this(message, false);
    }

    private DaemonException(String message, boolean notEmulated) {
        super(message, null, false, false);
        this.notEmulated = notEmulated;
    }

    /**
     * What a real daemon does here is known but not modelled: the CLI stops the run with
     * {@code message} ("... is not emulated") instead of printing an error it would make up.
     */
    public static DaemonException notEmulated(String message) {
        return new DaemonException(message, true);
    }

    public boolean isNotEmulated() {
        return notEmulated;
    }
}
