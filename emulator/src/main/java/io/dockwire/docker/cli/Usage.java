package io.dockwire.docker.cli;

import java.util.Map;

/** The Use line and Short text of each command, for the CLI's argument-count errors. */
final class Usage {
    record Cmd(String use, String shortText) {
    }

    static final Map<String, Cmd> COMMANDS = Map.ofEntries(
            Map.entry("run", new Cmd("run [OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image")),
            Map.entry("ps", new Cmd("ps [OPTIONS]", "List containers")),
            Map.entry("ls", new Cmd("ls [OPTIONS]", "List containers")),
            Map.entry("inspect", new Cmd("inspect [OPTIONS] NAME|ID [NAME|ID...]", "Return low-level information on Docker objects")),
            Map.entry("stop", new Cmd("stop [OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers")),
            Map.entry("start", new Cmd("start [OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers")),
            Map.entry("rm", new Cmd("rm [OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers")),
            Map.entry("port", new Cmd("port CONTAINER [PRIVATE_PORT[/PROTO]]", "List port mappings or a specific mapping for the container")),
            Map.entry("attach", new Cmd("attach [OPTIONS] CONTAINER", "Attach local standard input, output, and error streams to a running container")),
            Map.entry("exec", new Cmd("exec [OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container")),
            Map.entry("pull", new Cmd("pull [OPTIONS] NAME[:TAG|@DIGEST]", "Download an image from a registry")),
            Map.entry("images", new Cmd("images [OPTIONS] [REPOSITORY[:TAG]]", "List images")),
            Map.entry("image ls", new Cmd("image ls [OPTIONS] [REPOSITORY[:TAG]]", "List images")),
            Map.entry("network create", new Cmd("network create [OPTIONS] NETWORK", "Create a network")),
            Map.entry("network ls", new Cmd("network ls [OPTIONS]", "List networks")),
            Map.entry("network inspect", new Cmd("network inspect [OPTIONS] NETWORK [NETWORK...]", "Display detailed information on one or more networks")),
            Map.entry("network rm", new Cmd("network rm NETWORK [NETWORK...]", "Remove one or more networks")),
            Map.entry("network connect", new Cmd("network connect [OPTIONS] NETWORK CONTAINER", "Connect a container to a network")),
            Map.entry("swarm join", new Cmd("swarm join [OPTIONS] HOST:PORT", "Join a swarm as a node and/or manager")),
            Map.entry("swarm join-token", new Cmd("swarm join-token [OPTIONS] (worker|manager)", "Manage join tokens")),
            Map.entry("node inspect", new Cmd("node inspect [OPTIONS] self|NODE [NODE...]", "Display detailed information on one or more nodes")),
            Map.entry("node promote", new Cmd("node promote NODE [NODE...]", "Promote one or more nodes to manager in the swarm")),
            Map.entry("node demote", new Cmd("node demote NODE [NODE...]", "Demote one or more nodes from manager in the swarm")),
            Map.entry("network disconnect", new Cmd("network disconnect [OPTIONS] NETWORK CONTAINER", "Disconnect a container from a network")));

    private Usage() {
    }

    /** cli.RequiresMinArgs / ExactArgs / RequiresRangeArgs text. */
    static String argsError(String path, String key, String kind, int n) {
        Cmd c = COMMANDS.get(key);
        String use = path.substring(0, path.length() - key.length()) + c.use();
        return "\"" + path + "\" requires " + kind + " " + n + " argument" + (n == 1 ? "" : "s") + ".\n"
                + "See '" + path + " --help'.\n\nUsage:  " + use + "\n\n" + c.shortText() + "\n";
    }
}
