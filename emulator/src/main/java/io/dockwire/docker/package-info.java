/**
 * The Docker engine model, profile by profile ({@link io.dockwire.docker.Profile#DOCKER_27}):
 * networks, IPAM, containers, port publishing and name data, programming the emulated host
 * through {@link io.dockwire.docker.KernelProgrammer} with the argv of real {@code ip},
 * {@code iptables} and {@code sysctl} commands, in libnetwork's order.
 *
 * <p>Decisions (where Docker's behaviour depends on things dockwire does not model):
 * <ul>
 * <li>IPv6 is off on the emulated host, so ports are published on 0.0.0.0 only and
 *     {@code docker ps} shows no {@code :::8080->80/tcp} twin.</li>
 * <li>Ephemeral host ports follow moby's portallocator: the next free port after the last one
 *     given, wrapping in 32768-60999 - the first free port on a fresh daemon.</li>
 * <li>A container whose main process is a shell and that has no {@code -i} exits at once with
 *     status 0 (as {@code docker run -d busybox} does), releasing its address; {@code docker stop}
 *     gives shells 137 (SIGKILL after the timeout) and servers 0. Stop timeouts take no
 *     simulated time.</li>
 * <li>The network namespace of a container is named after the first 12 hex digits of its
 *     sandbox id, as {@code /var/run/docker/netns/<id>} (what {@code ip netns} lists once
 *     linked, as in the tutorials).</li>
 * <li>Generated names use a shorter word list than moby's, so they are Docker-like, not
 *     Docker's exact draw for a seed.</li>
 * </ul>
 */
package io.dockwire.docker;
