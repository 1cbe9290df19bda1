package io.dockwire.ip;

import io.dockwire.command.CommandResult;
import io.dockwire.l2.Bridge;
import io.dockwire.link.NetDevice;
import io.dockwire.link.Veth;
import io.dockwire.link.VethPair;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.MacAddress;

import java.util.List;

/**
 * iproute2's {@code ip} over an {@link Emulation}: the subset Docker and the tutorials use, with
 * the tool's own messages and exit codes (checked against iproute2 6.x on Linux 6.x): 1 for a
 * missing device or a bad prefix, 2 for errors the kernel returns (RTNETLINK), 255 for syntax
 * errors. Devices made by {@code ip link add} start down, as on Linux.
 */
final class IpCommand {
    private final Emulation emu;
    /** The /run/netns of the machine the command is typed on: the key prefix of the names it sees. */
    private final String dir;

    IpCommand(Emulation emu, String dir) {
        this.dir = dir;
        this.emu = emu;
    }

    /** Thrown inside a command: becomes stderr + exit code. */
    private static final class Fail extends RuntimeException {
        final int code;

        Fail(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** Global options of the current command: -4 (-f inet), -br. */
    private boolean v4Only;
    private boolean brief;

    CommandResult run(NetNamespace ns, String... argv) {
        v4Only = false;
        brief = false;
        try {
            return CommandResult.ok(dispatch(ns, List.of(argv), 0));
        } catch (Fail f) {
            return CommandResult.fail(f.code, f.getMessage());
        }
    }

    private static boolean matches(String word, String full) {
        return !word.isEmpty() && full.startsWith(word);
    }

    private String dispatch(NetNamespace ns, List<String> a, int i) {
        while (i < a.size() && a.get(i).startsWith("-")) {
            String opt = a.get(i);
            if ((opt.equals("-n") || opt.equals("-netns")) && i + 1 < a.size()) {
                String name = a.get(i + 1);
                ns = emu.findNetns(dir + name);
                if (ns == null) {
                    throw new Fail(255, "Cannot open network namespace \"" + name + "\": No such file or directory\n");
                }
                i += 2;
            } else if (opt.equals("-4") || ((opt.equals("-f") || opt.equals("-family")) && i + 1 < a.size()
                    && a.get(i + 1).equals("inet"))) {
                v4Only = true; // IPv6 is off here: only the link/ lines and address-less devices go
                i += opt.equals("-4") ? 1 : 2;
            } else if (opt.equals("-br") || opt.equals("-brief")) {
                brief = true;
                i++;
            } else if (List.of("-6", "-s", "-stats", "-statistics", "-d", "-details", "-o", "-oneline", "-j", "-json",
                    "-p", "-pretty", "-c", "-color", "-h", "-human", "-r", "-resolve", "-a", "-all", "-t", "-timestamp")
                    .contains(opt)) {
                throw new Fail(1, "dockwire: ip " + opt + " is not emulated\n");
            } else {
                throw new Fail(255, "Option \"" + opt + "\" is unknown, try \"ip -help\".\n");
            }
        }
        if (i >= a.size()) {
            throw new Fail(255, "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n");
        }
        String obj = a.get(i);
        List<String> rest = a.subList(i + 1, a.size());
        // The first object in iproute2's table that the word abbreviates wins.
        if (matches(obj, "address")) {
            return addr(ns, rest);
        } else if (matches(obj, "route")) {
            return route(ns, rest);
        } else if (matches(obj, "neighbor") || matches(obj, "neighbour")) {
            return neigh(ns, rest);
        } else if (matches(obj, "link")) {
            return link(ns, rest);
        } else if (matches(obj, "netns")) {
            return netns(rest);
        }
        throw new Fail(1, "Object \"" + obj + "\" is unknown, try \"ip help\".\n");
    }

    /**
     * {@code ip route get ADDR}: the route the kernel picks, as iproute2 prints it (uid 0, the
     * cache line); a local address goes through the local table.
     */
    private static String routeGet(NetNamespace ns, List<String> a) {
        String to = a.size() > 1 && a.get(1).equals("to") ? next(a, 2) : next(a, 1);
        int dst = address(to, "inet");
        String d = Ipv4Address.toString(dst);
        if (!ns.ip().route(dst)) {
            throw new Fail(2, "RTNETLINK answers: Network is unreachable\n");
        }
        String src = Ipv4Address.toString(ns.ip().routeSrc());
        if (ns.ip().routeIf() == 1) {
            return "local " + d + " dev lo table local src " + src + " uid 0 \n    cache <local> \n";
        }
        int hop = ns.ip().routeNextHop();
        NetDevice out = ns.deviceByIndex(ns.ip().routeIf());
        return d + " " + (hop != dst ? "via " + Ipv4Address.toString(hop) + " " : "") + "dev " + out.name() + " src "
                + src + " uid 0 \n    cache \n";
    }

    private static Fail unknownCommand(String cmd, String object) {
        return new Fail(255, "Command \"" + cmd + "\" is unknown, try \"ip " + object + " help\".\n");
    }

    private static Fail garbage(String key, String word) {
        return new Fail(255, "Error: either \"" + key + "\" is duplicate, or \"" + word + "\" is a garbage.\n");
    }

    private static String next(List<String> a, int i) {
        if (i >= a.size()) {
            throw new Fail(255, "Command line is not complete. Try option \"help\"\n");
        }
        return a.get(i);
    }

    private static NetDevice device(NetNamespace ns, String name) {
        NetDevice d = ns.device(name);
        if (d == null) {
            throw new Fail(1, "Cannot find device \"" + name + "\"\n");
        }
        return d;
    }

    /** {@code [prefix, len]}; "default" is 0/0; a bare address is /32. */
    private static int[] prefix(String s) {
        if (s.equals("default") || s.equals("any") || s.equals("all")) {
            return new int[] {0, 0};
        }
        try {
            int slash = s.indexOf('/');
            int addr = Ipv4Address.parse(slash < 0 ? s : s.substring(0, slash));
            int len = slash < 0 ? 32 : Integer.parseInt(s.substring(slash + 1));
            if (len < 0 || len > 32) {
                throw new IllegalArgumentException();
            }
            return new int[] {addr, len};
        } catch (RuntimeException e) {
            throw new Fail(1, "Error: any valid prefix is expected rather than \"" + s + "\".\n");
        }
    }

    private static int address(String s, String what) {
        try {
            return Ipv4Address.parse(s);
        } catch (RuntimeException e) {
            throw new Fail(1, "Error: " + what + " address is expected rather than \"" + s + "\".\n");
        }
    }

    // ---- ip addr ------------------------------------------------------------------------------

    private String addr(NetNamespace ns, List<String> a) {
        String cmd = a.isEmpty() ? "show" : a.get(0);
        if (matches(cmd, "show") || matches(cmd, "list") || cmd.equals("lst")) {
            NetDevice only = null;
            for (int i = 1; i < a.size(); i++) {
                String w = a.get(i).equals("dev") ? next(a, ++i) : a.get(i);
                only = ns.device(w);
                if (only == null) {
                    throw new Fail(1, "Device \"" + w + "\" does not exist.\n");
                }
            }
            return brief ? IpRender.addrBrief(ns, only, v4Only) : IpRender.addr(ns, only, v4Only);
        }
        boolean add = matches(cmd, "add");
        if (!add && !matches(cmd, "delete")) {
            throw unknownCommand(cmd, "address");
        }
        int[] p = null;
        String dev = null;
        String brd = null;
        for (int i = 1; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "dev" -> dev = next(a, ++i);
                case "brd", "broadcast" -> brd = next(a, ++i);
                case "scope" -> next(a, ++i); // only "global" exists here
                default -> {
                    if (p != null) {
                        throw garbage("local", w);
                    }
                    p = prefix(w.equals("local") ? next(a, ++i) : w);
                }
            }
        }
        if (dev == null || p == null) {
            throw new Fail(1, "Not enough information: \"dev\" argument is required.\n");
        }
        NetDevice d = device(ns, dev);
        if (!add) {
            if (!ns.removeAddress(d, p[0])) {
                throw new Fail(2, "Error: ipv4: Address not found.\n");
            }
            return "";
        }
        int b = 0;
        if (brd != null) {
            b = brd.equals("+") ? (p[1] < 31 ? p[0] | ~Ipv4Address.mask(p[1]) : 0) : address(brd, "inet");
        }
        if (!ns.addAddress(d, p[0], p[1], b)) {
            throw new Fail(2, "Error: ipv4: Address already assigned.\n");
        }
        return "";
    }

    // ---- ip route -----------------------------------------------------------------------------

    private String route(NetNamespace ns, List<String> a) {
        String cmd = a.isEmpty() ? "show" : a.get(0);
        if (matches(cmd, "show") || matches(cmd, "list") || cmd.equals("lst")) {
            return ns.ipRoute();
        }
        if (matches(cmd, "get")) {
            return routeGet(ns, a);
        }
        boolean add = matches(cmd, "add");
        if (!add && !matches(cmd, "delete")) {
            throw unknownCommand(cmd, "route");
        }
        int[] p = null;
        int gw = 0;
        String dev = null;
        int src = 0;
        for (int i = 1; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "via" -> gw = address(next(a, ++i), "inet");
                case "dev", "oif" -> dev = next(a, ++i);
                case "src" -> src = address(next(a, ++i), "inet");
                case "proto", "scope", "metric" -> next(a, ++i);
                default -> {
                    if (p != null) {
                        throw garbage("to", w);
                    }
                    p = prefix(w.equals("to") ? next(a, ++i) : w);
                }
            }
        }
        if (p == null) {
            throw new Fail(255, "Command line is not complete. Try option \"help\"\n");
        }
        NetDevice d = dev == null ? null : device(ns, dev);
        RouteTable rt = ns.routes();
        if (!add) {
            if (!rt.remove(p[0], p[1], d == null ? 0 : d.ifindex())) {
                throw new Fail(2, "RTNETLINK answers: No such process\n");
            }
            return "";
        }
        if (gw != 0) {
            // fib_check_nh: the gateway must be on a link route (through the given device).
            int r = rt.lookup(gw);
            if (r < 0 || rt.gateway(r) != 0 || (d != null && rt.ifindex(r) != d.ifindex())) {
                throw new Fail(2, "Error: Nexthop has invalid gateway.\n");
            }
            if (d == null) {
                d = ns.deviceByIndex(rt.ifindex(r));
            }
        }
        if (d == null) {
            throw new Fail(2, "RTNETLINK answers: No such device\n");
        }
        if (!d.isUp()) {
            throw new Fail(2, "Error: Nexthop device is not up.\n");
        }
        try {
            rt.add(p[0], p[1], gw, d.ifindex(), src, RouteTable.PROTO_BOOT,
                    gw == 0 ? RouteTable.SCOPE_LINK : RouteTable.SCOPE_UNIVERSE);
        } catch (IllegalStateException e) {
            throw new Fail(2, "RTNETLINK answers: File exists\n");
        }
        return "";
    }

    // ---- ip neigh -----------------------------------------------------------------------------

    private String neigh(NetNamespace ns, List<String> a) {
        String cmd = a.isEmpty() ? "show" : a.get(0);
        if (matches(cmd, "show") || matches(cmd, "list") || cmd.equals("lst")) {
            if (a.size() >= 3 && a.get(1).equals("dev")) {
                NetDevice d = ns.device(a.get(2));
                if (d == null) {
                    throw new Fail(1, "Cannot find device \"" + a.get(2) + "\"\n");
                }
                return ns.ipNeigh(d);
            }
            return ns.ipNeigh();
        }
        if (matches(cmd, "delete")) {
            int addr = 0;
            String dev = null;
            for (int i = 1; i < a.size(); i++) {
                String w = a.get(i);
                if (w.equals("dev")) {
                    dev = next(a, ++i);
                } else {
                    addr = address(w.equals("to") ? next(a, ++i) : w, "inet");
                }
            }
            if (dev == null) {
                throw new Fail(1, "Device and destination are required arguments.\n");
            }
            if (!ns.deleteNeighbour(device(ns, dev), addr)) {
                throw new Fail(2, "RTNETLINK answers: No such file or directory\n");
            }
            return "";
        }
        if (!matches(cmd, "add") && !matches(cmd, "replace")) {
            throw unknownCommand(cmd, "neigh");
        }
        int addr = 0;
        long mac = -1;
        String dev = null;
        for (int i = 1; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "lladdr" -> mac = MacAddress.parse(next(a, ++i));
                case "dev" -> dev = next(a, ++i);
                case "nud" -> {
                    String s = next(a, ++i);
                    if (!s.equals("permanent")) {
                        throw new Fail(255, "Error: only \"nud permanent\" is modelled, not \"" + s + "\".\n");
                    }
                }
                default -> addr = address(w.equals("to") ? next(a, ++i) : w, "inet");
            }
        }
        if (dev == null || mac < 0) {
            throw new Fail(1, "Device and destination are required arguments.\n");
        }
        ns.addPermanentNeighbour(device(ns, dev), addr, mac);
        return "";
    }

    // ---- ip netns -----------------------------------------------------------------------------

    private String netns(List<String> a) {
        String cmd = a.isEmpty() ? "list" : a.get(0);
        if (matches(cmd, "list") || cmd.equals("show")) {
            StringBuilder sb = new StringBuilder();
            for (String n : emu.listedNetns(dir)) {
                sb.append(n).append('\n');
            }
            return sb.toString();
        }
        if (cmd.equals("add")) {
            String name = next(a, 1);
            if (emu.findNetns(dir + name) != null) {
                throw new Fail(1, "Cannot create namespace file \"/run/netns/" + name + "\": File exists\n");
            }
            emu.addNetns(dir, name);
            return "";
        }
        if (matches(cmd, "delete")) {
            String name = next(a, 1);
            if (emu.findNetns(dir + name) == null) {
                throw new Fail(1, "Cannot remove namespace file \"/run/netns/" + name + "\": No such file or directory\n");
            }
            if (!emu.removeNetns(dir + name)) {
                throw new Fail(1, "dockwire: namespace \"" + name + "\" still has devices; delete them first\n");
            }
            return "";
        }
        throw unknownCommand(cmd, "netns");
    }

    // ---- ip link ------------------------------------------------------------------------------

    private String link(NetNamespace ns, List<String> a) {
        String cmd = a.isEmpty() ? "show" : a.get(0);
        if (matches(cmd, "show") || matches(cmd, "list") || cmd.equals("lst")) {
            java.util.function.Predicate<NetDevice> filter = d -> true;
            boolean loShown = true;
            NetDevice only = null;
            for (int i = 1; i < a.size(); i++) {
                String w = a.get(i);
                switch (w) {
                    case "master" -> {
                        String m = next(a, ++i);
                        if (ns.device(m) == null) {
                            throw new Fail(1, "Device \"" + m + "\" does not exist.\n");
                        }
                        filter = filter.and(d -> d.master() != null && d.master().device().name().equals(m));
                        loShown = false;
                    }
                    case "type" -> {
                        String t = next(a, ++i);
                        filter = filter.and(d -> t.equals(d instanceof io.dockwire.l2.Bridge ? "bridge"
                                : d instanceof io.dockwire.link.Veth ? "veth" : "other"));
                        loShown = false;
                    }
                    case "up" -> {
                        filter = filter.and(NetDevice::isUp);
                        loShown &= ns.loopbackUp();
                    }
                    default -> {
                        String name = w.equals("dev") ? next(a, ++i) : w;
                        if (name.equals("lo")) { // lo alone: no device of the list
                            return brief ? IpRender.linkBrief(ns, d -> false, true) : IpRender.link(ns, d -> false, true);
                        }
                        only = ns.device(name);
                        if (only == null) {
                            throw new Fail(1, "Device \"" + name + "\" does not exist.\n");
                        }
                        loShown = false;
                    }
                }
            }
            NetDevice one = only;
            java.util.function.Predicate<NetDevice> f = one == null ? filter : filter.and(d -> d == one);
            return brief ? IpRender.linkBrief(ns, f, loShown) : IpRender.link(ns, f, loShown);
        }
        if (matches(cmd, "add")) {
            return linkAdd(ns, a);
        }
        if (matches(cmd, "set")) {
            return linkSet(ns, a);
        }
        if (matches(cmd, "delete")) {
            String w = next(a, 1).equals("dev") ? next(a, 2) : a.get(1);
            linkDelete(ns, device(ns, w));
            return "";
        }
        throw unknownCommand(cmd, "link");
    }

    private NetNamespace targetNetns(String name) {
        NetNamespace t = emu.findNetns(dir + name);
        if (t == null) {
            throw new Fail(255, "Error: argument \"" + name + "\" is wrong: Invalid \"netns\" value\n\n");
        }
        return t;
    }

    private boolean nameTaken(NetNamespace ns, String name) {
        return name.equals("lo") || ns.device(name) != null;
    }

    private String linkAdd(NetNamespace ns, List<String> a) {
        String name = null;
        String type = null;
        String peer = null;
        NetNamespace nsA = ns;
        NetNamespace nsB = null;
        boolean inPeer = false;
        Long macA = null;
        Long macB = null;
        Integer qlenA = null;
        Integer qlenB = null;
        Integer mtu = null;
        Integer mtuB = null;
        List<String> kindArgs = null;
        for (int i = 1; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "txqlen", "txqueuelen" -> {
                    int q = txqlen(next(a, ++i));
                    if (inPeer) {
                        qlenB = q;
                    } else {
                        qlenA = q;
                    }
                }
                case "address" -> {
                    long m = MacAddress.parse(next(a, ++i));
                    if (inPeer) {
                        macB = m;
                    } else {
                        macA = m;
                    }
                }
                case "name" -> {
                    if (inPeer) {
                        peer = next(a, ++i);
                    } else {
                        name = next(a, ++i);
                    }
                }
                case "type" -> {
                    type = next(a, ++i);
                    if (emu.linkKind(type) != null) {
                        kindArgs = a.subList(i + 1, a.size()); // the rest is the kind's to parse
                        i = a.size();
                    }
                }
                case "mtu" -> {
                    if (inPeer) {
                        mtuB = mtu(next(a, ++i));
                    } else {
                        mtu = mtu(next(a, ++i));
                    }
                }
                case "peer" -> inPeer = true;
                case "netns" -> {
                    NetNamespace t = targetNetns(next(a, ++i));
                    if (inPeer) {
                        nsB = t;
                    } else {
                        nsA = t;
                    }
                }
                default -> {
                    if (inPeer && peer == null) {
                        peer = w;
                    } else if (!inPeer && name == null && type == null) {
                        name = w;
                    } else {
                        throw garbage(inPeer ? "name" : "dev", w);
                    }
                }
            }
        }
        if (name == null) {
            throw new Fail(255, "Not enough information: \"dev\" argument is required.\n");
        }
        if (type == null) {
            throw new Fail(2, "RTNETLINK answers: Operation not supported\n");
        }
        if (nameTaken(nsA, name)) {
            throw new Fail(2, "RTNETLINK answers: File exists\n");
        }
        checkName(name);
        checkMtu(mtu);
        if (kindArgs != null) {
            NetDevice d;
            try {
                d = emu.linkKind(type).create(nsA, name, kindArgs);
            } catch (IllegalArgumentException e) {
                throw new Fail(255, e.getMessage() + "\n");
            }
            if (macA != null) {
                d.setMac(macA);
            }
            if (mtu != null) {
                d.setMtu(mtu);
            }
            if (qlenA != null) {
                d.setTxQueueLen(qlenA);
            }
            d.setUp(false);
            nsA.attach(d);
            return "";
        }
        if (type.equals("bridge")) {
            Bridge br = new Bridge(emu.world(), name, nsA.name());
            if (macA != null) {
                br.setMac(macA); // a set address no longer follows the lowest port MAC (Linux addr_assign_type)
            }
            if (qlenA != null) {
                br.setTxQueueLen(qlenA);
            }
            if (mtu != null) {
                br.setMtu(mtu);
            }
            br.setUp(false);
            nsA.attach(br);
            return "";
        }
        if (!type.equals("veth")) {
            throw new Fail(2, "Error: Unknown device type.\n");
        }
        if (nsB == null) {
            nsB = nsA;
        }
        if (peer == null) {
            peer = "veth" + emu.world().devices().size(); // Linux picks vethN; rarely used
        }
        checkName(peer);
        if (nameTaken(nsB, peer) || (nsB == nsA && peer.equals(name))) {
            throw new Fail(2, "RTNETLINK answers: File exists\n");
        }
        VethPair p = emu.world().vethPair(name, nsA.name(), peer, nsB.name());
        p.a().setUp(false);
        p.b().setUp(false);
        if (macA != null) {
            p.a().setMac(macA);
        }
        if (macB != null) {
            p.b().setMac(macB);
        }
        if (qlenA != null) {
            p.a().setTxQueueLen(qlenA);
        }
        if (mtu != null) {
            p.a().setMtu(mtu);
        }
        checkMtu(mtuB);
        if (mtuB != null) {
            p.b().setMtu(mtuB);
        }
        if (qlenB != null) {
            p.b().setTxQueueLen(qlenB);
        }
        nsA.attach(p.a());
        nsB.attach(p.b());
        return "";
    }

    /** iproute2's mtu argument. */
    private static int mtu(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Fail(255, "Error: argument \"" + s + "\" is wrong: Invalid \"mtu\" value\n\n");
        }
    }

    /** The kernel's dev_validate_mtu for an Ethernet device (68..65535); null: none asked. */
    private static void checkMtu(Integer mtu) {
        if (mtu != null && (mtu < 68 || mtu > 65535)) {
            throw new Fail(2, "Error: mtu " + (mtu < 68 ? "less than device minimum" : "greater than device maximum")
                    + ".\n");
        }
    }

    /** iproute2's txqueuelen argument: an unsigned 32-bit number. */
    private static int txqlen(String s) {
        try {
            long q = Long.parseLong(s);
            if (q >= 0 && q <= 0xFFFF_FFFFL) {
                return (int) q;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Fail(255, "Error: argument \"" + s + "\" is wrong: Invalid \"txqueuelen\" value\n\n");
    }

    private static void checkName(String name) {
        if (name.length() > 15 || name.isEmpty() || name.contains("/") || name.contains(":") || name.contains(" ")) {
            throw new Fail(255, "Error: argument \"" + name + "\" is wrong: \"name\" not a valid ifname\n\n");
        }
    }

    private String linkSet(NetNamespace ns, List<String> a) {
        String devName = null;
        Boolean up = null;
        String master = null;
        boolean nomaster = false;
        NetNamespace target = null;
        Long mac = null;
        Integer mtu = null;
        Integer qlen = null;
        String newName = null;
        for (int i = 1; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "dev" -> devName = next(a, ++i);
                case "txqlen", "txqueuelen" -> qlen = txqlen(next(a, ++i));
                case "up" -> up = true;
                case "down" -> up = false;
                case "master" -> master = next(a, ++i);
                case "nomaster" -> nomaster = true;
                case "netns" -> target = targetNetns(next(a, ++i));
                case "address" -> {
                    String s = next(a, ++i);
                    try {
                        mac = MacAddress.parse(s);
                    } catch (RuntimeException e) {
                        throw new Fail(1, "\"" + s + "\" is invalid lladdr.\n");
                    }
                }
                case "mtu" -> mtu = mtu(next(a, ++i));
                case "name" -> {
                    newName = next(a, ++i);
                    checkName(newName);
                }
                default -> {
                    if (devName != null) {
                        throw garbage("dev", w);
                    }
                    devName = w;
                }
            }
        }
        if (devName == null) {
            throw new Fail(255, "Not enough information: \"dev\" argument is required.\n");
        }
        if (devName.equals("lo")) {
            if (up != null) {
                ns.setLoopbackUp(up);
            }
            return "";
        }
        NetDevice d = device(ns, devName);
        Bridge br = null;
        if (master != null) {
            NetDevice m = ns.device(master);
            if (m == null) {
                throw new Fail(255, "Error: argument \"" + master + "\" is wrong: Device does not exist\n\n");
            }
            if (!(m instanceof Bridge)) {
                throw new Fail(2, "RTNETLINK answers: Operation not supported\n");
            }
            br = (Bridge) m;
        }
        if (newName != null && !newName.equals(d.name()) && nameTaken(ns, newName)) {
            throw new Fail(2, "RTNETLINK answers: File exists\n");
        }
        checkMtu(mtu);
        if (target != null && target != ns) {
            if (target.device(d.name()) != null) {
                throw new Fail(2, "RTNETLINK answers: File exists\n");
            }
            // dev_change_net_namespace: the device is closed, leaves its master, loses its addresses.
            if (d.master() != null && d.master().device() instanceof Bridge b) {
                b.removePort(d);
            }
            ns.detach(d);
            d.setUp(false);
            emu.world().move(d, target.name());
            target.attach(d);
            ns = target;
        }
        if (newName != null && !newName.equals(d.name())) {
            emu.world().rename(d, newName);
        }
        if (mac != null) {
            d.setMac(mac);
        }
        if (mtu != null) {
            d.setMtu(mtu);
        }
        if (qlen != null) {
            d.setTxQueueLen(qlen);
        }
        if (nomaster && d.master() != null && d.master().device() instanceof Bridge b) {
            b.removePort(d);
        }
        if (br != null && d.master() != br) {
            if (d.master() != null && d.master().device() instanceof Bridge b) {
                b.removePort(d);
            }
            try {
                br.addPort(d);
            } catch (IllegalArgumentException e) {
                throw new Fail(2, "RTNETLINK answers: " + e.getMessage() + "\n");
            }
        }
        if (up != null) {
            ns.setLinkUp(d, up);
        }
        return "";
    }

    private void linkDelete(NetNamespace ns, NetDevice d) {
        if (d instanceof Veth v) {
            removeDevice(ns, v);
            Veth p = v.peer();
            NetNamespace pns = emu.byKey(p.namespace());
            if (pns != null) {
                removeDevice(pns, p);
            }
        } else {
            if (d instanceof Bridge br) {
                for (NetDevice port : br.ports()) {
                    br.removePort(port);
                }
            }
            removeDevice(ns, d);
        }
    }

    private void removeDevice(NetNamespace ns, NetDevice d) {
        if (d.master() != null && d.master().device() instanceof Bridge b) {
            b.removePort(d);
        }
        ns.detach(d);
        emu.world().remove(d);
    }
}
