package io.dockwire.docker;

/**
 * One {@code -p} request: {@code [IP:][HOST:]CONTAINER[/PROTO]}; hostPort 0 asks for an
 * ephemeral port (as {@code -p 80} and {@code -P} do).
 */
public record PortSpec(String hostIp, int hostPort, int containerPort, String proto) {

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
