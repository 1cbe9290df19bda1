package io.dockwire.docker;

/** An IPv4 prefix ({@code 172.17.0.0/16}); addresses are ints, as on the hot path elsewhere. */
public record Cidr(int address, int prefix) {
    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix must be 0..32, prefix=" + prefix);
        }
    }

    /** Parses {@code a.b.c.d/n}; null when malformed. Host bits may be set (see {@link #isCanonical}). */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        Integer addr = parseIp(text.substring(0, slash));
        try {
            int p = Integer.parseInt(text.substring(slash + 1));
            return addr == null || p < 0 || p > 32 ? null : new Cidr(addr, p);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses a dotted quad; null when malformed. */
    public static Integer parseIp(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int b = Integer.parseInt(p);
            if (b > 255) {
                return null;
            }
            v = (v << 8) | b;
        }
        return v;
    }

    public static String ip(int addr) {
        return (addr >>> 24) + "." + ((addr >>> 16) & 255) + "." + ((addr >>> 8) & 255) + "." + (addr & 255);
    }

    public int mask() {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public int network() {
        return address & mask();
    }

    public int broadcast() {
        return network() | ~mask();
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public boolean isCanonical() {
        return address == network();
    }

    public Cidr canonical() {
        return new Cidr(network(), prefix);
    }

    public boolean contains(int addr) {
        return (addr & mask()) == network();
    }

    public boolean overlaps(Cidr other) {
        int m = prefix < other.prefix ? mask() : other.mask();
        return (address & m) == (other.address & m);
    }

    @Override
    public String toString() {
        return ip(address) + "/" + prefix;
    }
}
