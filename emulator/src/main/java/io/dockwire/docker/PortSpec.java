package io.dockwire.docker;

/**
 * One {@code -p} request: {@code [IP:][HOST:]CONTAINER[/PROTO]}; hostPort 0 asks for an
 * ephemeral port (as {@code -p 80} and {@code -P} do). {@code hostPortEnd} above hostPort is a
 * host range to take the first free port of ({@code -p 8000-8010:80}).
 */
public record PortSpec(String hostIp, int hostPort, int hostPortEnd, int containerPort, String proto) {

    public PortSpec(String hostIp, int hostPort, int containerPort, String proto) {
        this(hostIp, hostPort, hostPort, containerPort, proto);
    }

    /**
     * Parses docker's -p syntax with ranges (go-connections nat.ParsePortSpec): {@code 80-81},
     * {@code 9000-9001:80-81} (port by port), {@code 8000-8010:80} (a host range for one
     * port); throws IllegalArgumentException with the CLI's message.
     */
    public static java.util.List<PortSpec> parseAll(String raw) {
        String spec = raw;
        String proto = "";
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash);
            spec = spec.substring(0, slash);
        }
        String[] parts = spec.split(":", -1);
        String ctr = parts[parts.length - 1];
        String host = parts.length >= 2 ? parts[parts.length - 2] : "";
        String prefix = parts.length == 3 ? parts[0] + ":" : "";
        if (!ctr.contains("-") && !host.contains("-")) {
            return java.util.List.of(parse(raw));
        }
        int[] c = range(ctr, "containerPort");
        int[] h = host.isEmpty() ? null : range(host, "hostPort");
        if (h != null && h[1] - h[0] != c[1] - c[0]) {
            if (c[0] != c[1]) {
                throw new IllegalArgumentException("invalid ranges specified for container and host Ports: " + ctr
                        + " and " + host);
            }
            PortSpec one = parse(prefix + h[0] + ":" + c[0] + proto);
            return java.util.List.of(new PortSpec(one.hostIp(), h[0], h[1], one.containerPort(), one.proto()));
        }
        java.util.List<PortSpec> out = new java.util.ArrayList<>();
        for (int i = 0; i <= c[1] - c[0]; i++) {
            out.add(parse(prefix + (h == null ? "" : (h[0] + i) + ":") + (c[0] + i) + proto));
        }
        return out;
    }

    private static int[] range(String s, String what) {
        String[] ends = s.split("-", -1);
        int lo = port(ends[0]);
        int hi = ends.length == 2 ? port(ends[1]) : lo;
        if (ends.length > 2 || lo <= 0 || hi <= 0 || hi < lo) {
            throw new IllegalArgumentException("invalid " + what + ": " + s);
        }
        return new int[] {lo, hi};
    }

    /** Parses docker's -p syntax; throws IllegalArgumentException with the CLI's message. */
    public static PortSpec parse(String raw) {
        String spec = raw;
        String proto = "tcp";
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash + 1).toLowerCase();
            spec = spec.substring(0, slash);
            if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
                throw new IllegalArgumentException("invalid proto: " + proto);
            }
        }
        String[] parts = spec.split(":", -1);
        String ip = "0.0.0.0";
        String host = "";
        String ctr;
        switch (parts.length) {
            case 1 -> ctr = parts[0];
            case 2 -> { host = parts[0]; ctr = parts[1]; }
            case 3 -> { ip = parts[0]; host = parts[1]; ctr = parts[2]; }
            default -> throw new IllegalArgumentException("invalid port format for --publish: " + raw);
        }
        if (ip.isEmpty()) {
            ip = "0.0.0.0";
        } else if (Cidr.parseIp(ip) == null) {
            throw new IllegalArgumentException("invalid IP address: " + ip);
        }
        int c = port(ctr);
        if (c <= 0) {
            throw new IllegalArgumentException("invalid containerPort: " + ctr);
        }
        int h = host.isEmpty() ? 0 : port(host);
        if (h < 0 || (!host.isEmpty() && h == 0)) {
            throw new IllegalArgumentException("invalid hostPort: " + host);
        }
        return new PortSpec(ip, h, c, proto);
    }

    private static int port(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int p = Integer.parseInt(s);
        return p > 65535 ? -1 : p;
    }

    /** "80/tcp", the key Docker uses for ExposedPorts and NetworkSettings.Ports. */
    public String key() {
        return containerPort + "/" + proto;
    }
}
