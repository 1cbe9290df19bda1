package io.dockwire.scenario;

import io.dockwire.command.CommandResult;
import io.dockwire.docker.Container;
import java.util.List;

/** The user programs a scenario line can run (ping, curl, wget, nc, nslookup, cat ...). */
public interface Programs {
    /**
     * Runs {@code argv} in kernel namespace {@code ns} until it exits, advancing simulated time;
     * {@code node} is the Docker host the line runs on and {@code container} the container of
     * {@code node} it runs in, or null. Returns null when {@code argv[0]} is not a program
     * dockwire emulates.
     */
    CommandResult run(DockerNode node, String ns, Container container, List<String> argv);

    /** After every docker command: keep name services in step with containers and networks. */
    default void afterDocker() {
    }

    /** Names of the emulated programs, for error messages. */
    List<String> names();

    Programs NONE = new Programs() {
        @Override
        public CommandResult run(DockerNode node, String ns, Container container, List<String> argv) {
            return null;
        }

        @Override
        public List<String> names() {
            return List.of();
        }
    };
}
