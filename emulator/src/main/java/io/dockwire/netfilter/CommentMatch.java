package io.dockwire.netfilter;

/** {@code -m comment --comment text}: always matches. */
final class CommentMatch implements Match {
    String text = "";

    @Override
    public boolean keyed() {
        return true;
    }

    @Override
    public boolean matches(NfPacket p, NetfilterHost host) {
        return true;
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(" -m comment --comment ").append(Quote.save(text));
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(" /* ").append(text).append(" */");
    }
}
