package io.dockwire.docker.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A stable stand-in for an image's content digest: sha256 of its reference. */
final class ImageIds {
    private ImageIds() {
    }

    static String of(String reference) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(reference.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
