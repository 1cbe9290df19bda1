package io.dockwire.docker;

import java.util.List;

/**
 * A catalogue image: what `docker run` needs from its config.
 *
 * @param reference   as typed (nginx, nginx:1.14)
 * @param exposed     EXPOSE ports as "80/tcp", in the image's order
 * @param entrypoint  ENTRYPOINT words (empty when none)
 * @param cmd         CMD words
 */
public record Image(String reference, List<String> exposed, List<String> entrypoint, List<String> cmd) {
    public Image {
        exposed = List.copyOf(exposed);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
    }

    /** The repository without tag: nginx:1.14 -> nginx. */
    public String repository() {
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(0, colon) : reference;
    }
}
