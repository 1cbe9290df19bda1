package io.dockwire.docker;

import java.util.List;

/** Lets tests in other packages use the package-private {@link MiniIptables} oracle. */
public final class MiniIptablesAccess {
    public String listing(List<String> recorded) {
        MiniIptables m = new MiniIptables().apply(recorded);
        return m.listS("nat") + m.listS("filter");
    }
}
