package io.dockwire.docker.cli;

/**
 * A real docker command or option dockwire does not emulate. Not a docker error: the runner stops
 * the scenario with file:line and this message rather than print something docker would not.
 */
public final class Unsupported extends RuntimeException {
    public Unsupported(String message) {
        super(message, null, false, false);
    }
}
