package io.dockwire.scenario;

import io.dockwire.apps.AppEnv;
import io.dockwire.apps.AppProcess;
import io.dockwire.apps.Apps;
import io.dockwire.apps.DnsServer;
import io.dockwire.apps.DockerProxy;
import io.dockwire.apps.HttpServer;
import io.dockwire.apps.Site;
import io.dockwire.command.CommandResult;
import io.dockwire.docker.Container;
import io.dockwire.docker.Network;
import io.dockwire.docker.SpawnException;
import io.dockwire.tcp.Errno;
import io.dockwire.tcp.TcpException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The programs of a scenario: what users type (ping, curl, wget, nc, nslookup, cat ...) and the
 * long-running processes the Docker engine starts (a web server image's server, docker-proxy
 * for each published port, the embedded DNS of user-defined networks), plus the DNS servers of
 * the outside world (the LAN gateway and 8.8.8.8).
 *
 * <p>A program runs until it exits or {@link #LIMIT_NS} of simulated time passes. A name that is
 * an emulated program but missing from the image (curl in busybox) gets the shell's "not found",
 * as on a real container; a name dockwire does not emulate at all is not run (null).
 */
public final class ScenarioPrograms implements Programs {
    /** Ceiling on one program's simulated run time (a runaway ping -c 100000). */
    static final long LIMIT_NS = 3_600_000_000_000L;
    private static final Set<String> ALL = new TreeSet<>();

    static {
        ALL.addAll(AppEnv.BUSYBOX_TOOLS);
        ALL.addAll(AppEnv.GNU_TOOLS);
    }

    /** The world's DNS servers, namespace to address: the LAN gateway (the host's resolv.conf) and 8.8.8.8. */
    public static final Map<String, String> WORLD_DNS = worldDns();

    private final ScenarioWorld world;
    /** Long-running processes, by Docker host and handle. */
    private final Map<String, AppProcess> daemons = new LinkedHashMap<>();
    /** Containers started since the last docker command whose server could not listen: they exit. */
    private final List<Map.Entry<DockerNode, Container>> cannotListen = new ArrayList<>();
    private final Map<String, DnsServer> embeddedDns = new LinkedHashMap<>();
    /** Containers whose name service may have to start or stop, since the last docker command. */
    private final Map<Container, DockerNode> changed = new LinkedHashMap<>();

    public ScenarioPrograms(ScenarioWorld world) {
        this.world = world;
        for (DockerNode node : world.nodes()) {
            node.onSpawn((handle, argv) -> spawn(node, handle, argv), handle -> kill(node, handle));
            node.engine().onContainerChanged(c -> changed.put(c, node));
        }
        WORLD_DNS.forEach((ns, address) -> DnsServer.internet(world.kernel(), ns, address));
    }

    @Override
    public List<String> names() {
        return List.copyOf(ALL);
    }

    @Override
    public CommandResult run(DockerNode node, String ns, Container container, List<String> argv) {
        if (!ALL.contains(argv.get(0)) && !argv.contains("|")) {
            return null;
        }
        AppEnv env = environment(node, container);
        if (container == null && ns != null && ScenarioWorld.MACHINES.contains(ns)) {
            env = env.withHostname(ns); // a machine of the LAN is called by its own name
        }
        List<String> cmd = argv;
        int pipe = argv.indexOf("|");
        if (pipe > 0) {
            // `echo TEXT | nc HOST PORT`: the left side's output is the right side's stdin.
            CommandResult left = run(node, ns, container, argv.subList(0, pipe));
            if (left == null) {
                return null;
            }
            env = env.withStdin(left.stdout());
            cmd = argv.subList(pipe + 1, argv.size());
            if (cmd.isEmpty() || !ALL.contains(cmd.get(0))) {
                return null;
            }
        }
        AppProcess p = Apps.start(world.kernel(), ns, cmd, env);
        if (!Apps.await(world.kernel(), p, world.sim().now() + LIMIT_NS)) {
            p.stop();
        }
        return new CommandResult(p.stdout(), p.stderr(), p.exitCode());
    }

    /** Whether the container's tools are BusyBox's: busybox and alpine images, whatever their network. */
    static boolean busyBox(Container c) {
        if (c == null) {
            return false;
        }
        String repo = c.image().repository();
        return repo.endsWith("busybox") || repo.endsWith("alpine");
    }

    /**
     * The environment a container's image gives its programs (or the Debian host's: c null, or
     * a machine of the world): flavour, tools, /etc/hosts, /etc/resolv.conf, hostname.
     */
    public static AppEnv environment(DockerNode node, Container c) {
        if (c == null || c.networkMode().equals("host")) {
            AppEnv e = AppEnv.gnu().withResolvConf(ScenarioWorld.HOST_RESOLV_CONF).withHostname(node.name());
            return c == null ? e : e.withHostname(c.shortId());
        }
        AppEnv e = busyBox(c) ? AppEnv.busybox() : AppEnv.gnu();
        return e.withHosts(node.names().hosts(c)).withResolvConf(node.names().resolvConf(c)).withHostname(c.shortId());
    }

    /** Keeps every container's embedded DNS in step with its networks (after each docker command). */
    @Override
    public void afterDocker() {
        for (Map.Entry<DockerNode, Container> e : cannotListen) {
            if (e.getValue().running()) {
                e.getKey().engine().exited(e.getValue(), 1);
            }
        }
        cannotListen.clear();
        // Only containers that changed: a world of 10,000 costs a docker command no more than a small one.
        for (Map.Entry<Container, DockerNode> e : changed.entrySet()) {
            Container c = e.getKey();
            DockerNode node = e.getValue();
            boolean wanted = c.running() && !c.networkMode().equals("host") && c.onUserDefinedNetwork()
                    && node.engine().findContainer(c.id()) == c;
            DnsServer dns = embeddedDns.get(c.id());
            if (wanted && dns == null) {
                // The server answers from the daemon's table at each query (embeddedRecords then).
                embeddedDns.put(c.id(), DnsServer.embedded(world.kernel(), node.key(c.netns()), name -> {
                    Map<String, String> records = embeddedRecords(node, c);
                    return records == null ? null : records.get(name);
                }, node.names().hostNameservers(), node.engine().profile().daemon().dnsFromHost()));
            } else if (!wanted && dns != null) {
                embeddedDns.remove(c.id()).stop();
            }
        }
        changed.clear();
    }

    /**
     * What the embedded DNS of container {@code c} answers (name to address, over all its
     * networks), or null when it has none (not running, only on the default bridge, host mode).
     */
    public static Map<String, String> embeddedRecords(DockerNode node, Container c) {
        if (!c.running() || !node.names().usesEmbeddedDns(c) || c.networkMode().equals("host")) {
            return null;
        }
        Map<String, String> records = new TreeMap<>();
        for (String net : c.networkNames()) {
            Network n = node.engine().findNetwork(net);
            if (n != null) {
                records.putAll(node.names().records(n));
            }
        }
        return records;
    }

    /** An errno as Go's syscall.Errno prints it (strerror, lower case): {@code address already in use}. */
    private static String goErrno(int errno) {
        return Errno.message(errno).toLowerCase(java.util.Locale.ROOT);
    }

    private void spawn(DockerNode node, String handle, List<String> argv) {
        if (handle.startsWith("docker-proxy:")) {
            if (!"tcp".equals(flag(argv, "-proto"))) {
                return; // the UDP proxy carries no scenario traffic yet
            }
            String hostIp = flag(argv, "-host-ip");
            String hostPort = flag(argv, "-host-port");
            try {
                daemons.put(node.name() + " " + handle, DockerProxy.start(world.kernel(), node.namespace(), hostIp, Integer.parseInt(hostPort),
                        flag(argv, "-container-ip"), Integer.parseInt(flag(argv, "-container-port"))));
            } catch (TcpException e) {
                // docker-proxy's net.Listen error, as Go prints it.
                throw new SpawnException("listen tcp4 " + hostIp + ":" + hostPort + ": bind: " + goErrno(e.errno()));
            }
        } else if (handle.startsWith("container:")) {
            Container c = node.engine().findContainer(handle.substring("container:".length()));
            if (c == null) {
                return;
            }
            Site site = Site.forImage(c.image().reference());
            if (site != null) {
                try {
                    daemons.put(node.name() + " " + handle, HttpServer.start(world.kernel(), node.namespaceOf(c), site));
                } catch (TcpException e) {
                    // nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use); it
                    // retries for about 2.5 s, then exits with status 1: reaped after the command.
                    cannotListen.add(Map.entry(node, c));
                }
            }
        }
    }

    private void kill(DockerNode node, String handle) {
        AppProcess p = daemons.remove(node.name() + " " + handle);
        if (p != null) {
            p.stop();
        }
    }

    private static Map<String, String> worldDns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("gw", "192.168.1.1");
        m.put("internet", "8.8.8.8");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String flag(List<String> argv, String name) {
        int i = argv.indexOf(name);
        return i >= 0 && i + 1 < argv.size() ? argv.get(i + 1) : null;
    }
}
