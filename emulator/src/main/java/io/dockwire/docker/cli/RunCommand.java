package io.dockwire.docker.cli;

import io.dockwire.docker.Container;
import io.dockwire.docker.DaemonException;
import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.ImageCatalog;
import io.dockwire.docker.PortSpec;
import io.dockwire.docker.RunSpec;
import java.util.ArrayList;
import java.util.List;

/** `docker run`: parse (pflag, interspersed off), create, start; docker 27's error formats. */
final class RunCommand {
    private static final List<String> UNSUPPORTED = List.of("hostname", "workdir", "user", "entrypoint",
            "env-file", "mount", "dns", "add-host", "mac-address", "ip6", "restart", "platform", "pull", "expose",
            "cap-add", "privileged", "label", "memory", "cpus", "attach", "sig-proxy", "detach-keys");

    private final DockerEngine engine;

    RunCommand(DockerEngine engine) {
        this.engine = engine;
    }

    /** The IMAGE of {@code docker run ARGS} as the CLI parses ARGS (its options), null when they do not parse. */
    static String image(List<String> args) {
        try {
            Flags.Parsed p = flags().parse(args);
            return p.args.isEmpty() ? null : p.args.get(0);
        } catch (Flags.FlagError e) {
            return null;
        }
    }

    private static Flags flags() {
        Flags f = new Flags(false)
                .bool("detach", 'd').bool("interactive", 'i').bool("tty", 't').bool("rm", (char) 0)
                .value("name", (char) 0).value("network", (char) 0).alias("net", "network").value("ip", (char) 0)
                .value("publish", 'p').bool("publish-all", 'P').value("link", (char) 0)
                .value("network-alias", (char) 0).alias("net-alias", "network-alias")
                .value("env", 'e').value("volume", 'v');
        f.value("hostname", 'h').value("workdir", 'w').value("user", 'u').value("entrypoint", (char) 0)
                .value("env-file", (char) 0).value("mount", (char) 0).value("dns", (char) 0).value("add-host", (char) 0)
                .value("mac-address", (char) 0).value("ip6", (char) 0).value("restart", (char) 0)
                .value("platform", (char) 0).value("pull", (char) 0).value("expose", (char) 0)
                .value("cap-add", (char) 0).bool("privileged", (char) 0).value("label", 'l').value("memory", 'm')
                .value("cpus", (char) 0).value("attach", 'a').bool("sig-proxy", (char) 0).value("detach-keys", (char) 0);
        return f;
    }

    Result run(String path, List<String> argv) {
        Flags.Parsed p;
        try {
            p = flags().parse(argv);
        } catch (Flags.FlagError e) {
            return Result.fail(e.getMessage() + "\nSee '" + path + " --help'.\n", 125);
        }
        for (String u : UNSUPPORTED) {
            if (p.values.containsKey(u)) {
                throw new Unsupported("docker run --" + u + " is not emulated");
            }
        }
        if (p.args.isEmpty()) {
            return Result.fail(Usage.argsError(path, "run", "at least", 1), 1);
        }
        String image = p.args.get(0);
        if (!ImageCatalog.isValidReference(image)) {
            return cliError(path, "invalid reference format");
        }
        List<PortSpec> ports = new ArrayList<>();
        try {
            for (String spec : p.all("publish")) {
                ports.addAll(PortSpec.parseAll(spec));
            }
        } catch (IllegalArgumentException e) {
            return cliError(path, e.getMessage());
        }
        String ip = p.get("ip");
        if (ip != null && io.dockwire.docker.Cidr.parseIp(ip) == null) {
            return cliError(path, "invalid IPv4 address: " + ip);
        }
        String net = p.get("network");
        List<String> aliases = p.all("network-alias");
        if (net == null && engine.profile().cli().ipNeedsNetwork()) {
            // 20.10's parseNetworkOpts applies --ip and --network-alias per --network only: dropped.
            ip = null;
            aliases = List.of();
        }
        StringBuilder warnings = new StringBuilder();
        boolean publishAll = p.has("publish-all");
        if ("host".equals(net) && (!ports.isEmpty() || publishAll)) {
            warnings.append("WARNING: Published ports are discarded when using host network mode\n");
            ports.clear();
            publishAll = false;
        }
        boolean interactive = p.has("interactive");
        boolean tty = p.has("tty");
        RunSpec spec = new RunSpec(p.get("name"), image, p.args.subList(1, p.args.size()), interactive, tty,
                p.has("detach"), p.has("rm"), net, ip, ports, publishAll, p.all("link"), aliases, p.all("env"));
        Container c;
        try {
            c = engine.create(spec);
        } catch (DaemonException e) {
            return cliError(path, "Error response from daemon: " + e.getMessage());
        }
        try {
            engine.start(c);
        } catch (DaemonException e) {
            if (spec.autoRemove()) {
                try {
                    engine.remove(c, true);
                } catch (DaemonException ignored) {
                    // already gone
                }
            }
            String msg = "Error response from daemon: " + e.getMessage();
            String err = warnings + "docker: " + trimDot(msg) + ".\n";
            if (!p.has("detach") && !spec.autoRemove() && engine.profile().cli().waitCanceled()) {
                err += "time=\"" + java.time.Instant.ofEpochMilli(engine.nowMillis()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + "\" level=error msg=\"error waiting for container: context canceled\"\n";
            }
            // The CLI prints a detached run's id as soon as the create returned, before starting it.
            return new Result(p.has("detach") ? c.id() + "\n" : "", err, 125, null, null, null);
        }
        if (p.has("detach")) {
            return new Result(c.id() + "\n", warnings.toString(), 0, null, null, null);
        }
        if (interactive && tty && (spec.cmd().isEmpty() || ImageCatalog.isShell(spec.cmd()))) {
            return new Result("", warnings.toString(), 0, c.name(), null, null);
        }
        return new Result("", warnings.toString(), 0, null, c.name(), null);
    }

    /**
     * reportError(stderr, "run", msg, true): "docker: MSG.\nSee 'docker run --help'." with status 125 -
     * the CLI names "docker run" here even when typed as "docker container run".
     */
    private static Result cliError(String path, String msg) {
        return Result.fail("docker: " + trimDot(msg) + ".\nSee 'docker run --help'.\n", 125);
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
