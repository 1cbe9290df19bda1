package io.dockwire.link;

import io.dockwire.sim.Injector;

import java.util.List;

/**
 * One end of a veth pair. {@link #transmit} on one end delivers to the peer after the pair's
 * fixed one-way delay: captured on the sender (out) when sent and on the peer (in) when it
 * arrives.
 *
 * <p>As in Linux {@code veth_xmit}, a frame is dropped at send time and counted as the
 * sender's tx drop when the peer is down ({@link DropReason#PEER_DOWN}) or the frame exceeds
 * the peer's MTU; if the peer goes down while the frame is in flight, the peer counts an rx
 * drop on arrival. tx packets/bytes count frames actually put on the link.
 */
public final class Veth extends NetDevice {
    /** Default one-way delay: 2 us, the order of a veth hop through the kernel. */
    public static final long DEFAULT_DELAY_NS = 2_000;

    private Veth peer;
    private int channel;
    private long delayNs;

    private Veth(World world, String name, String namespace, long mac, long delayNs) {
        super(world, name, namespace, mac);
        this.delayNs = delayNs;
    }

    /**
     * Creates a pair; ifindexes are consecutive, the peer (b) first when both ends are made in the
     * same namespace, as {@code ip link add a type veth peer name b} gives on Linux. MACs are
     * random locally administered addresses (a's drawn first).
     */
    static VethPair create(World world, String nameA, String nsA, String nameB, String nsB, long delayNs) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("veth delay must not be negative, delayNs=" + delayNs);
        }
        long macA = world.sim().random().randomMac();
        long macB = world.sim().random().randomMac();
        Veth a;
        Veth b;
        if (java.util.Objects.equals(nsA, nsB)) {
            // veth_newlink registers the peer first: it takes the lower ifindex (a Docker
            // container's eth0 is N, its host end N + 1).
            b = new Veth(world, nameB, nsB, macB, delayNs);
            a = new Veth(world, nameA, nsA, macA, delayNs);
        } else {
            // The peer is created in its own namespace, which numbers its devices on its own.
            a = new Veth(world, nameA, nsA, macA, delayNs);
            b = new Veth(world, nameB, nsB, macB, delayNs);
        }
        a.peer = b;
        b.peer = a;
        a.channel = world.sim().addChannel(b);
        b.channel = world.sim().addChannel(a);
        return new VethPair(a, b);
    }

    public Veth peer() {
        return peer;
    }

    public long delayNs() {
        return delayNs;
    }

    /** Sets this direction's one-way delay (frames already in flight keep their order). */
    public void setDelayNs(long delayNs) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("veth delay must not be negative, delayNs=" + delayNs);
        }
        this.delayNs = delayNs;
    }

    @Override
    protected void xmit(int slot, int len, long now) {
        Veth p = peer;
        if (!p.isUp()) {
            dropTx(DropReason.PEER_DOWN, slot);
            return;
        }
        if (len - 14 > p.mtu()) {
            dropTx(DropReason.MTU, slot);
            return;
        }
        countTx(len);
        sim.send(channel, now + delayNs, slot, Injector.RECEIVE);
    }

    @Override
    public boolean hasCarrier() {
        return isUp() && peer.isUp();
    }

    @Override
    public void l2Neighbours(List<NetDevice> out) {
        super.l2Neighbours(out);
        out.add(peer);
    }

    @Override
    protected String linkSuffix() {
        if (presentsAsNic()) {
            return "";
        }
        // iproute2 prints the peer's name when it is in the same namespace, else its ifindex.
        return java.util.Objects.equals(namespace(), peer.namespace()) ? "@" + peer.name() : "@if" + peer.ifindex();
    }

    /**
     * {@code link-netns NAME} for a peer in a named namespace; the root namespace has no name in
     * /var/run/netns (unless a test rig names it, {@link World#setRootNamespaceName}), so iproute2
     * prints the id this namespace gave it: 0, the first (and here the only) unnamed peer
     * namespace a container or machine sees.
     */
    @Override
    protected String linkNetns() {
        if (presentsAsNic() || java.util.Objects.equals(namespace(), peer.namespace())) {
            return "";
        }
        if (peer.namespace() == null) {
            return world.rootNamespaceNamed() ? " link-netns " + world.rootNamespaceName() : " link-netnsid 0";
        }
        if (world.isMachineRoot(peer.namespace())) {
            return " link-netnsid 0"; // another Docker host's root namespace, as its containers see it
        }
        return " link-netns " + World.localName(peer.namespace());
    }

    @Override
    protected String noCarrierFlags() {
        // iproute2 looks the peer's flags up by ifindex in this namespace: only a peer here counts.
        return peer.isUp() || !java.util.Objects.equals(namespace(), peer.namespace()) ? "" : ",M-DOWN";
    }

    @Override
    protected String noCarrierState() {
        return "LOWERLAYERDOWN";
    }
}
