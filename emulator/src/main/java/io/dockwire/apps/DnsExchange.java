package io.dockwire.apps;

import io.dockwire.ip.UdpReceiver;
import io.dockwire.ip.UdpSocket;
import io.dockwire.wire.Ipv4Address;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One DNS lookup asked the way glibc's res_send asks it (resolv.conf defaults: timeout 5 s,
 * attempts 2): a connected UDP socket per try from an ephemeral port to server:53, a random
 * 16-bit ID per question, each nameserver in turn, the whole list twice. getaddrinfo with
 * AF_UNSPEC (ping, wget, nc, curl) asks two questions, A then AAAA, sent back to back from the
 * same socket (glibc's sendmmsg; musl does the same) and waits for both answers - measured on
 * Debian 12's glibc 2.36 against a responder in a namespace (traces/CONFORMANCE.md). A reply
 * with another ID or from elsewhere is ignored; a SERVFAIL or REFUSED reply, or an ICMP error,
 * moves on to the next server at once, asking every question again. musl (alpine) queries all
 * servers in parallel and retries every 2.5 s; this emulation uses the glibc order for both,
 * which is the same with one nameserver except for the retry instant.
 */
final class DnsExchange implements UdpReceiver {
    static final long TIMEOUT_NS = 5_000_000_000L;
    static final int ATTEMPTS = 2;

    private final AppProcess owner;
    private final List<Integer> servers;
    private final String name;
    private final int[] qtypes;
    private final Consumer<List<DnsMessage>> done;
    private UdpSocket socket;
    private int[] ids;
    private DnsMessage[] answers;
    private int tries;
    private long timer;
    private boolean finished;

    /** {@code done} gets the answer, or null when every try went unanswered or failed. */
    DnsExchange(AppProcess owner, List<Integer> servers, String name, int qtype, Consumer<DnsMessage> done) {
        this(owner, servers, name, new int[] {qtype}, l -> done.accept(l == null ? null : l.get(0)));
    }

    /**
     * Several questions about {@code name} on one socket; {@code done} gets the answers in the
     * order of {@code qtypes}, or null when a try never got them all.
     */
    DnsExchange(AppProcess owner, List<Integer> servers, String name, int[] qtypes, Consumer<List<DnsMessage>> done) {
        this.owner = owner;
        this.servers = servers;
        this.name = name;
        this.qtypes = qtypes.clone();
        this.done = done;
    }

    void start() {
        next();
    }

    private void next() {
        closeSocket();
        if (servers.isEmpty() || tries == servers.size() * ATTEMPTS) {
            finish(null);
            return;
        }
        int server = servers.get(tries % servers.size());
        tries++;
        socket = owner.ns().udpOpen(this);
        if (socket.connect(server, 53) < 0) {
            next();
            return;
        }
        ids = new int[qtypes.length];
        answers = new DnsMessage[qtypes.length];
        for (int i = 0; i < qtypes.length; i++) {
            ids[i] = owner.ns().random().nextInt(0x10000);
            byte[] q = DnsMessage.query(ids[i], name, qtypes[i]);
            socket.send(q, 0, q.length, owner.now());
        }
        timer = owner.after(TIMEOUT_NS, this::next);
    }

    @Override
    public void receive(UdpSocket s, int srcAddr, int srcPort, int dstAddr, int dstPort, byte[] buf, int off, int len,
            long now) {
        if (s != socket || finished) {
            return;
        }
        DnsMessage m = DnsMessage.parse(buf, off, len);
        if (m == null || !m.isResponse() || !m.name().equalsIgnoreCase(name)) {
            return;
        }
        int i = 0;
        while (i < ids.length && (ids[i] != m.id() || m.qtype() != qtypes[i] || answers[i] != null)) {
            i++;
        }
        if (i == ids.length) {
            return;
        }
        if (m.rcode() != DnsMessage.NOERROR && m.rcode() != DnsMessage.NXDOMAIN) {
            owner.cancel(timer);
            next();
            return;
        }
        answers[i] = m;
        if (Arrays.stream(answers).allMatch(Objects::nonNull)) {
            owner.cancel(timer);
            finish(List.of(answers));
        }
    }

    @Override
    public void error(UdpSocket s, int errno, int icmpType, int icmpCode, int fromAddr, long now) {
        if (s == socket && !finished) {
            owner.cancel(timer);
            next();
        }
    }

    private void finish(List<DnsMessage> m) {
        finished = true;
        closeSocket();
        done.accept(m);
    }

    private void closeSocket() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /** resolv.conf nameservers as addresses (lines that are not IPv4 are skipped, as IPv6 here). */
    static List<Integer> servers(AppEnv env) {
        return env.nameservers().stream().filter(DnsExchange::isIpv4).map(Ipv4Address::parse).toList();
    }

    static boolean isIpv4(String s) {
        try {
            Ipv4Address.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
