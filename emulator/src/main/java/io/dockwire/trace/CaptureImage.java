package io.dockwire.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Loads a whole capture file as one read-only buffer, mapped rather than copied. */
final class CaptureImage {
    private CaptureImage() {
    }

    static ByteBuffer map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException(file + " is " + size + " bytes; readers handle files up to 2 GiB");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }
}
