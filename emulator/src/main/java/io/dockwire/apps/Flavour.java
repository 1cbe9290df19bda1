package io.dockwire.apps;

/**
 * Which userland an image or host ships, because the same command prints differently: BusyBox
 * (busybox and alpine images: BusyBox ping, wget, nc, nslookup; shell {@code sh}) or GNU
 * (Debian-like hosts and images: iputils ping, curl 7.88, OpenBSD netcat; shell {@code bash}).
 */
public enum Flavour {
    BUSYBOX,
    GNU;

    /** What the shell says for a command it cannot find (exit 127). */
    String notFound(String cmd) {
        return this == BUSYBOX ? "sh: " + cmd + ": not found\n" : "bash: " + cmd + ": command not found\n";
    }
}
