package io.dockwire.scenario;

import java.util.Objects;

/**
 * Where a scenario line runs: on the Docker host (the default), inside a container, or on
 * another machine of the outside LAN.
 *
 * <p>A container context whose name is {@code null} means "the container created by the most
 * recent attaching {@code docker run -it} without {@code --name}": only the runner knows its
 * generated name, so it resolves it.
 */
public record Context(Kind kind, String name) {
    public enum Kind { HOST, CONTAINER, MACHINE }

    public static final Context HOST = new Context(Kind.HOST, null);

    public Context {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.HOST && name != null) {
            throw new IllegalArgumentException("the host context has no name, name=" + name);
        }
        if (kind == Kind.MACHINE && (name == null || name.isEmpty())) {
            throw new IllegalArgumentException("a machine context needs a name");
        }
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
        return switch (kind) {
            case HOST -> "host";
            case CONTAINER -> "container " + (name == null ? "<last run>" : name);
            case MACHINE -> "machine " + name;
        };
    }
}
