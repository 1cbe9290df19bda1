package io.dockwire.ip;

import io.dockwire.link.NetDevice;
import java.util.List;

/**
 * A kind of link that {@code ip link add NAME [mtu N] type KIND ARGS...} makes and that lives in a
 * package of its own (vxlan): registered with {@link Emulation#registerLinkKind}.
 */
public interface LinkKind {
    /**
     * Creates the device in {@code ns}. {@code args} are the words after {@code type KIND}.
     *
     * @throws IllegalArgumentException with the text iproute2 prints (exit status 255 follows)
     */
    NetDevice create(NetNamespace ns, String name, List<String> args);
}
