package io.dockwire.kernel;

import io.dockwire.ip.L4Protocol;
import io.dockwire.ip.NetNamespace;
import io.dockwire.sim.SimRandom;
import io.dockwire.sim.Simulator;
import io.dockwire.tcp.TcpHost;
import io.dockwire.tcp.TcpStack;

/**
 * Joins one namespace's IP layer to its {@link TcpStack}: received TCP goes to the stack, and
 * the stack's segments leave through {@link NetNamespace#sendIp} with DF, TTL 64 and the IP ID
 * TCP chose (per socket, as Linux's inet_id).
 */
public final class TcpGlue implements L4Protocol, TcpHost {
    private final NetNamespace ns;
    private final TcpStack stack;

    public TcpGlue(NetNamespace ns) {
        this.ns = ns;
        this.stack = new TcpStack(this);
        ns.registerProtocol(6, this);
    }

    public TcpStack stack() {
        return stack;
    }

    // ---- L4Protocol: from the IP layer ----------------------------------------------------

    @Override
    public void input(NetNamespace n, byte[] buf, int l3Off, int l3Len, int inIfindex, boolean csumUnnecessary,
            long now) {
        stack.input(buf, l3Off, l3Len, csumUnnecessary, now);
    }

    /** ICMP errors quoting our segments (tcp_v4_err), including ARP failure reported to ourselves. */
    @Override
    public void error(NetNamespace n, int fromAddr, int type, int code, byte[] buf, int icmpOff, int icmpLen, long now) {
        int mtu = ((buf[icmpOff + 6] & 0xFF) << 8) | (buf[icmpOff + 7] & 0xFF);
        stack.icmpError(type, code, mtu, buf, icmpOff + 8, icmpLen - 8, now);
    }

    // ---- TcpHost: to the IP layer ---------------------------------------------------------

    @Override
    public int sendIp(int src, int dst, byte[] seg, int off, int len, int ipId, boolean confirmNeighbour, long now) {
        return ns.sendIp(src, dst, 6, 0, 0, true, ipId, confirmNeighbour, seg, off, len, now);
    }

    @Override
    public boolean isLocalAddress(int addr) {
        return ns.isLocalAddress(addr);
    }

    @Override
    public int sourceAddressFor(int dst) {
        return ns.sourceAddressFor(dst);
    }

    @Override
    public int routeMtu(int dst) {
        return ns.routeMtu(dst);
    }

    @Override
    public int ephemeralLow() {
        return ns.ephemeralPortLow();
    }

    @Override
    public int ephemeralHigh() {
        return ns.ephemeralPortHigh();
    }

    @Override
    public Simulator sim() {
        return ns.sim();
    }

    @Override
    public SimRandom random() {
        return ns.random();
    }
}
