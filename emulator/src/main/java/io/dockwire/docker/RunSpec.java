package io.dockwire.docker;

import java.util.List;

/**
 * What `docker run` asks the daemon for (after the CLI parsed its flags).
 *
 * @param detach -d: the CLI attaches to nothing (Config.Attach* and StdinOnce false)
 * @param links  "name:alias" (or "name", alias = name)
 */
public record RunSpec(String name, String image, List<String> cmd, boolean interactive, boolean tty, boolean detach,
                      boolean autoRemove, String network, String ip, List<PortSpec> ports,
                      boolean publishAll, List<String> links, List<String> aliases, List<String> env) {
    public RunSpec {
        cmd = List.copyOf(cmd);
        ports = List.copyOf(ports);
        links = List.copyOf(links);
        aliases = List.copyOf(aliases);
        env = List.copyOf(env);
    }

    /** A detached run of IMAGE on the default bridge with nothing else set. */
    public static RunSpec of(String name, String image) {
        return new RunSpec(name, image, List.of(), false, false, true, false, null, null, List.of(), false,
                List.of(), List.of(), List.of());
    }

    public RunSpec withNetwork(String net, String ipAddress) {
        return new RunSpec(name, image, cmd, interactive, tty, detach, autoRemove, net, ipAddress, ports, publishAll, links,
                aliases, env);
    }

    public RunSpec withPorts(List<PortSpec> p, boolean all) {
        return new RunSpec(name, image, cmd, interactive, tty, detach, autoRemove, network, ip, p, all, links, aliases, env);
    }

    public RunSpec withLinks(List<String> l) {
        return new RunSpec(name, image, cmd, interactive, tty, detach, autoRemove, network, ip, ports, publishAll, l, aliases, env);
    }

    public RunSpec withInteractive(boolean i, boolean t) {
        return new RunSpec(name, image, cmd, i, t, detach, autoRemove, network, ip, ports, publishAll, links, aliases, env);
    }

    /** The network mode as Docker stores it: "default" means the default bridge. */
    public String networkMode() {
        return network == null ? "default" : network;
    }
}
