package io.dockwire.trace;

/**
 * A capture point as pcapng describes it in an Interface Description Block.
 *
 * @param name        if_name, exactly as Linux names the device ({@code docker0}, {@code veth1a2b3c4}),
 *                    or namespace-qualified for uniqueness in one file ({@code c1:eth0})
 * @param description if_description (free text), or null
 * @param mac         if_MACaddr as the low 48 bits of a long, or -1 for none
 * @param ipv4        if_IPv4addr address as an int, or 0 for none
 * @param prefixLen   prefix length for {@code ipv4} (0..32)
 */
public record CaptureInterface(String name, String description, long mac, int ipv4, int prefixLen) {
    public CaptureInterface {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("capture interface name must not be empty");
        }
        if (prefixLen < 0 || prefixLen > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, prefixLen=" + prefixLen);
        }
    }

    public static CaptureInterface named(String name, long mac) {
        return new CaptureInterface(name, null, mac, 0, 0);
    }
}
