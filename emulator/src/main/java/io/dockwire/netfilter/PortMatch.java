package io.dockwire.netfilter;

/**
 * {@code -m tcp} / {@code -m udp} with --sport/--dport (single ports or lo:hi ranges, each
 * invertible). Like xt_tcpudp it never matches a non-first fragment.
 */
final class PortMatch implements Match {
    final String module;
    final int protocol;
    int sportLo = 0;
    int sportHi = 0xFFFF;
    boolean sportInv;
    int dportLo = 0;
    int dportHi = 0xFFFF;
    boolean dportInv;

    PortMatch(String module, int protocol) {
        this.module = module;
        this.protocol = protocol;
    }

    @Override
    public boolean keyed() {
        return true;
    }

    @Override
    public boolean matches(NfPacket p, NetfilterHost host) {
        if (p.proto != protocol || !p.l4Ok) {
            return false;
        }
        return ((p.sport >= sportLo && p.sport <= sportHi) ^ sportInv)
                && ((p.dport >= dportLo && p.dport <= dportHi) ^ dportInv);
    }

    private boolean anySport() {
        return sportLo == 0 && sportHi == 0xFFFF && !sportInv;
    }

    private boolean anyDport() {
        return dportLo == 0 && dportHi == 0xFFFF && !dportInv;
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(" -m ").append(module);
        if (!anySport()) {
            sb.append(sportInv ? " ! --sport " : " --sport ").append(range(sportLo, sportHi));
        }
        if (!anyDport()) {
            sb.append(dportInv ? " ! --dport " : " --dport ").append(range(dportLo, dportHi));
        }
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(' ').append(module);
        if (!anySport()) {
            printPorts(sb, "spt", sportLo, sportHi, sportInv, numeric);
        }
        if (!anyDport()) {
            printPorts(sb, "dpt", dportLo, dportHi, dportInv, numeric);
        }
    }

    private void printPorts(StringBuilder sb, String name, int lo, int hi, boolean inv, boolean numeric) {
        if (lo == hi) {
            sb.append(' ').append(name).append(':').append(inv ? "!" : "").append(Services.name(lo, module, numeric));
        } else {
            sb.append(' ').append(name).append("s:").append(inv ? "!" : "").append(Services.name(lo, module, numeric))
                    .append(':').append(Services.name(hi, module, numeric));
        }
    }

    private static String range(int lo, int hi) {
        return lo == hi ? Integer.toString(lo) : lo + ":" + hi;
    }
}
