package io.dockwire.docker.cli;

import io.dockwire.docker.Container;
import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.cli.SystemReleases.Component;
import io.dockwire.docker.cli.SystemReleases.Plugin;
import io.dockwire.docker.cli.SystemReleases.Release;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code docker version}, {@code docker info} and {@code docker system info}, with
 * {@code -f/--format} templates, as docker/cli prints them (v27.2.1's and v20.10.24's
 * cli/command/system/version.go and info.go) for the emulated host. The release's texts are
 * {@link SystemReleases}'s; the host's are {@link #HOST}'s; the counts are the engine's.
 */
final class SystemCommands {
    /**
     * The emulated Docker host as the daemon reports it, the same for every profile: a Debian 12
     * machine with Debian's 6.1 kernel, 2 CPUs and 8 GiB of RAM (MemTotal 8131924 kB, as such a
     * VM's /proc/meminfo shows), cgroup v2 with systemd, AppArmor on, overlay2 on ext4, the
     * hostname the scenarios' host prompt has ({@code hostname} prints docker-host there).
     * Chosen once, not measured.
     */
    record Host(String kernelVersion, String operatingSystem, String architecture, String goArch, int cpus,
                long memTotal, String name, String dockerRootDir) {
    }

    static final Host HOST = new Host("6.1.0-25-amd64", "Debian GNU/Linux 12 (bookworm)", "x86_64", "amd64", 2,
            8131924L * 1024, "docker-host", "/var/lib/docker");

    /** The daemon's network drivers (the same in 20.10 and 27). */
    private static final String NETWORK_PLUGINS = "bridge host ipvlan macvlan null overlay";

    private final DockerEngine engine;
    private final Release release;

    SystemCommands(DockerEngine engine) {
        this.engine = engine;
        this.release = SystemReleases.of(engine.profile());
    }

    /** {@code docker version [-f TEMPLATE]}. */
    Result version(String path, List<String> args) {
        return withFormat(path, args, this::versionText, this::versionObject);
    }

    /** {@code docker info [-f TEMPLATE]} and {@code docker system info}. */
    Result info(String path, List<String> args) {
        return withFormat(path, args, this::infoText, this::infoObject);
    }

    private interface Text {
        String get();
    }

    private interface Obj {
        Map<String, Object> get();
    }

    private Result withFormat(String path, List<String> args, Text text, Obj obj) {
        Flags f = new Flags(true).value("format", 'f');
        Flags.Parsed p;
        try {
            p = f.parse(args);
        } catch (Flags.FlagError e) {
            return Result.fail(e.getMessage() + "\nSee '" + path + " --help'.\n", 125);
        }
        if (!p.args.isEmpty()) {
            return Result.fail("\"" + path + "\" accepts no arguments.\nSee '" + path + " --help'.\n\nUsage:  "
                    + path + " [OPTIONS]\n\n" + (path.endsWith("version") ? "Show the Docker version information"
                    : "Display system-wide information") + "\n", 1);
        }
        String format = p.get("format");
        if (format == null || format.isEmpty()) {
            return Result.ok(text.get());
        }
        if (format.equals("json")) {
            format = "{{json .}}";
        }
        return Result.ok(GoTemplate.parse(format).execute(obj.get()) + "\n");
    }

    // ---- docker version ------------------------------------------------------------------------

    /** The default template run through tabwriter.NewWriter(out, 20, 1, 1, ' ', 0). */
    private String versionText() {
        Release r = release;
        StringBuilder sb = new StringBuilder();
        sb.append("Client: ").append(r.platform()).append('\n');
        cell(sb, " Version:", r.version());
        cell(sb, " API version:", r.apiVersion());
        cell(sb, " Go version:", r.goVersion());
        cell(sb, " Git commit:", r.clientCommit());
        cell(sb, " Built:", r.clientBuilt());
        cell(sb, " OS/Arch:", "linux/" + HOST.goArch());
        cell(sb, " Context:", "default");
        if (r.clientExperimental()) {
            cell(sb, " Experimental:", "true");
        }
        sb.append("\nServer: ").append(r.platform()).append("\n Engine:\n");
        cell(sb, "  Version:", r.version());
        cell(sb, "  API version:", r.apiVersion() + " (minimum version " + r.minApiVersion() + ")");
        cell(sb, "  Go version:", r.goVersion());
        cell(sb, "  Git commit:", r.engineCommit());
        cell(sb, "  Built:", r.engineBuilt());
        cell(sb, "  OS/Arch:", "linux/" + HOST.goArch());
        cell(sb, "  Experimental:", "false");
        for (Component c : r.components()) {
            sb.append(' ').append(c.name()).append(":\n");
            cell(sb, "  Version:", c.version());
            cell(sb, "  GitCommit:", c.gitCommit());
        }
        return sb.toString();
    }

    /** A label cell padded to the tabwriter's minimum width (every label here is shorter). */
    private static void cell(StringBuilder sb, String label, String value) {
        sb.append(label).append(" ".repeat(Math.max(1, 20 - label.length()))).append(value).append('\n');
    }

    /** versionInfo as the template sees it (Go field names). */
    private Map<String, Object> versionObject() {
        Release r = release;
        List<Object> components = new ArrayList<>();
        components.add(component("Engine", r.version(), fields("ApiVersion", r.apiVersion(), "Arch", HOST.goArch(),
                "BuildTime", r.engineBuilt(), "Experimental", "false", "GitCommit", r.engineCommit(),
                "GoVersion", r.goVersion(), "KernelVersion", HOST.kernelVersion(), "MinAPIVersion", r.minApiVersion(),
                "Os", "linux")));
        for (Component c : r.components()) {
            components.add(component(c.name(), c.version(), Map.of("GitCommit", c.gitCommit())));
        }
        Map<String, Object> server = fields("Platform", Map.of("Name", r.platform()), "Components", components,
                "Version", r.version(), "APIVersion", r.apiVersion(), "MinAPIVersion", r.minApiVersion(),
                "GitCommit", r.engineCommit(), "GoVersion", r.goVersion(), "Os", "linux", "Arch", HOST.goArch(),
                "KernelVersion", HOST.kernelVersion(), "Experimental", false, "BuildTime", r.engineBuiltRaw());
        return fields("Client", clientVersion(), "Server", server);
    }

    /** docker/cli's clientVersion (docker version's Client, the fields of docker info's ClientInfo). */
    private Map<String, Object> clientVersion() {
        Release r = release;
        Map<String, Object> client = fields("Platform", Map.of("Name", r.platform()), "Version", r.version(),
                "APIVersion", r.apiVersion(), "DefaultAPIVersion", r.apiVersion(), "GitCommit", r.clientCommit(),
                "GoVersion", r.goVersion(), "Os", "linux", "Arch", HOST.goArch(), "BuildTime", r.clientBuilt(),
                "Context", "default");
        if (r.clientExperimental()) {
            client.put("Experimental", true);
        }
        return client;
    }

    /** An ordered object from key, value pairs. */
    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = Json.obj();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> component(String name, String version, Map<String, Object> details) {
        return fields("Name", name, "Version", version, "Details", details);
    }

    // ---- docker info ---------------------------------------------------------------------------

    /** The engine's counts: moby's fillContainerStates (created and exited count as stopped). */
    private int[] counts() {
        int running = 0;
        int all = 0;
        for (Container c : engine.containers()) {
            all++;
            if (c.running()) {
                running++;
            }
        }
        return new int[] {all, running, 0, all - running};
    }

    /** Images, not tags: two tags of one image count once (the emulated store keys by tag). */
    private int images() {
        return new LinkedHashSet<>(engine.images()).size();
    }

    private String infoText() {
        Release r = release;
        StringBuilder sb = new StringBuilder();
        sb.append(r.infoClientVersion() ? "Client: " + r.platform() + "\n" : "Client:\n");
        if (r.infoClientVersion()) {
            sb.append(" Version:    ").append(r.version()).append('\n');
        }
        sb.append(" Context:    default\n Debug Mode: false\n");
        if (!r.plugins().isEmpty()) {
            sb.append(" Plugins:\n");
        }
        for (Plugin p : r.plugins()) {
            if (r.pluginLines()) {
                sb.append("  ").append(p.name()).append(": ").append(p.shortDescription()).append(" (")
                        .append(p.vendor()).append(")\n    Version:  ").append(p.version())
                        .append("\n    Path:     ").append(p.path()).append('\n');
            } else {
                sb.append("  ").append(p.name()).append(": ").append(p.shortDescription()).append(" (")
                        .append(p.vendor()).append(", ").append(p.version()).append(")\n");
            }
        }
        int[] n = counts();
        sb.append("\nServer:\n");
        sb.append(" Containers: ").append(n[0]).append("\n  Running: ").append(n[1]).append("\n  Paused: ")
                .append(n[2]).append("\n  Stopped: ").append(n[3]).append('\n');
        sb.append(" Images: ").append(images()).append('\n');
        sb.append(" Server Version: ").append(r.version()).append('\n');
        sb.append(" Storage Driver: overlay2\n");
        for (List<String> pair : r.driverStatus()) {
            sb.append("  ").append(pair.get(0)).append(": ").append(pair.get(1)).append('\n');
        }
        sb.append(" Logging Driver: json-file\n Cgroup Driver: systemd\n Cgroup Version: 2\n");
        sb.append(" Plugins:\n  Volume: local\n  Network: ").append(NETWORK_PLUGINS).append('\n');
        sb.append("  Log: ").append(r.logDrivers()).append('\n');
        sb.append(swarmSection());
        sb.append(" Runtimes: ").append(String.join(" ", r.runtimes())).append('\n');
        sb.append(" Default Runtime: runc\n Init Binary: docker-init\n");
        sb.append(" containerd version: ").append(r.components().get(0).gitCommit()).append('\n');
        sb.append(" runc version: ").append(r.components().get(1).gitCommit()).append('\n');
        sb.append(" init version: ").append(r.components().get(2).gitCommit()).append('\n');
        sb.append(" Security Options:\n  apparmor\n  seccomp\n   Profile: ").append(r.seccompProfile())
                .append("\n  cgroupns\n");
        sb.append(" Kernel Version: ").append(HOST.kernelVersion()).append('\n');
        sb.append(" Operating System: ").append(HOST.operatingSystem()).append('\n');
        sb.append(" OSType: linux\n");
        sb.append(" Architecture: ").append(HOST.architecture()).append('\n');
        sb.append(" CPUs: ").append(HOST.cpus()).append('\n');
        sb.append(" Total Memory: ").append(bytesSize(HOST.memTotal())).append('\n');
        sb.append(" Name: ").append(engine.hostname()).append('\n');
        sb.append(" ID: ").append(daemonId()).append('\n');
        sb.append(" Docker Root Dir: ").append(HOST.dockerRootDir()).append('\n');
        sb.append(" Debug Mode: false\n");
        if (r.registryLine()) {
            sb.append(" Registry: https://index.docker.io/v1/\n Labels:\n");
        }
        sb.append(" Experimental: false\n Insecure Registries:\n  127.0.0.0/8\n Live Restore Enabled: false\n\n");
        return sb.toString();
    }

    /** docker/cli's printSwarmInfo: the Swarm lines, longer on a manager. */
    private String swarmSection() {
        io.dockwire.docker.Swarm swarm = engine.swarm();
        if (!swarm.active()) {
            return " Swarm: inactive\n";
        }
        io.dockwire.docker.SwarmMember self = swarm.self();
        StringBuilder sb = new StringBuilder(" Swarm: active\n  NodeID: ").append(self.id()).append('\n');
        sb.append("  Is Manager: ").append(self.manager()).append('\n');
        if (self.manager()) {
            List<io.dockwire.docker.SwarmMember> members = swarm.cluster().members();
            sb.append("  ClusterID: ").append(swarm.cluster().id()).append('\n');
            sb.append("  Managers: ").append(members.stream().filter(io.dockwire.docker.SwarmMember::manager).count())
                    .append('\n');
            sb.append("  Nodes: ").append(members.size()).append('\n');
            sb.append("  Default Address Pool: 10.0.0.0/8  \n  SubnetSize: 24\n  Data Path Port: 4789\n")
                    .append("  Orchestration:\n   Task History Retention Limit: 5\n")
                    .append("  Raft:\n   Snapshot Interval: 10000\n   Number of Old Snapshots to Retain: 0\n")
                    .append("   Heartbeat Tick: 1\n   Election Tick: 10\n")
                    .append("  Dispatcher:\n   Heartbeat Period: 5 seconds\n")
                    .append("  CA Configuration:\n   Expiry Duration: 3 months\n   Force Rotate: 0\n")
                    .append("  Autolock Managers: false\n  Root Rotation In Progress: false\n");
        }
        sb.append("  Node Address: ").append(self.address()).append('\n');
        sb.append("  Manager Addresses:\n");
        swarm.cluster().members().stream().filter(m -> m.manager() && !m.status().equals("Down"))
                .map(m -> m.address() + ":" + io.dockwire.docker.SwarmMember.PORT).sorted()
                .forEach(a -> sb.append("   ").append(a).append('\n'));
        return sb.toString();
    }

    /** system.Info (and the CLI's ClientInfo) as the template sees it: Go field names. */
    private Map<String, Object> infoObject() {
        Release r = release;
        int[] n = counts();
        Map<String, Object> o = Json.obj();
        o.put("ID", daemonId());
        o.put("Containers", n[0]);
        o.put("ContainersRunning", n[1]);
        o.put("ContainersPaused", n[2]);
        o.put("ContainersStopped", n[3]);
        o.put("Images", images());
        o.put("Driver", "overlay2");
        o.put("DriverStatus", r.driverStatus());
        o.put("Plugins", fields("Volume", List.of("local"), "Network", List.of(NETWORK_PLUGINS.split(" ")),
                "Authorization", null, "Log", List.of(r.logDrivers().split(" "))));
        o.put("LoggingDriver", "json-file");
        o.put("CgroupDriver", "systemd");
        o.put("CgroupVersion", "2");
        o.put("KernelVersion", HOST.kernelVersion());
        o.put("OperatingSystem", HOST.operatingSystem());
        o.put("OSType", "linux");
        o.put("Architecture", HOST.architecture());
        o.put("IndexServerAddress", "https://index.docker.io/v1/");
        o.put("NCPU", HOST.cpus());
        o.put("MemTotal", HOST.memTotal());
        o.put("DockerRootDir", HOST.dockerRootDir());
        o.put("Name", engine.hostname());
        o.put("ExperimentalBuild", false);
        o.put("ServerVersion", r.version());
        Map<String, Object> runtimes = Json.obj();
        for (String rt : r.runtimes()) {
            runtimes.put(rt, Map.of("path", "runc"));
        }
        o.put("Runtimes", runtimes);
        o.put("DefaultRuntime", "runc");
        io.dockwire.docker.Swarm swarm = engine.swarm();
        io.dockwire.docker.SwarmMember self = swarm.self();
        o.put("Swarm", self == null ? fields("NodeID", "", "NodeAddr", "", "LocalNodeState", "inactive",
                "ControlAvailable", false, "Error", "", "RemoteManagers", null)
                : fields("NodeID", self.id(), "NodeAddr", self.address(), "LocalNodeState", "active",
                "ControlAvailable", self.manager(), "Error", "", "RemoteManagers", swarm.cluster().members().stream()
                        .filter(io.dockwire.docker.SwarmMember::manager)
                        .map(m -> (Object) fields("NodeID", m.id(), "Addr", m.address() + ":2377")).toList()));
        o.put("LiveRestoreEnabled", false);
        o.put("InitBinary", "docker-init");
        o.put("ContainerdCommit", commit(r.components().get(0).gitCommit()));
        o.put("RuncCommit", commit(r.components().get(1).gitCommit()));
        o.put("InitCommit", commit(r.components().get(2).gitCommit()));
        o.put("SecurityOptions", List.of("name=apparmor", "name=seccomp,profile=" + r.seccompProfile(), "name=cgroupns"));
        o.put("Debug", false);
        Map<String, Object> client = fields("Debug", false);
        client.putAll(clientVersion());
        List<Object> plugs = new ArrayList<>();
        for (Plugin p : r.plugins()) {
            plugs.add(fields("SchemaVersion", "0.1.0", "Vendor", p.vendor(), "Version", p.version(),
                    "ShortDescription", p.shortDescription(), "Name", p.name(), "Path", p.path()));
        }
        client.put("Plugins", plugs);
        client.put("Warnings", null);
        o.put("ClientInfo", client);
        return o;
    }

    private static Map<String, Object> commit(String id) {
        return fields("ID", id, "Expected", id);
    }

    /**
     * The daemon's ID, from the run's seed (its own stream: drawing it changes no other id). Docker
     * 23+ makes a UUID (v4); 20.10 shows the libtrust key ID of its key.json: 48 base32
     * characters of the key's SHA-256 in groups of 4.
     */
    private String daemonId() {
        SplittableRandom rnd = new SplittableRandom(engine.seed() ^ 0x6461656d6f6e4944L); // "daemonID"
        if (release.uuidId()) {
            long hi = (rnd.nextLong() & ~0xf000L) | 0x4000L;
            long lo = (rnd.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
            String h = String.format("%016x%016x", hi, lo);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                    + h.substring(16, 20) + "-" + h.substring(20);
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 48; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(':');
            }
            sb.append(alphabet.charAt(rnd.nextInt(32)));
        }
        return sb.toString();
    }

    /** go-units BytesSize: binary units, Go's %.4g (4 significant digits, no trailing zeros). */
    static String bytesSize(double size) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
        int i = 0;
        while (size >= 1024 && i < units.length - 1) {
            size /= 1024;
            i++;
        }
        return new BigDecimal(size).round(new MathContext(4)).stripTrailingZeros().toPlainString() + units[i];
    }
}
