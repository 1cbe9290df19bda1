package io.dockwire.cli;

/** A failure caused by the user's input; printed as one line, never as a stack trace. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
