package io.dockwire.link;

/**
 * A snapshot of a device's counters, for exact assertions. Packets and bytes count frames the
 * device accepted (rx) or handed to its medium (tx); drops are counted apart, as Linux does.
 * {@code rxNoHandler} counts accepted frames nobody above the device took (Linux rx_nohandler).
 */
public record DeviceCounters(long rxPackets, long rxBytes, long txPackets, long txBytes,
                             long rxDropped, long txDropped, long rxNoHandler) {
    public static DeviceCounters of(long rxPackets, long rxBytes, long txPackets, long txBytes) {
        return new DeviceCounters(rxPackets, rxBytes, txPackets, txBytes, 0, 0, 0);
    }
}
