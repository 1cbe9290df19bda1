package io.dockwire.netfilter;

/**
 * {@code -m addrtype --src-type/--dst-type LOCAL}: whether the address is one of this namespace's
 * own (the local routing table), asked of the host. Only LOCAL is modelled.
 */
final class AddrTypeMatch implements Match {
    boolean srcLocal;
    boolean srcInv;
    boolean dstLocal;
    boolean dstInv;
    boolean limitIn;
    boolean limitOut;

    @Override
    public boolean matches(NfPacket p, NetfilterHost host) {
        if (srcLocal && (host.isLocalAddress(p.src) == srcInv)) {
            return false;
        }
        return !dstLocal || (host.isLocalAddress(p.dst) != dstInv);
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(" -m addrtype");
        if (srcLocal) {
            sb.append(srcInv ? " ! --src-type LOCAL" : " --src-type LOCAL");
        }
        if (dstLocal) {
            sb.append(dstInv ? " ! --dst-type LOCAL" : " --dst-type LOCAL");
        }
        if (limitIn) {
            sb.append(" --limit-iface-in");
        }
        if (limitOut) {
            sb.append(" --limit-iface-out");
        }
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(" ADDRTYPE match");
        if (srcLocal) {
            sb.append(srcInv ? " src-type !LOCAL" : " src-type LOCAL");
        }
        if (dstLocal) {
            sb.append(dstInv ? " dst-type !LOCAL" : " dst-type LOCAL");
        }
        if (limitIn) {
            sb.append(" limit-in");
        }
        if (limitOut) {
            sb.append(" limit-out");
        }
    }
}
