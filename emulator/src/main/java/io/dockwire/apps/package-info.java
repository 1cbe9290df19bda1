/**
 * Applications that run inside namespaces in simulated time: the tools a Docker tutorial types
 * ({@code ping}, {@code curl}, BusyBox {@code wget}, {@code nc}, {@code nslookup}, {@code cat},
 * {@code echo}, {@code hostname}) and the servers images run (nginx / httpd web servers,
 * Docker's embedded DNS and an upstream resolver, docker-proxy).
 *
 * <p>Model: {@link io.dockwire.apps.Apps#start} parses an argv in a namespace with an
 * {@link io.dockwire.apps.AppEnv} (flavour BusyBox or GNU, /etc/hosts, /etc/resolv.conf,
 * hostname, stdin) and returns an {@link io.dockwire.apps.AppProcess} that reacts to packets
 * and timers; the caller drives the simulator ({@link io.dockwire.apps.Apps#await},
 * {@code Simulator.runUntil}) and reads stdout, stderr and the exit status. Clients end by
 * themselves through the real tools' timeouts; servers run until {@code stop()}.
 * Everything is deterministic: identifiers, ports and DNS IDs come from the namespace's seeded
 * random, times from the simulated clock, maps are ordered or only looked up.
 */
package io.dockwire.apps;
