package io.dockwire.kernel;

import io.dockwire.command.CommandResult;
import io.dockwire.ip.Emulation;
import io.dockwire.ip.IpStats;
import io.dockwire.ip.NetNamespace;
import io.dockwire.l2.Bridge;
import io.dockwire.l2.BridgeTools;
import io.dockwire.link.NetDevice;
import io.dockwire.netfilter.IptablesCommand;
import io.dockwire.sim.Simulator;
import io.dockwire.trace.CaptureSink;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The emulated Linux machines of one run: every network namespace (the Docker host, its
 * containers, outside machines) with its IP stack, netfilter and TCP, and the administration
 * commands of a Linux shell run against them by argv ({@code ip}, {@code iptables},
 * {@code iptables-save}, {@code sysctl}, {@code conntrack}, {@code bridge}, {@code brctl},
 * {@code nstat}). Nothing here touches the real machine.
 *
 * <p>Every namespace gets its services when it appears (created by {@code ip netns add} through
 * {@link #exec}, or by {@link #namespace}); a namespace without a netfilter rule pays one call
 * per hook and tracks no connections.
 */
public final class Kernel {
    /** Simulated time 0 is this wall-clock instant (2024-06-01 00:00:00 UTC), for dates printed by tools. */
    public static final long EPOCH_SECONDS = 1_717_200_000L;
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Emulation emu;
    private final Map<NetNamespace, Services> services = new IdentityHashMap<>();
    private Consumer<String> kernelLog = line -> { };
    private boolean trace;

    /** One namespace's protocol services. */
    public static final class Services {
        final NetNamespace ns;
        final NetfilterGlue netfilter;
        final IptablesCommand iptables;
        final TcpGlue tcp;
        /** What the last nstat here saw (its history file); null before the first. */
        Map<String, Long> nstatHistory;

        Services(NetNamespace ns, NetfilterGlue netfilter, IptablesCommand iptables, TcpGlue tcp) {
            this.ns = ns;
            this.netfilter = netfilter;
            this.iptables = iptables;
            this.tcp = tcp;
        }

        public NetNamespace ns() {
            return ns;
        }

        public NetfilterGlue netfilter() {
            return netfilter;
        }

        public TcpGlue tcp() {
            return tcp;
        }
    }

    public Kernel(Simulator sim, CaptureSink sink) {
        this.emu = new Emulation(sim, sink);
        attach(emu.root());
        // One flow-hash key for the machine, as the kernel draws hashrnd once per boot: derived
        // from the seed, not drawn from the random source (which would shift every later draw).
        emu.registerLinkKind("vxlan", new io.dockwire.vxlan.VxlanSockets(emu,
                (int) ((sim.random().seed() * 0x9E3779B97F4A7C15L) >>> 32)));
    }

    public Emulation emulation() {
        return emu;
    }

    public Simulator sim() {
        return emu.sim();
    }

    /** TRACE every packet through netfilter in every namespace (now and later), to the kernel log. */
    public void setTrace(boolean on) {
        this.trace = on;
        for (Services s : services.values()) {
            s.netfilter.netfilter().setTrace(on);
        }
    }

    /** Where LOG target lines and kernel warnings go. */
    public void setKernelLog(Consumer<String> log) {
        this.kernelLog = log;
        for (Services s : services.values()) {
            s.netfilter.setLog(log);
        }
    }

    /** The namespace by name (null = the root namespace), created with its services if new. */
    public Services namespace(String name) {
        if (name == null) {
            return services.get(emu.root());
        }
        NetNamespace ns = emu.findNetns(name);
        if (ns == null) {
            ns = emu.addNetns(name);
        }
        sync();
        return services.get(ns);
    }

    /** The services of an existing namespace, or null. */
    public Services find(String name) {
        NetNamespace ns = name == null ? emu.root() : emu.findNetns(name);
        return ns == null ? null : services.get(ns);
    }

    /**
     * Runs one administration command in namespace {@code ns} (null = root), as a shell there
     * would. Returns what the tool prints and its exit status; unknown commands give the shell's
     * {@code command not found} (127).
     */
    public CommandResult exec(String ns, List<String> argv) {
        if (argv.isEmpty()) {
            return new CommandResult("", "", 0);
        }
        Services s = find(ns);
        if (s == null) {
            return new CommandResult("", "Cannot open network namespace \"" + ns + "\": No such file or directory\n", 1);
        }
        String cmd = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        CommandResult r = switch (cmd) {
            case "ip" -> ip(ns, args);
            case "iptables", "iptables-save" -> iptables(s, argv);
            case "sysctl" -> Sysctl.run(s.ns, args);
            case "conntrack" -> conntrack(s, args);
            case "bridge" -> bridge(s, args);
            case "brctl" -> brctl(s, args);
            case "nstat" -> nstat(s, args);
            default -> new CommandResult("", cmd + ": command not found\n", 127);
        };
        sync();
        return r;
    }

    private CommandResult ip(String ns, List<String> args) {
        return emu.ipIn(ns, args.toArray(String[]::new));
    }

    private CommandResult iptables(Services s, List<String> argv) {
        return s.iptables.run(argv.toArray(String[]::new));
    }

    private CommandResult conntrack(Services s, List<String> args) {
        if (args.isEmpty() || !(args.get(0).equals("-L") || args.get(0).equals("--dump"))) {
            return new CommandResult("", "conntrack v1.4.7 (conntrack-tools): only -L is emulated\n", 2);
        }
        return s.netfilter.netfilter().conntrackList(sim().now());
    }

    private CommandResult bridge(Services s, List<String> args) {
        if (args.size() >= 2 && args.get(0).equals("fdb") && List.of("add", "append", "replace", "del", "delete")
                .contains(args.get(1))) {
            return fdbChange(s, args);
        }
        if (args.size() >= 2 && args.get(0).equals("fdb") && args.get(1).equals("show")) {
            StringBuilder sb = new StringBuilder();
            String only = args.size() >= 4 && args.get(2).equals("br") ? args.get(3) : null;
            for (Bridge br : bridges(s.ns)) {
                if (only == null || br.name().equals(only)) {
                    sb.append(BridgeTools.fdbShow(br, sim().now()));
                }
            }
            if (only != null && bridges(s.ns).stream().noneMatch(b -> b.name().equals(only))) {
                return new CommandResult("", "Cannot find device \"" + only + "\"\n", 1);
            }
            return new CommandResult(sb.toString(), "", 0);
        }
        return new CommandResult("", "Command \"" + String.join(" ", args) + "\" is unknown, try \"bridge help\".\n", 1);
    }

    /**
     * {@code bridge fdb add|append|replace|del MAC dev DEV [dst IP] [self] [permanent]} for a vxlan
     * device's own table (what libnetwork's overlay driver programs per remote endpoint).
     */
    private CommandResult fdbChange(Services s, List<String> args) {
        String verb = args.get(1);
        long mac = -1;
        String dev = null;
        int dst = 0;
        for (int i = 2; i < args.size(); i++) {
            String w = args.get(i);
            switch (w) {
                case "dev" -> dev = i + 1 < args.size() ? args.get(++i) : null;
                case "dst" -> {
                    String v = i + 1 < args.size() ? args.get(++i) : "";
                    dst = io.dockwire.wire.Ipv4Address.parse(v);
                }
                case "self", "permanent", "static" -> { }
                default -> {
                    if (mac >= 0) {
                        return new CommandResult("", "bridge: option \"" + w + "\" is not emulated\n", 1);
                    }
                    try {
                        mac = io.dockwire.wire.MacAddress.parse(w);
                    } catch (IllegalArgumentException e) {
                        return new CommandResult("", "Invalid mac address " + w + "\n", 255);
                    }
                }
            }
        }
        if (dev == null || mac < 0) {
            return new CommandResult("", "Device and address are required arguments.\n", 255);
        }
        NetDevice d = s.ns.device(dev);
        if (d == null) {
            return new CommandResult("", "Cannot find device \"" + dev + "\"\n", 1);
        }
        if (!(d instanceof io.dockwire.vxlan.VxlanDevice v)) {
            return new CommandResult("", "bridge fdb " + verb + " is emulated for vxlan devices only\n", 1);
        }
        if (verb.startsWith("del")) {
            return v.removeEntry(mac) ? new CommandResult("", "", 0)
                    : new CommandResult("", "RTNETLINK answers: No such file or directory\n", 2);
        }
        if (dst == 0) {
            return new CommandResult("", "bridge fdb " + verb + " without dst is not emulated\n", 1);
        }
        if (verb.equals("replace")) {
            v.removeEntry(mac);
        }
        if (!v.addPermanent(mac, dst) && verb.equals("add")) {
            return new CommandResult("", "RTNETLINK answers: File exists\n", 2);
        }
        return new CommandResult("", "", 0);
    }

    private CommandResult brctl(Services s, List<String> args) {
        if (args.isEmpty() || args.get(0).equals("show")) {
            return new CommandResult(BridgeTools.brctlShow(bridges(s.ns)), "", 0);
        }
        return new CommandResult("", "never heard of command [" + args.get(0) + "]\n", 1);
    }

    /**
     * nstat (iproute2): the counters' increments since the history (the values the last nstat in
     * this namespace saw; absolute values when there is none, or with -a or -r), non-zero ones
     * only unless -z; the history is then updated unless -s. -n prints nothing.
     */
    private CommandResult nstat(Services s, List<String> args) {
        List<String> names = new ArrayList<>();
        boolean absolute = false;
        boolean zeros = false;
        boolean noOutput = false;
        boolean noUpdate = false;
        for (String a : args) {
            if (!a.startsWith("-")) {
                names.add(a);
                continue;
            }
            String flags = switch (a) {
                case "--ignore" -> "a";
                case "--zeros" -> "z";
                case "--nooutput" -> "n";
                case "--noupdate" -> "s";
                case "--reset" -> "r";
                default -> a.startsWith("--") ? null : a.substring(1);
            };
            if (flags == null || !flags.matches("[aznsr]+")) {
                return new CommandResult("", "nstat: option " + a + " is not emulated (emulated: -a -z -n -s -r)\n", 1);
            }
            absolute |= flags.contains("a") || flags.contains("r");
            zeros |= flags.contains("z");
            noOutput |= flags.contains("n");
            noUpdate |= flags.contains("s");
        }
        // The Tcp group lives in the TCP stack's own counters (TcpCounters), not in the IP layer's.
        Map<String, Long> current = s.ns.stats().values(s.tcp.stack().counters().asMap());
        Map<String, Long> base = absolute || s.nstatHistory == null ? Map.of() : s.nstatHistory;
        String out = noOutput ? "" : IpStats.nstat(current, base, zeros, names.toArray(String[]::new));
        if (!noUpdate) {
            s.nstatHistory = current;
        }
        return new CommandResult(out, "", 0);
    }

    private static List<Bridge> bridges(NetNamespace ns) {
        List<Bridge> out = new ArrayList<>();
        for (NetDevice d : ns.devices()) {
            if (d instanceof Bridge b) {
                out.add(b);
            }
        }
        return out;
    }

    /** ctime-style date at the current simulated time (iptables-save's header). */
    public String date() {
        return CTIME.format(Instant.ofEpochSecond(EPOCH_SECONDS + sim().now() / 1_000_000_000L));
    }

    private int synced = -1;

    /**
     * Gives services to namespaces that appeared since the last call, in creation order, drops
     * those of namespaces that went, and hooks new bridges to their namespace's netfilter. Every
     * exec ends here: it works on what changed only, so a world of 10,000 namespaces costs no
     * more per command than a small one.
     */
    private void sync() {
        int c = emu.changes();
        if (c == synced) {
            return;
        }
        synced = c;
        for (NetNamespace ns : emu.drainAdded()) {
            if (!services.containsKey(ns)) {
                attach(ns);
            }
        }
        for (NetNamespace ns : emu.drainRemoved()) {
            if (emu.findNetns(ns.name()) != ns) {
                services.remove(ns);
            }
        }
        pendingBridges.addAll(emu.world().drainAdded());
        // A bridge is hooked once its namespace has services (it may be made before the namespace's turn).
        pendingBridges.removeIf(d -> {
            if (!(d instanceof Bridge br) || br.filter() != null || emu.world().find(d.qualifiedName()) != d) {
                return true;
            }
            Services s = services.get(d.namespace() == null ? emu.root() : emu.findNetns(d.namespace()));
            if (s == null) {
                return false;
            }
            br.setFilter(s.netfilter::bridged);
            return true;
        });
    }

    /** Devices registered but not yet looked at by {@link #sync}. */
    private final List<NetDevice> pendingBridges = new ArrayList<>();

    private void attach(NetNamespace ns) {
        NetfilterGlue nf = new NetfilterGlue(ns);
        nf.setLog(line -> kernelLog.accept(line));
        nf.netfilter().setTrace(trace);
        IptablesCommand ipt = new IptablesCommand(nf.netfilter(), this::date);
        services.put(ns, new Services(ns, nf, ipt, new TcpGlue(ns)));
    }
}
