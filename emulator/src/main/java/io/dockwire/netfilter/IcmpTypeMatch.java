package io.dockwire.netfilter;

/** {@code -m icmp --icmp-type type[/code]} (numeric types only). */
final class IcmpTypeMatch implements Match {
    int type = -1;
    int code = -1;
    boolean inv;

    @Override
    public boolean keyed() {
        return true;
    }

    @Override
    public boolean matches(NfPacket p, NetfilterHost host) {
        if (p.proto != 1 || !p.l4Ok) {
            return false;
        }
        boolean m = type < 0 || (p.icmpType == type && (code < 0 || p.icmpCode == code));
        return m ^ inv;
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(" -m icmp");
        if (type >= 0) {
            sb.append(inv ? " ! --icmp-type " : " --icmp-type ").append(type);
            if (code >= 0) {
                sb.append('/').append(code);
            }
        }
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        if (type >= 0) {
            sb.append(inv ? " !icmptype " : " icmptype ").append(type);
            if (code >= 0) {
                sb.append(" code ").append(code);
            }
        } else {
            sb.append(" icmp");
        }
    }
}
