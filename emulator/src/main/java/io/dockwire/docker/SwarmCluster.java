package io.dockwire.docker;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One swarm: what its managers' raft store holds that this emulation needs - the cluster and
 * root CA identity, the join tokens, the nodes. IDs are swarmkit's: 25 base36 digits of a 128-bit
 * random number ({@code identity.NewID}); a join token is {@code SWMTKN-1-} + the root CA
 * certificate's SHA-256 in 50 base36 digits + {@code -} + a 16-byte secret in 25 base36 digits
 * ({@code ca.GenerateJoinToken}). Random values come from the creating manager's seeded source.
 */
public final class SwarmCluster {
    private static final String TOKEN_PREFIX = "SWMTKN-1-";

    private final SplittableRandom random;
    private final String id;
    private final SwarmCa ca;
    private final byte[] caDigest;
    /** The raft store's change index: every change to the cluster's objects takes the next one. */
    private long version;
    private final String workerSecret;
    private final String managerSecret;
    private final long createdMillis;
    private final List<SwarmMember> members = new ArrayList<>();
    /** Swarm-scoped networks, in creation order (ingress first). */
    private final List<ClusterNetwork> networks = new ArrayList<>();
    /** The last VXLAN id handed out: the allocator scans on from it (4096 first). */
    private int lastVni = 4095;

    /** Subnets are handed out round robin ({@link Profile.Daemon#roundRobinPools}); the next search starts here. */
    private final boolean roundRobin;
    private int subnetStart;

    SwarmCluster(long seed, long createdMillis, boolean roundRobinPools) {
        this.roundRobin = roundRobinPools;
        this.random = new SplittableRandom(seed);
        this.id = newId();
        this.ca = new SwarmCa(random.nextLong(), createdMillis);
        this.caDigest = ca.digest();
        this.workerSecret = secret();
        this.managerSecret = secret();
        this.createdMillis = createdMillis;
    }

    /** identity.NewID: a random 128-bit number in base36, zero-padded to 25 digits. */
    String newId() {
        byte[] b = new byte[16];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return base36(b, 25);
    }

    private String secret() {
        return newId(); // also 16 random bytes in 25 base36 digits
    }

    static String base36(byte[] bytes, int width) {
        String s = new BigInteger(1, bytes).toString(36);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    public String id() {
        return id;
    }

    public long createdMillis() {
        return createdMillis;
    }

    /** The join token of a role. */
    public String token(boolean manager) {
        return TOKEN_PREFIX + base36(caDigest, 50) + "-" + (manager ? managerSecret : workerSecret);
    }

    /** The root CA's certificate (PEM). */
    public String trustRoot() {
        return ca.pem();
    }

    /** The root CA's subject and public key (DER, base64), as node inspect's TLSInfo shows them. */
    public String issuerSubject() {
        return SwarmCa.issuerSubject();
    }

    public String issuerPublicKey() {
        return ca.issuerPublicKey();
    }

    /** The next change index (a node joined, changed role, left). */
    long nextVersion() {
        return ++version;
    }

    /** Nodes in the order they joined. */
    public List<SwarmMember> members() {
        return Collections.unmodifiableList(members);
    }

    void add(SwarmMember m) {
        members.add(m);
    }

    void remove(SwarmMember m) {
        members.remove(m);
    }

    /** A leader that left or was demoted hands leadership to the first manager still up. */
    void handOverLeadership(SwarmMember m) {
        if (m.leader && (m.down || !m.manager)) {
            m.leader = false;
            members.stream().filter(o -> o.manager && !o.down).findFirst().ifPresent(o -> o.leader = true);
        }
    }

    /** Managers still in the swarm (not Down). */
    long managers() {
        return members.stream().filter(m -> m.manager && !m.down).count();
    }

    /**
     * Checks a join token the way a manager's CA server does, returning the role it grants; throws
     * with the daemon's message otherwise. {@code token} was parsed already ({@link #parseToken}).
     */
    boolean checkToken(String token) throws DaemonException {
        String[] parts = token.substring(TOKEN_PREFIX.length()).split("-");
        String digest = base36(caDigest, 50);
        if (!parts[0].equals(digest)) {
            // The joining node compares the manager's root CA with the digest in its token.
            throw new DaemonException("remote CA does not match fingerprint. Expected: "
                    + HexFormat.of().formatHex(digestOf(parts[0])));
        }
        if (parts[1].equals(workerSecret)) {
            return false;
        }
        if (parts[1].equals(managerSecret)) {
            return true;
        }
        throw new DaemonException("rpc error: code = InvalidArgument desc = A valid join token is necessary to join "
                + "this cluster");
    }

    /**
     * ca.ParseJoinToken: {@code SWMTKN-1-<50 base36>-<25 base36>}, else "invalid join token".
     */
    static void parseToken(String token) throws DaemonException {
        if (!token.startsWith(TOKEN_PREFIX)) {
            throw new DaemonException("invalid join token");
        }
        String[] parts = token.substring(TOKEN_PREFIX.length()).split("-", -1);
        if (parts.length != 2 || parts[0].length() != 50 || parts[1].length() != 25
                || !parts[0].matches("[0-9a-z]+") || !parts[1].matches("[0-9a-z]+")) {
            throw new DaemonException("invalid join token");
        }
        if (new BigInteger(parts[0], 36).bitLength() > 256) {
            throw new DaemonException("invalid join token");
        }
    }

    /** The 32-byte digest a token's 50 base36 digits stand for. */
    private static byte[] digestOf(String base36) {
        byte[] raw = new BigInteger(base36, 36).toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    /** The swarm's overlay networks, oldest first. */
    List<ClusterNetwork> networks() {
        return Collections.unmodifiableList(networks);
    }

    /** By exact ID, exact name, then unique ID prefix; null when none. */
    ClusterNetwork findNetwork(String ref) {
        for (ClusterNetwork n : networks) {
            if (n.id.equals(ref)) {
                return n;
            }
        }
        for (ClusterNetwork n : networks) {
            if (n.name.equals(ref)) {
                return n;
            }
        }
        ClusterNetwork found = null;
        for (ClusterNetwork n : networks) {
            if (!ref.isEmpty() && n.id.startsWith(ref)) {
                if (found != null) {
                    return null;
                }
                found = n;
            }
        }
        return found;
    }

    /**
     * A new overlay network: the lowest free /24 of the default pool 10.0.0.0/8 unless a subnet is
     * given (ipamutils' global pools, allocatePredefinedPool) - under 20.10, the first free one after
     * the last handed out (a real 20.10 swarm gave 10.0.2.0/24 after 10.0.1.0/24 was freed) - the next free VNI from 4096
     * (ovmanager's serial bitmap).
     */
    ClusterNetwork createNetwork(String name, boolean attachable, boolean ingress, Cidr subnet, long now)
            throws DaemonException {
        if (findNetworkByName(name) != null) {
            throw new DaemonException("network with name " + name + " already exists");
        }
        boolean user = subnet != null;
        if (user) {
            for (ClusterNetwork n : networks) {
                if (n.subnet.overlaps(subnet)) {
                    // A real swarm stores the network and its allocator then fails on it: listed without a
                    // driver, no IPAM, attachments time out (seen on 20.10; 27's CreateNetwork is the same).
                    throw DaemonException.notEmulated("docker network create -d overlay --subnet " + subnet
                            + " overlapping swarm network " + n.name + " (a real swarm keeps it unallocated) is not emulated");
                }
            }
        } else {
            subnet = freeSubnet();
        }
        ClusterNetwork n = new ClusterNetwork(newId(), name, subnet, nextVni(), attachable, ingress, user, now);
        networks.add(n);
        return n;
    }

    private ClusterNetwork findNetworkByName(String name) {
        for (ClusterNetwork n : networks) {
            if (n.name.equals(name)) {
                return n;
            }
        }
        return null;
    }

    void removeNetwork(ClusterNetwork n) {
        networks.remove(n);
    }

    private Cidr freeSubnet() throws DaemonException {
        int base = Cidr.parseIp("10.0.0.0");
        for (int k = 0; k < 65536; k++) {
            int i = ((roundRobin ? subnetStart : 0) + k) & 0xFFFF;
            Cidr c = new Cidr(base + (i << 8), 24);
            if (networks.stream().noneMatch(n -> n.subnet.overlaps(c))) {
                subnetStart = (i + 1) & 0xFFFF;
                return c;
            }
        }
        throw new DaemonException("could not find an available, non-overlapping IPv4 address pool among the "
                + "defaults to assign to the network");
    }

    private int nextVni() {
        for (int v = lastVni + 1; ; v++) {
            int vni = v > 0xFFFFFF ? 4096 + (v - 0x1000000) : v;
            if (networks.stream().noneMatch(n -> n.vni == vni)) {
                lastVni = vni;
                return vni;
            }
        }
    }

    /** 12 random hex digits: a memberlist node name. */
    String gossipName(Ids ids) {
        return String.format("%012x", ((long) ids.nextInt(1 << 24) << 24) | ids.nextInt(1 << 24));
    }
}
