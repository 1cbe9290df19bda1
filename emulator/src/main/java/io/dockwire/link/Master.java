package io.dockwire.link;

/**
 * A device that enslaves others (a bridge). Frames a port accepts go to its master instead of
 * the port's own {@link FrameReceiver}, like Linux's {@code rx_handler}.
 */
public interface Master {
    /** A frame accepted by {@code port}; the master takes over one reference to {@code slot}. */
    void portInput(NetDevice port, int portIndex, int slot, long now);

    /** {@code port} was set administratively up or down. */
    void portStateChanged(NetDevice port, boolean up);

    /** The master as a device (for names in renderings and loop checks). */
    NetDevice device();
}
