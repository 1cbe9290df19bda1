/**
 * Scenario files ({@code .dw}): the commands a person types, parsed into {@link
 * io.dockwire.scenario.ScenarioLine}s that carry where each runs ({@link io.dockwire.scenario.Context}:
 * the Docker host, a container, or a machine of the outside LAN written {@code @NAME cmd}).
 * Syntax and context rules: {@link io.dockwire.scenario.ScenarioParser}.
 */
package io.dockwire.scenario;
