package io.dockwire.vxlan;

import io.dockwire.ip.Emulation;
import io.dockwire.ip.LinkKind;
import io.dockwire.ip.NetNamespace;
import io.dockwire.ip.UdpReceiver;
import io.dockwire.ip.UdpSocket;
import io.dockwire.link.NetDevice;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code vxlan} link kind: parses {@code ip link add NAME type vxlan ARGS} and keeps the UDP
 * sockets the devices share (struct vxlan_sock: one per namespace and port, in the namespace the
 * device was created in - it stays there when the device moves). A socket hands each datagram to
 * the device of its VNI.
 */
public final class VxlanSockets implements LinkKind {
    /** The options a device was created with. */
    record Config(int vni, int dstPort, boolean learning, boolean proxy, boolean l2miss, boolean l3miss,
                  boolean udpCsum, int ageing) {
    }

    private final Emulation emu;
    private final int hashSeed;
    private final Map<NetNamespace, Int2ObjectOpenHashMap<Socket>> sockets = new IdentityHashMap<>();

    /** {@code hashSeed}: the kernel's flow-hash key (hashrnd), drawn once per boot. */
    public VxlanSockets(Emulation emu, int hashSeed) {
        this.emu = emu;
        this.hashSeed = hashSeed;
    }

    /** A UDP socket of one namespace and port, and the devices (by VNI) it serves. */
    final class Socket implements UdpReceiver {
        private final NetNamespace ns;
        private final int port;
        private final UdpSocket udp;
        private final Int2ObjectOpenHashMap<VxlanDevice> byVni = new Int2ObjectOpenHashMap<>();

        Socket(NetNamespace ns, int port) {
            this.ns = ns;
            this.port = port;
            this.udp = ns.udpOpen(this);
            int rc = udp.bind(0, port);
            if (rc < 0) {
                throw new IllegalArgumentException("RTNETLINK answers: Address already in use");
            }
        }

        int hashSeed() {
            return hashSeed;
        }

        void add(VxlanDevice d) {
            byVni.put(d.vni(), d);
        }

        void remove(VxlanDevice d) {
            if (byVni.get(d.vni()) == d) {
                byVni.remove(d.vni());
            }
            if (byVni.isEmpty()) {
                udp.close();
                Int2ObjectOpenHashMap<Socket> of = sockets.get(ns);
                if (of != null && of.get(port) == this) {
                    of.remove(port);
                }
            }
        }

        /** The VXLAN header {@code head} and the frame {@code frame[0, len)}, to {@code dst:dport} from {@code sport}. */
        void send(int dst, int sport, int dport, byte[] head, byte[] frame, int len, int tos, boolean partial, long now) {
            udp.sendTunnel(dst, sport, dport, head, head.length, frame, 0, len, tos, false, partial, now);
        }

        @Override
        public void receive(UdpSocket s, int srcAddr, int srcPort, int dstAddr, int dstPort, byte[] buf, int off,
                            int len, long now) {
            if (!VxlanDevice.valid(buf, off, len)) {
                return;
            }
            VxlanDevice d = byVni.get(VxlanDevice.vniOf(buf, off));
            if (d != null) {
                d.decap(buf, off, len, srcAddr, s.deliveringInnerPartial(), now);
            }
        }
    }

    @Override
    public NetDevice create(NetNamespace ns, String name, List<String> args) {
        Config c = parse(args);
        Int2ObjectOpenHashMap<Socket> of = sockets.computeIfAbsent(ns, k -> new Int2ObjectOpenHashMap<>());
        Socket s = of.get(c.dstPort());
        if (s == null) {
            s = new Socket(ns, c.dstPort());
            of.put(c.dstPort(), s);
        } else if (s.byVni.containsKey(c.vni())) {
            throw new IllegalArgumentException("RTNETLINK answers: File exists");
        }
        return new VxlanDevice(emu.world(), emu, name, ns.name(), ns.random().randomMac(), s, c);
    }

    /** iproute2's vxlan_parse_opt for the options dockwire models. */
    static Config parse(List<String> args) {
        Integer vni = null;
        int port = -1;
        boolean learning = true;
        boolean proxy = false;
        boolean l2miss = false;
        boolean l3miss = false;
        boolean udpCsum = true;
        int ageing = 300;
        List<String> a = new ArrayList<>(args);
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            switch (w) {
                case "id", "vni" -> vni = number(a, ++i, w, 0xFFFFFF);
                case "dstport" -> port = number(a, ++i, w, 0xFFFF);
                case "ageing" -> ageing = number(a, ++i, w, Integer.MAX_VALUE);
                case "ttl", "hoplimit" -> {
                    String v = i + 1 < a.size() ? a.get(++i) : "";
                    if (!v.equals("auto")) {
                        throw new IllegalArgumentException("dockwire: vxlan ttl " + v + " is not emulated (only auto)");
                    }
                }
                case "learning" -> learning = true;
                case "nolearning" -> learning = false;
                case "proxy" -> proxy = true;
                case "noproxy" -> proxy = false;
                case "l2miss" -> l2miss = true;
                case "nol2miss" -> l2miss = false;
                case "l3miss" -> l3miss = true;
                case "nol3miss" -> l3miss = false;
                case "udpcsum" -> udpCsum = true;
                case "noudpcsum" -> udpCsum = false;
                default -> throw new IllegalArgumentException("dockwire: vxlan option \"" + w + "\" is not emulated "
                        + "(emulated: id, dstport, ageing, ttl auto, [no]learning, [no]proxy, [no]l2miss, [no]l3miss, "
                        + "[no]udpcsum)");
            }
        }
        if (vni == null) {
            throw new IllegalArgumentException("vxlan: missing virtual network identifier");
        }
        if (!udpCsum) {
            throw new IllegalArgumentException("dockwire: vxlan noudpcsum is not emulated");
        }
        // Without dstport, iproute2 warns and the kernel uses its own default, 8472.
        return new Config(vni, port < 0 ? 8472 : port, learning, proxy, l2miss, l3miss, udpCsum, ageing);
    }

    private static int number(List<String> a, int i, String what, int max) {
        String v = i < a.size() ? a.get(i) : "";
        try {
            long n = Long.parseLong(v);
            if (n >= 0 && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("Error: argument \"" + v + "\" is wrong: invalid " + what);
    }
}
