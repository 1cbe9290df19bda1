package io.dockwire.apps;

import io.dockwire.ip.NetNamespace;
import io.dockwire.ip.UdpReceiver;
import io.dockwire.ip.UdpSocket;
import io.dockwire.kernel.Kernel;
import io.dockwire.tcp.TcpException;
import io.dockwire.wire.Ipv4Address;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DNS server on UDP 53 answering A queries from a table (names case-insensitive). Two uses:
 * <ul>
 *   <li>{@link #embedded}: Docker's embedded DNS at 127.0.0.11 inside a container on a
 *       user-defined network - container names and aliases, TTL 600, not authoritative; AAAA
 *       for a known name gets NOERROR with no answer (no IPv6); other names are forwarded
 *       unchanged to the upstream servers (from the Docker host's namespace: moby marks the
 *       host's nameservers HostLoopback and dials them there) and the reply relayed back; with
 *       no upstream, SERVFAIL.</li>
 *   <li>{@link #internet}: a recursive resolver "out there" knowing a few public names at
 *       fixed addresses, TTL 300, NXDOMAIN for the rest.</li>
 * </ul>
 * Real Docker listens on a random port and DNATs 127.0.0.11:53 to it; the emulation binds
 * 127.0.0.11:53 directly, which looks the same from the client.
 */
public final class DnsServer extends AppProcess implements UdpReceiver {
    /** The embedded DNS address in every container on a user-defined network. */
    public static final String EMBEDDED_ADDRESS = "127.0.0.11";
    /** Public names the internet resolver knows (fixed, made-up-but-plausible addresses). */
    public static final Map<String, String> WELL_KNOWN = wellKnown();
    /** TTL of the embedded DNS's answers. */
    public static final int EMBEDDED_TTL = 600;
    /** TTL of the internet resolver's answers. */
    public static final int INTERNET_TTL = 300;
    /**
     * How long the server takes to answer a question from its table (100 us, the order of a real
     * resolver's work). Not zero: a client asks A and AAAA back to back, and on a real wire both
     * questions reach the server before its first answer leaves (measured, traces/CONFORMANCE.md).
     */
    static final long ANSWER_DELAY_NS = 100_000L;
    /** How long the embedded server waits for an upstream (moby extIOTimeout). */
    static final long FORWARD_TIMEOUT_NS = 4_000_000_000L;

    private final int bindAddr;
    private final Map<String, Integer> records = new LinkedHashMap<>();
    /** Where names come from when not from {@link #records}: a live view (lower-case name to dotted quad, or null). */
    private java.util.function.Function<String, String> lookup;
    private final int ttl;
    private final List<Integer> upstreams;
    private final boolean knownAnswersAaaaEmpty;
    /** Where forwarded queries leave from: the Docker host's namespace for the embedded DNS. */
    private NetNamespace forwardFrom;
    private UdpSocket socket;
    private long queries;

    private DnsServer(Kernel.Services host, int bindAddr, int ttl, List<Integer> upstreams, boolean aaaaEmpty) {
        super(host, AppEnv.gnu());
        this.bindAddr = bindAddr;
        this.ttl = ttl;
        this.upstreams = upstreams;
        this.knownAnswersAaaaEmpty = aaaaEmpty;
    }

    /**
     * Docker's embedded DNS in container namespace {@code ns}; records name to dotted quad.
     * {@code fromHost}: it dials the upstreams from the host's namespace (moby 25+), else from the
     * container's own (20.10).
     */
    public static DnsServer embedded(Kernel kernel, String ns, Map<String, String> records, List<String> upstreams,
                                     boolean fromHost) {
        DnsServer d = embedded(kernel, ns, name -> null, upstreams, fromHost);
        records.forEach(d::put);
        return d;
    }

    /**
     * {@link #embedded(Kernel, String, Map, List, boolean)} answering from {@code lookup} (a
     * lower-case name to a dotted quad, or null), asked at each query: the daemon's name table as
     * it is then, with no copy to keep in step.
     */
    public static DnsServer embedded(Kernel kernel, String ns, java.util.function.Function<String, String> lookup,
                                     List<String> upstreams, boolean fromHost) {
        DnsServer d = new DnsServer(services(kernel, ns), Ipv4Address.parse(EMBEDDED_ADDRESS), EMBEDDED_TTL,
                upstreams.stream().map(Ipv4Address::parse).toList(), true);
        d.lookup = lookup;
        // moby's TransformForIntNS: nameservers read from the host's resolv.conf are ExtServers with
        // HostLoopback=true ("host(...)" in the container's resolv.conf), dialled from the host's
        // network namespace - the query leaves the host's own interface, not the container's.
        d.forwardFrom = fromHost ? services(kernel, null).ns() : null;
        d.start();
        return d;
    }

    /** A public resolver on {@code address}:53 in namespace {@code ns} with {@link #WELL_KNOWN}. */
    public static DnsServer internet(Kernel kernel, String ns, String address) {
        DnsServer d = new DnsServer(services(kernel, ns), Ipv4Address.parse(address), INTERNET_TTL, List.of(), false);
        WELL_KNOWN.forEach(d::put);
        d.start();
        return d;
    }

    /** Adds or replaces a record (a container joined, an alias). */
    public void put(String name, String address) {
        records.put(name.toLowerCase(Locale.ROOT), Ipv4Address.parse(address));
    }

    public void remove(String name) {
        records.remove(name.toLowerCase(Locale.ROOT));
    }

    /** Queries received so far. */
    public long queries() {
        return queries;
    }

    @Override
    protected void start() {
        socket = ns().udpOpen(this);
        int rc = socket.bind(bindAddr, 53);
        if (rc < 0) {
            throw new TcpException(-rc, "dns server cannot bind, addr=" + Ipv4Address.toString(bindAddr));
        }
    }

    @Override
    public void receive(UdpSocket s, int src, int sport, int dst, int dport, byte[] buf, int off, int len, long now) {
        DnsMessage q = DnsMessage.parse(buf, off, len);
        if (q == null || q.isResponse()) {
            return;
        }
        queries++;
        String name = q.name().toLowerCase(Locale.ROOT);
        Integer a = records.get(name);
        if (a == null && lookup != null) {
            String dotted = lookup.apply(name);
            a = dotted == null ? null : Ipv4Address.parse(dotted);
        }
        byte[] r;
        if (a != null && q.qtype() == DnsMessage.TYPE_A) {
            r = DnsMessage.response(q, DnsMessage.NOERROR, false, List.of(a), ttl);
        } else if (a != null && knownAnswersAaaaEmpty) {
            r = DnsMessage.response(q, DnsMessage.NOERROR, false, List.of(), ttl);
        } else if (!upstreams.isEmpty()) {
            forward(buf, off, len, src, sport);
            return;
        } else {
            r = DnsMessage.response(q, knownAnswersAaaaEmpty ? DnsMessage.SERVFAIL : DnsMessage.NXDOMAIN, false,
                    List.of(), ttl);
        }
        byte[] answer = r;
        after(ANSWER_DELAY_NS, () -> socket.sendTo(src, sport, answer, 0, answer.length, now()));
    }

    /** Relays one query to the first upstream and its reply back to the client, unchanged. */
    private void forward(byte[] buf, int off, int len, int client, int clientPort) {
        byte[] query = java.util.Arrays.copyOfRange(buf, off, off + len);
        UdpSocket[] up = new UdpSocket[1];
        long[] timer = new long[1];
        up[0] = (forwardFrom != null ? forwardFrom : ns()).udpOpen(new UdpReceiver() {
            @Override
            public void receive(UdpSocket s, int src, int sport, int dst, int dport, byte[] b, int o, int l, long now) {
                cancel(timer[0]);
                s.close();
                if (!done()) {
                    socket.sendTo(client, clientPort, b, o, l, now);
                }
            }

            @Override
            public void error(UdpSocket s, int errno, int type, int code, int from, long now) {
                cancel(timer[0]);
                s.close();
            }
        });
        if (up[0].connect(upstreams.get(0), 53) < 0) {
            up[0].close();
            return;
        }
        up[0].send(query, 0, query.length, now());
        timer[0] = after(FORWARD_TIMEOUT_NS, up[0]::close);
    }

    @Override
    protected void release() {
        if (socket != null) {
            socket.close();
        }
    }

    private static Map<String, String> wellKnown() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("google.com", "142.250.206.206");
        m.put("www.google.com", "142.250.206.196");
        m.put("example.com", "93.184.215.14");
        m.put("github.com", "140.82.121.4");
        m.put("docker.com", "141.193.213.10");
        m.put("registry-1.docker.io", "54.236.113.205");
        m.put("deb.debian.org", "151.101.2.132");
        m.put("dl-cdn.alpinelinux.org", "151.101.2.133");
        return java.util.Collections.unmodifiableMap(m);
    }
}
