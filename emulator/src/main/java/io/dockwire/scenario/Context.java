package io.dockwire.scenario;

import java.util.Objects;

/**
 * Where a scenario line runs: on the Docker host (the default), inside a container, or on
 * another machine of the outside LAN.
 *
 * <p>A container context whose name is {@code null} means "the container created by the most
 * recent attaching {@code docker run -it} without {@code --name}": only the runner knows its
 * generated name, so it resolves it.
 *
 * <p>{@code host} names the Docker host of a HOST or CONTAINER context when the world has several
 * ({@code @worker-1 docker run ...}); null is the first Docker host.
 */
public record Context(Kind kind, String name, String host) {
    public enum Kind { HOST, CONTAINER, MACHINE }

    public static final Context HOST = new Context(Kind.HOST, null);

    public Context(Kind kind, String name) {
        this(kind, name, null);
    }

    public Context {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.HOST && name != null) {
            throw new IllegalArgumentException("the host context has no name, name=" + name);
        }
        if (kind == Kind.MACHINE && (name == null || name.isEmpty())) {
            throw new IllegalArgumentException("a machine context needs a name");
        }
        if (kind == Kind.MACHINE && host != null) {
            throw new IllegalArgumentException("a machine of the LAN is not on a Docker host, host=" + host);
        }
    }

    /** Docker host {@code host}'s shell (null: the first Docker host's). */
    public static Context dockerHost(String host) {
        return new Context(Kind.HOST, null, host);
    }

    /** This context on Docker host {@code host} (a HOST or CONTAINER context; null: the first host). */
    public Context on(String host) {
        return kind == Kind.MACHINE ? this : new Context(kind, name, host);
    }

    public static Context container(String name) {
        return new Context(Kind.CONTAINER, name);
    }

    /** The container of the last attaching {@code docker run -it} that had no {@code --name}. */
    public static Context lastRunContainer() {
        return new Context(Kind.CONTAINER, null);
    }

    public static Context machine(String name) {
        return new Context(Kind.MACHINE, name);
    }

    @Override
    public String toString() {
        String on = host == null ? "" : " on " + host;
        return switch (kind) {
            case HOST -> host == null ? "host" : "host " + host;
            case CONTAINER -> "container " + (name == null ? "<last run>" : name) + on;
            case MACHINE -> "machine " + name;
        };
    }
}
