package io.dockwire.netfilter;

/** {@code -m conntrack --ctstate ...} and its older twin {@code -m state --state ...}. */
final class CtStateMatch implements Match {
    final boolean stateModule;
    int mask;
    boolean inv;

    CtStateMatch(boolean stateModule) {
        this.stateModule = stateModule;
    }

    @Override
    public boolean keyed() {
        return true;
    }

    @Override
    public boolean matches(NfPacket p, NetfilterHost host) {
        int bit = p.ctState == 0 ? CtState.UNTRACKED : p.ctState;
        return ((mask & bit) != 0) ^ inv;
    }

    @Override
    public boolean needsConntrack() {
        return true;
    }

    @Override
    public void save(StringBuilder sb) {
        if (stateModule) {
            sb.append(" -m state").append(inv ? " ! --state " : " --state ");
        } else {
            sb.append(" -m conntrack").append(inv ? " ! --ctstate " : " --ctstate ");
        }
        sb.append(CtState.format(mask));
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(inv ? " ! " : " ").append(stateModule ? "state " : "ctstate ").append(CtState.format(mask));
    }
}
