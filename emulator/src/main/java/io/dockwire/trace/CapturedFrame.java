package io.dockwire.trace;

import java.util.List;

/**
 * One packet record read back from a capture file.
 *
 * @param interfaceId    pcapng interface id within its section (0 for classic pcap)
 * @param interfaceName  if_name of that interface, or null (unnamed, or classic pcap)
 * @param timeNs         timestamp in nanoseconds (converted from the interface's resolution)
 * @param direction      {@link CaptureSink#DIR_IN}, {@link CaptureSink#DIR_OUT} or {@link CaptureSink#DIR_UNKNOWN}
 * @param comments       opt_comment values in file order (empty if none)
 * @param data           the captured bytes (a copy; caplen long)
 * @param originalLength the frame's length on the wire (origlen)
 */
public record CapturedFrame(int interfaceId, String interfaceName, long timeNs, int direction,
                            List<String> comments, byte[] data, int originalLength) {
    public CapturedFrame {
        comments = List.copyOf(comments);
    }
}
