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
 * <li>boot settings: the {@code sysctl -w KEY=VALUE} lines on the Docker host before any other
 *     command are applied before dockerd starts, as {@code /etc/sysctl.d} would be - dockerd reads
 *     {@code net.ipv4.ip_local_port_range} once, when it starts, for the host ports of {@code -p C}
 *     and {@code -P}. The lines still run in their turn (a second write of the same value, which
 *     prints what the first printed).</li>
 * </ul>
 *
 * @param profile      the engine profile
 * @param bootSysctls  the argv of each boot-setting line, in order
 */
public record WorldSpec(Profile profile, List<List<String>> bootSysctls) {
    /** A scenario that says nothing: Docker 27.2, a fresh host's sysctls. */
    public static final WorldSpec DEFAULT = new WorldSpec(Profile.DOCKER_27, List.of());

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*#\\s*dockwire:\\s*(\\S+)\\s*(.*?)\\s*$");

    public WorldSpec {
        bootSysctls = bootSysctls.stream().map(List::copyOf).toList();
    }

    /**
     * Reads the directives of {@code text} (scenario {@code file}) and the boot settings among its
     * parsed {@code lines}; {@code dockerFlag} is {@code --docker}'s value or null. An unknown
     * directive or version is a {@link ScenarioException} naming its line; an unknown
     * {@code --docker} value an IllegalArgumentException with the message to print.
     */
    public static WorldSpec of(String file, String text, List<ScenarioLine> lines, String dockerFlag) {
        Profile profile = null;
        String[] physical = text.split("\r?\n", -1);
        for (int i = 0; i < physical.length; i++) {
            Matcher m = DIRECTIVE.matcher(physical[i]);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1);
            String value = m.group(2);
            if (!key.equals("docker")) {
                throw new ScenarioException(file, i + 1, "unknown directive '# dockwire: " + key
                        + "' (known: docker VERSION)");
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
        return new WorldSpec(profile == null ? Profile.DOCKER_27 : profile, bootSysctls(lines));
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
