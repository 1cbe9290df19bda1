package io.dockwire.docker;

/**
 * A process the daemon starts ({@link KernelProgrammer#spawn}) failed at once, e.g. docker-proxy
 * could not bind its host port. The message is the process's own error text, as Go prints it
 * ({@code listen tcp4 0.0.0.0:8080: bind: address already in use}).
 */
public final class SpawnException extends RuntimeException {
    public SpawnException(String message) {
        super(message);
    }
}
