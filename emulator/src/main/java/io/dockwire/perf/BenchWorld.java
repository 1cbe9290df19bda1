package io.dockwire.perf;

import io.dockwire.docker.Container;
import io.dockwire.docker.cli.Result;
import io.dockwire.ip.NetNamespace;
import io.dockwire.ip.UdpReceiver;
import io.dockwire.ip.UdpSocket;
import io.dockwire.kernel.Kernel;
import io.dockwire.link.NetDevice;
import io.dockwire.netfilter.Conntrack;
import io.dockwire.scenario.ScenarioWorld;
import io.dockwire.sim.FramePool;
import io.dockwire.sim.Simulator;
import io.dockwire.trace.CaptureSink;
import io.dockwire.wire.Checksum;
import io.dockwire.wire.EthernetFrame;
import io.dockwire.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark world shared by the {@code bench} command and the JMH benchmarks: the full Docker
 * host of the scenarios ({@link ScenarioWorld}: the Docker 27 engine model, its iptables rules,
 * docker0, the LAN with a client behind {@code lan:br0}), containers made with
 * {@code docker run}, and a stream of prebuilt 64-byte UDP frames injected at the sending
 * device's transmit (so the sender's socket and IP stack are not measured; everything from that
 * device's capture point to the receiving socket is). They go as a container's UDP socket sends them over its
 * veth: CHECKSUM_PARTIAL, so the receiver does not verify the UDP checksum (the kernel benchmark's
 * flood.c asks for the same with a virtio_net_hdr). Frames are counted when the receiving
 * namespace's UDP socket gets them, and {@link #batch} checks that every frame it sent arrived.
 *
 * <p>Nothing here reads the wall clock: timing is the caller's business.
 */
public final class BenchWorld {
    /** Ethernet frame length without FCS: 14 + 20 (IPv4) + 8 (UDP) + 22 bytes of payload. */
    public static final int FRAME_BYTES = 64;
    /** Payload bytes per datagram. */
    public static final int PAYLOAD = FRAME_BYTES - 14 - 20 - 8;
    /** UDP discard port the receivers listen on. */
    public static final int SINK_PORT = 9;
    /**
     * Scale: flow p of every container goes to the client's port SCALE_PORT_BASE + p. One
     * destination port for all 100,000 flows would not work, on Linux either: MASQUERADE to one
     * address gives at most ~64,000 distinct source ports per destination (address, port).
     */
    public static final int SCALE_PORT_BASE = 9000;
    /** Source port of the first flow; flow f uses SPORT_BASE + f / sources. */
    public static final int SPORT_BASE = 20000;

    private final Topology topology;
    private final ScenarioWorld host;
    private final Simulator sim;
    private final FramePool pool;
    private final NetDevice[] sources;
    private final byte[] frames;
    private final int flows;
    private int nextFlow;
    private long sent;
    private long delivered;
    private long echoed;
    private boolean echo;
    private final List<UdpSocket> sockets = new ArrayList<>();

    private BenchWorld(Topology topology, ScenarioWorld host, NetDevice[] sources, byte[] frames, int flows) {
        this.topology = topology;
        this.host = host;
        this.sim = host.sim();
        this.pool = sim.pool();
        this.sources = sources;
        this.frames = frames;
        this.flows = flows;
    }

    /** {@link #build(Topology, CaptureSink, int, int)} with the sizes (1,000 containers x 100 flows for scale). */
    public static BenchWorld build(Topology t, CaptureSink sink) {
        return build(t, sink, 1000, 100);
    }

    /**
     * Builds the world, sends one warm-up round (ARP resolved, FDB learned, conntrack entries
     * made and, for nat-out and dnat-in, a reply sent back so the flow is ESTABLISHED).
     *
     * @param containers     containers on docker0 (scale only; the others use two or one)
     * @param flowsPerSource UDP flows per sending container (scale only; flow p: sport 20000 + p, dport 9000 + p)
     */
    public static BenchWorld build(Topology t, CaptureSink sink, int containers, int flowsPerSource) {
        BenchWorld w = create(t, sink, containers, flowsPerSource);
        w.warmUp();
        return w;
    }

    /** The world with its containers, before any frame: {@link #warmUp()} comes next. */
    public static BenchWorld create(Topology t, CaptureSink sink, int containers, int flowsPerSource) {
        ScenarioWorld host = t == Topology.OVERLAY
                ? new ScenarioWorld(1, sink, new io.dockwire.scenario.WorldSpec(io.dockwire.docker.Profile.DOCKER_27,
                        List.of(), List.of("manager", "worker-1")))
                : new ScenarioWorld(1, sink);
        Kernel k = host.kernel();
        NetNamespace root = k.find(null).ns();
        NetNamespace client = k.find("client").ns();
        NetDevice clientEth = client.device("eth0");
        int clientIp = client.primaryAddress(clientEth);
        int hostIp = Ipv4Address.parse(ScenarioWorld.HOST_IP);
        BenchWorld w;
        switch (t) {
            case L2 -> w = pair(t, host, run(host, "c1"), run(host, "c2"));
            case NAT_OUT -> {
                NetNamespace c1 = run(host, "c1");
                NetDevice e1 = c1.device("eth0");
                long docker0 = root.device("docker0").mac();
                byte[] f = new byte[FRAME_BYTES];
                udpFrame(f, 0, docker0, e1.mac(), c1.primaryAddress(e1), clientIp, SPORT_BASE, SINK_PORT);
                w = new BenchWorld(t, host, new NetDevice[] {e1}, f, 1);
                w.listen(client, SINK_PORT);
                w.bindQuiet(c1, SPORT_BASE); // where the warm-up reply lands
            }
            case DNAT_IN -> {
                NetNamespace web = run(host, "web", "-p", "8080:80/udp");
                long hostEth = root.device("eth0").mac();
                byte[] f = new byte[FRAME_BYTES];
                udpFrame(f, 0, hostEth, clientEth.mac(), clientIp, hostIp, SPORT_BASE, 8080);
                w = new BenchWorld(t, host, new NetDevice[] {clientEth}, f, 1);
                w.listen(web, 80);
                w.bindQuiet(client, SPORT_BASE);
            }
            case SCALE -> {
                root.device("docker0"); // exists before the first container
                Conntrack ct = k.find(null).netfilter().netfilter().conntrack();
                ct.setMax(Math.max(ct.max(), containers * flowsPerSource + 1024));
                long docker0 = root.device("docker0").mac();
                NetDevice[] src = new NetDevice[containers * flowsPerSource];
                byte[] f = new byte[FRAME_BYTES * src.length];
                for (int c = 0; c < containers; c++) {
                    NetNamespace ns = run(host, "c" + c);
                    NetDevice e = ns.device("eth0");
                    int ip = ns.primaryAddress(e);
                    for (int p = 0; p < flowsPerSource; p++) {
                        int flow = p * containers + c; // consecutive frames come from different containers
                        src[flow] = e;
                        udpFrame(f, flow * FRAME_BYTES, docker0, e.mac(), ip, clientIp, SPORT_BASE + p, SCALE_PORT_BASE + p);
                    }
                }
                w = new BenchWorld(t, host, src, f, src.length);
                for (int p = 0; p < flowsPerSource; p++) {
                    w.listen(client, SCALE_PORT_BASE + p);
                }
            }
            case OVERLAY -> {
                io.dockwire.scenario.DockerNode worker = host.node("worker-1");
                docker(host.host(), "docker", "swarm", "init");
                docker(worker, "docker", "swarm", "join", "--token", "<TOKEN>", ScenarioWorld.HOST_IP + ":2377");
                docker(host.host(), "docker", "network", "create", "-d", "overlay", "--attachable", "bench-net");
                w = pair(t, host, run(host.host(), "c1", "--network", "bench-net"),
                        run(worker, "c2", "--network", "bench-net"));
            }
            default -> throw new IllegalArgumentException(t.toString());
        }
        return w;
    }

    /** c1 sends to c2's UDP :9 (c2 answers the warm-up frame, so the bridges on the way learn its MAC). */
    private static BenchWorld pair(Topology t, ScenarioWorld host, NetNamespace c1, NetNamespace c2) {
        NetDevice e1 = c1.device("eth0");
        NetDevice e2 = c2.device("eth0");
        byte[] f = new byte[FRAME_BYTES];
        udpFrame(f, 0, e2.mac(), e1.mac(), c1.primaryAddress(e1), c2.primaryAddress(e2), SPORT_BASE, SINK_PORT);
        BenchWorld w = new BenchWorld(t, host, new NetDevice[] {e1}, f, 1);
        w.listen(c2, SINK_PORT);
        w.bindQuiet(c1, SPORT_BASE);
        return w;
    }

    private static void docker(io.dockwire.scenario.DockerNode node, String... argv) {
        Result r = node.docker().run(List.of(argv));
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + r.stderr());
        }
    }

    /** {@code docker run -d --name NAME [extra] nginx}; returns the container's namespace. */
    private static NetNamespace run(ScenarioWorld host, String name, String... extra) {
        return run(host.host(), name, extra);
    }

    /** {@code docker run -d --name NAME [extra] nginx} on Docker host {@code node}. */
    private static NetNamespace run(io.dockwire.scenario.DockerNode node, String name, String... extra) {
        List<String> argv = new ArrayList<>(List.of("docker", "run", "-d", "--name", name));
        argv.addAll(List.of(extra));
        argv.add("nginx");
        Result r = node.docker().run(argv);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + r.stderr());
        }
        Container c = node.engine().findContainer(name);
        return node.kernel().find(node.key(c.netns())).ns();
    }

    private void listen(NetNamespace ns, int port) {
        UdpReceiver counter = this::onDatagram;
        UdpSocket s = ns.udpOpen(counter);
        if (s.bind(0, port) != 0) {
            throw new IllegalStateException("bind " + port + " in " + ns.name());
        }
        sockets.add(s);
    }

    private void bindQuiet(NetNamespace ns, int port) {
        UdpReceiver r = (sock, sa, sp, da, dp, buf, off, len, now) -> echoed++;
        UdpSocket s = ns.udpOpen(r);
        if (s.bind(0, port) != 0) {
            throw new IllegalStateException("bind " + port + " in " + ns.name());
        }
        sockets.add(s);
    }

    private void onDatagram(UdpSocket s, int srcAddr, int srcPort, int dstAddr, int dstPort, byte[] buf, int off,
            int len, long now) {
        delivered++;
        if (echo) {
            s.sendTo(srcAddr, srcPort, buf, off, len, now);
        }
    }

    /**
     * One frame first (ARP resolved on the way; with a reply back, so the bridges have learned the
     * receiver's MAC and, for nat-out and dnat-in, the flow is ESTABLISHED), then one frame per remaining flow in batches of 64 (a larger burst
     * would overflow the neighbour queue of an unresolved address, as on Linux), then one more
     * batch.
     */
    public void warmUp() {
        echo = topology != Topology.SCALE;
        boolean replies = echo;
        batch(1);
        echo = false;
        if (replies && echoed != 1) {
            throw new IllegalStateException("warm-up reply did not come back, echoed=" + echoed);
        }
        for (int left = flows - 1; left > 0; left -= 64) {
            batch(Math.min(64, left));
        }
        batch(64);
    }

    /**
     * Injects {@code n} frames (round-robin over the flows, all at the current simulated time)
     * and runs the simulation until it is quiet. Returns {@code n}; throws if any frame was lost
     * or a frame slot leaked.
     */
    public int batch(int n) {
        long now = sim.now();
        long before = delivered;
        int f = nextFlow;
        for (int i = 0; i < n; i++) {
            int slot = pool.allocCopy(frames, f * FRAME_BYTES, FRAME_BYTES);
            pool.setCsumPartial(slot);
            sources[f].transmit(slot, now);
            if (++f == flows) {
                f = 0;
            }
        }
        nextFlow = f;
        sent += n;
        sim.runUntilQuiet();
        if (delivered - before != n || pool.inUse() != 0) {
            throw new IllegalStateException(topology.cliName() + ": wrong result: delivered " + (delivered - before)
                    + " of " + n + " frames, " + pool.inUse() + " frame slots in use");
        }
        return n;
    }

    /** Throws unless every frame sent so far was delivered to the receiving socket. */
    public void check() {
        if (delivered != sent || pool.inUse() != 0) {
            throw new IllegalStateException(topology.cliName() + ": wrong result: delivered=" + delivered
                    + " sent=" + sent + " slotsInUse=" + pool.inUse());
        }
    }

    public Topology topology() {
        return topology;
    }

    public ScenarioWorld host() {
        return host;
    }

    public Simulator sim() {
        return sim;
    }

    public int flows() {
        return flows;
    }

    public long sent() {
        return sent;
    }

    public long delivered() {
        return delivered;
    }

    /** Simulated events dispatched so far. */
    public long events() {
        return sim.eventCount();
    }

    /** Confirmed and unconfirmed conntrack entries in the Docker host's namespace. */
    public int conntrackEntries() {
        return host.kernel().find(null).netfilter().netfilter().conntrack().count();
    }

    /** MAC addresses the docker0 bridge has learned. */
    public int fdbEntries() {
        return ((io.dockwire.l2.Bridge) host.kernel().find(null).ns().device("docker0")).fdbSize();
    }

    /**
     * Writes a 64-byte Ethernet/IPv4/UDP frame with valid IP and UDP checksums at {@code off}:
     * TTL 64, DF, IP ID 0 (what Linux sends for a DF datagram), payload bytes 0.
     */
    public static void udpFrame(byte[] f, int off, long dstMac, long srcMac, int src, int dst, int sport, int dport) {
        EthernetFrame.dst(f, off, dstMac);
        EthernetFrame.src(f, off, srcMac);
        EthernetFrame.etherType(f, off, 0x0800);
        int ip = off + 14;
        int total = FRAME_BYTES - 14;
        f[ip] = 0x45;
        f[ip + 1] = 0;
        f[ip + 2] = (byte) (total >>> 8);
        f[ip + 3] = (byte) total;
        f[ip + 4] = 0;
        f[ip + 5] = 0;
        f[ip + 6] = 0x40;
        f[ip + 7] = 0;
        f[ip + 8] = 64;
        f[ip + 9] = 17;
        f[ip + 10] = 0;
        f[ip + 11] = 0;
        put32(f, ip + 12, src);
        put32(f, ip + 16, dst);
        int hc = Checksum.compute(f, ip, 20);
        f[ip + 10] = (byte) (hc >>> 8);
        f[ip + 11] = (byte) hc;
        int u = ip + 20;
        int ulen = total - 20;
        f[u] = (byte) (sport >>> 8);
        f[u + 1] = (byte) sport;
        f[u + 2] = (byte) (dport >>> 8);
        f[u + 3] = (byte) dport;
        f[u + 4] = (byte) (ulen >>> 8);
        f[u + 5] = (byte) ulen;
        f[u + 6] = 0;
        f[u + 7] = 0;
        for (int i = u + 8; i < off + FRAME_BYTES; i++) {
            f[i] = 0;
        }
        int c = Checksum.finish(Checksum.add(Checksum.pseudoHeader(src, dst, 17, ulen), Checksum.sum(f, u, ulen)));
        if (c == 0) {
            c = 0xFFFF;
        }
        f[u + 6] = (byte) (c >>> 8);
        f[u + 7] = (byte) c;
    }

    private static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
