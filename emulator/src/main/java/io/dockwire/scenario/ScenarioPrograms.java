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
import java.util.HashSet;
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

    private final DockerHost host;
    private final Map<String, AppProcess> daemons = new LinkedHashMap<>();
    /** Containers started since the last docker command whose server could not listen: they exit. */
    private final List<Container> cannotListen = new ArrayList<>();
    private final Map<String, DnsServer> embeddedDns = new LinkedHashMap<>();
    private final Map<String, Set<String>> embeddedNames = new LinkedHashMap<>();

    public ScenarioPrograms(DockerHost host) {
        this.host = host;
        host.onSpawn(this::spawn, this::kill);
        WORLD_DNS.forEach((ns, address) -> DnsServer.internet(host.kernel(), ns, address));
    }

    @Override
    public List<String> names() {
        return List.copyOf(ALL);
    }

    @Override
    public CommandResult run(DockerHost h, String ns, Container container, List<String> argv) {
        if (!ALL.contains(argv.get(0)) && !argv.contains("|")) {
            return null;
        }
        AppEnv env = env(container);
        List<String> cmd = argv;
        int pipe = argv.indexOf("|");
        if (pipe > 0) {
            // `echo TEXT | nc HOST PORT`: the left side's output is the right side's stdin.
            CommandResult left = run(h, ns, container, argv.subList(0, pipe));
            if (left == null) {
                return null;
            }
            env = env.withStdin(left.stdout());
            cmd = argv.subList(pipe + 1, argv.size());
            if (cmd.isEmpty() || !ALL.contains(cmd.get(0))) {
                return null;
            }
        }
        AppProcess p = Apps.start(host.kernel(), ns, cmd, env);
        if (!Apps.await(host.kernel(), p, host.sim().now() + LIMIT_NS)) {
            p.stop();
        }
        return new CommandResult(p.stdout(), p.stderr(), p.exitCode());
    }

    private AppEnv env(Container c) {
        return environment(host, c);
    }

    /**
     * The environment a container's image gives its programs (or the Debian host's: c null, or
     * a machine of the world): flavour, tools, /etc/hosts, /etc/resolv.conf, hostname.
     */
    /** Whether the container's tools are BusyBox's: busybox and alpine images, whatever their network. */
    static boolean busyBox(Container c) {
        if (c == null) {
            return false;
        }
        String repo = c.image().repository();
        return repo.endsWith("busybox") || repo.endsWith("alpine");
    }

    public static AppEnv environment(DockerHost host, Container c) {
        if (c == null || c.networkMode().equals("host")) {
            AppEnv e = AppEnv.gnu().withResolvConf(DockerHost.HOST_RESOLV_CONF).withHostname("docker-host");
            return c == null ? e : e.withHostname(c.shortId());
        }
        AppEnv e = busyBox(c) ? AppEnv.busybox() : AppEnv.gnu();
        return e.withHosts(host.names().hosts(c)).withResolvConf(host.names().resolvConf(c)).withHostname(c.shortId());
    }

    /** Keeps every container's embedded DNS in step with its networks (after each docker command). */
    @Override
    public void afterDocker() {
        for (Container c : cannotListen) {
            if (c.running()) {
                host.engine().exited(c, 1);
            }
        }
        cannotListen.clear();
        Set<String> alive = new HashSet<>();
        for (Container c : host.engine().containers()) {
            Map<String, String> records = embeddedRecords(host, c);
            if (records == null) {
                continue;
            }
            alive.add(c.id());
            DnsServer dns = embeddedDns.get(c.id());
            if (dns == null) {
                dns = DnsServer.embedded(host.kernel(), c.netns(), records, host.names().hostNameservers(),
                        host.engine().profile().daemon().dnsFromHost());
                embeddedDns.put(c.id(), dns);
                embeddedNames.put(c.id(), new HashSet<>(records.keySet()));
            } else {
                Set<String> old = embeddedNames.get(c.id());
                for (String gone : old) {
                    if (!records.containsKey(gone)) {
                        dns.remove(gone);
                    }
                }
                records.forEach(dns::put);
                embeddedNames.put(c.id(), new HashSet<>(records.keySet()));
            }
        }
        for (String id : new ArrayList<>(embeddedDns.keySet())) {
            if (!alive.contains(id)) {
                embeddedDns.remove(id).stop();
                embeddedNames.remove(id);
            }
        }
    }

    /**
     * What the embedded DNS of container {@code c} answers (name to address, over all its
     * networks), or null when it has none (not running, only on the default bridge, host mode).
     */
    public static Map<String, String> embeddedRecords(DockerHost host, Container c) {
        if (!c.running() || !host.names().usesEmbeddedDns(c) || c.networkMode().equals("host")) {
            return null;
        }
        Map<String, String> records = new TreeMap<>();
        for (String net : c.networkNames()) {
            Network n = host.engine().findNetwork(net);
            if (n != null) {
                records.putAll(host.names().records(n));
            }
        }
        return records;
    }

    /** An errno as Go's syscall.Errno prints it (strerror, lower case): {@code address already in use}. */
    private static String goErrno(int errno) {
        return Errno.message(errno).toLowerCase(java.util.Locale.ROOT);
    }

    private void spawn(String handle, List<String> argv) {
        if (handle.startsWith("docker-proxy:")) {
            if (!"tcp".equals(flag(argv, "-proto"))) {
                return; // the UDP proxy carries no scenario traffic yet
            }
            String hostIp = flag(argv, "-host-ip");
            String hostPort = flag(argv, "-host-port");
            try {
                daemons.put(handle, DockerProxy.start(host.kernel(), null, hostIp, Integer.parseInt(hostPort),
                        flag(argv, "-container-ip"), Integer.parseInt(flag(argv, "-container-port"))));
            } catch (TcpException e) {
                // docker-proxy's net.Listen error, as Go prints it.
                throw new SpawnException("listen tcp4 " + hostIp + ":" + hostPort + ": bind: " + goErrno(e.errno()));
            }
        } else if (handle.startsWith("container:")) {
            Container c = host.engine().findContainer(handle.substring("container:".length()));
            if (c == null) {
                return;
            }
            Site site = Site.forImage(c.image().reference());
            if (site != null) {
                String ns = c.networkMode().equals("host") ? null : c.netns();
                try {
                    daemons.put(handle, HttpServer.start(host.kernel(), ns, site));
                } catch (TcpException e) {
                    // nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use); it
                    // retries for about 2.5 s, then exits with status 1: reaped after the command.
                    cannotListen.add(c);
                }
            }
        }
    }

    private void kill(String handle) {
        AppProcess p = daemons.remove(handle);
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
