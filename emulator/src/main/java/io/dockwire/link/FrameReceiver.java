package io.dockwire.link;

/**
 * The upper layer of a device (the IP stack of its namespace). Gets every frame the device
 * accepts that is not taken by a master (bridge). The receiver takes over one reference to
 * {@code slot} and must release it or pass it on.
 */
@FunctionalInterface
public interface FrameReceiver {
    void receive(NetDevice dev, int slot, long now);
}
