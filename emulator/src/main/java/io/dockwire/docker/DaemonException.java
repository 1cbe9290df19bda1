package io.dockwire.docker;

/**
 * An error the daemon returns; the message is exactly the text after
 * {@code Error response from daemon: }, which the CLI adds.
 */
public final class DaemonException extends Exception {
    public DaemonException(String message) {
        super(message, null, false, false);
    }
}
