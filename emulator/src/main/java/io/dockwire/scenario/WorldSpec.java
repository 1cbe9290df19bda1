package io.dockwire.scenario;

import io.dockwire.docker.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a scenario says about the world before its first command runs:
 * <ul>
 * <li>{@code # dockwire: docker VERSION} - the Docker engine profile ({@link Profile#forVersion});
 *     {@code dockwire run --docker VERSION} wins over it;</li>
 * <li>{@code # dockwire: docker-hosts NAME...} - the Docker hosts on the LAN, by hostname, in
 *     order: the first has 192.168.1.10 and runs the lines without {@code @NAME}, the others take
 *     .11, .12 ... (skipping the client's .20). Without it there is one, {@code docker-host};</li>
 * <li>boot settings: the {@code sysctl -w KEY=VALUE} lines on the Docker host before any other
 *     command are applied before dockerd starts, as {@code /etc/sysctl.d} would be - dockerd reads
 *     {@code net.ipv4.ip_local_port_range} once, when it starts, for the host ports of {@code -p C}
 *     and {@code -P}. The lines still run in their turn (a second write of the same value, which
 *     prints what the first printed).</li>
 * </ul>
 *
 * @param profile      the engine profile
 * @param bootSysctls  the argv of each boot-setting line, in order
 * @param dockerHosts  the Docker hosts' names, in order (at least one)
 */
public record WorldSpec(Profile profile, List<List<String>> bootSysctls, List<String> dockerHosts) {
    /** A scenario that says nothing: Docker 27.2, a fresh host's sysctls, one Docker host. */
    public static final WorldSpec DEFAULT = new WorldSpec(Profile.DOCKER_27, List.of());
    /** A hostname as a Docker host's name: letters, digits and inner dashes, a device name long at most. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final java.util.Set<String> RESERVED = java.util.Set.of("client", "gw", "internet", "lan");

    /** One Docker host. */
    public WorldSpec(Profile profile, List<List<String>> bootSysctls) {
        this(profile, bootSysctls, List.of(ScenarioWorld.DEFAULT_HOST));
    }

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*#\\s*dockwire:\\s*(\\S+)\\s*(.*?)\\s*$");

    public WorldSpec {
        bootSysctls = bootSysctls.stream().map(List::copyOf).toList();
        dockerHosts = List.copyOf(dockerHosts);
        if (dockerHosts.isEmpty()) {
            throw new IllegalArgumentException("a world has at least one Docker host");
        }
    }

    /** Whether the world has more than one Docker host. */
    public boolean multiHost() {
        return dockerHosts.size() > 1;
    }

    /**
     * The Docker host names a scenario's {@code # dockwire: docker-hosts} line declares, without
     * checking them (the parser needs them before {@link #of} runs); empty when it has none.
     */
    public static List<String> declaredHosts(String text) {
        List<String> hosts = List.of();
        for (String line : text.split("\r?\n", -1)) {
            Matcher m = DIRECTIVE.matcher(line);
            if (m.matches() && m.group(1).equals("docker-hosts")) {
                hosts = List.of(m.group(2).isEmpty() ? new String[0] : m.group(2).split("\\s+"));
            }
        }
        return hosts;
    }

    /**
     * Reads the directives of {@code text} (scenario {@code file}) and the boot settings among its
     * parsed {@code lines}; {@code dockerFlag} is {@code --docker}'s value or null. An unknown
     * directive or version is a {@link ScenarioException} naming its line; an unknown
     * {@code --docker} value an IllegalArgumentException with the message to print.
     */
    public static WorldSpec of(String file, String text, List<ScenarioLine> lines, String dockerFlag) {
        Profile profile = null;
        List<String> hosts = List.of(ScenarioWorld.DEFAULT_HOST);
        String[] physical = text.split("\r?\n", -1);
        for (int i = 0; i < physical.length; i++) {
            Matcher m = DIRECTIVE.matcher(physical[i]);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1);
            String value = m.group(2);
            if (key.equals("docker-hosts")) {
                hosts = hosts(file, i + 1, value);
                continue;
            }
            if (!key.equals("docker")) {
                throw new ScenarioException(file, i + 1, "unknown directive '# dockwire: " + key
                        + "' (known: docker VERSION, docker-hosts NAME...)");
            }
            profile = Profile.forVersion(value);
            if (profile == null) {
                throw new ScenarioException(file, i + 1, "no Docker profile for version '" + value + "' (known: "
                        + Profile.known() + ")");
            }
        }
        if (dockerFlag != null) {
            profile = Profile.forVersion(dockerFlag);
            if (profile == null) {
                throw new IllegalArgumentException("--docker: no Docker profile for version '" + dockerFlag
                        + "' (known: " + Profile.known() + ")");
            }
        }
        return new WorldSpec(profile == null ? Profile.DOCKER_27 : profile, bootSysctls(lines), hosts);
    }

    private static List<String> hosts(String file, int line, String value) {
        List<String> hosts = new ArrayList<>();
        for (String h : value.isEmpty() ? new String[0] : value.split("\\s+")) {
            if (!HOST_NAME.matcher(h).matches()) {
                throw new ScenarioException(file, line, "'" + h + "' is not a hostname (letters, digits and dashes, "
                        + "at most 63, no dash at either end)");
            }
            if (RESERVED.contains(h)) {
                throw new ScenarioException(file, line, "'" + h + "' is a machine of the LAN already (client, gw, "
                        + "internet, lan): name the Docker host otherwise");
            }
            if (hosts.contains(h)) {
                throw new ScenarioException(file, line, "Docker host '" + h + "' is declared twice");
            }
            hosts.add(h);
        }
        if (hosts.isEmpty()) {
            throw new ScenarioException(file, line, "docker-hosts needs at least one name");
        }
        if (hosts.size() > 235) {
            throw new ScenarioException(file, line, "the LAN 192.168.1.0/24 has room for 235 Docker hosts, not "
                    + hosts.size());
        }
        return hosts;
    }

    /** The leading host {@code sysctl} writes ({@code sysctl [-w] [-q] KEY=VALUE...}). */
    static List<List<String>> bootSysctls(List<ScenarioLine> lines) {
        List<List<String>> boot = new ArrayList<>();
        for (ScenarioLine l : lines) {
            if (!isSysctlWrite(l)) {
                break;
            }
            boot.add(l.argv());
        }
        return boot;
    }

    private static boolean isSysctlWrite(ScenarioLine l) {
        List<String> a = l.argv();
        if (l.kind() != ScenarioLine.Kind.COMMAND || l.context().kind() != Context.Kind.HOST || a.isEmpty()
                || !a.get(0).equals("sysctl") || a.size() < 2) {
            return false;
        }
        boolean assignment = false;
        for (String w : a.subList(1, a.size())) {
            if (w.equals("-w") || w.equals("-q")) {
                continue;
            }
            if (w.startsWith("-") || !w.contains("=")) {
                return false;
            }
            assignment = true;
        }
        return assignment;
    }
}
