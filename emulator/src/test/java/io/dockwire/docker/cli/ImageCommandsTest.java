package io.dockwire.docker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.Names;
import io.dockwire.docker.RecordingKernel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageCommandsTest {
    private final DockerEngine engine = DockerEngine.docker27(new RecordingKernel(), 11,
            () -> java.time.Instant.parse("2024-06-01T00:00:00Z").toEpochMilli());
    private final DockerCommand docker = new DockerCommand(engine, new Names(engine, "nameserver 8.8.8.8\n"));

    private String out(String line) {
        Result r = docker.run(Arrays.asList(line.split(" ")));
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout();
    }

    @Test
    void pullDownloadsOnceThenTheImageIsUpToDateAndImagesListsIt() {
        String first = out("docker pull nockchun/docterm");
        assertTrue(first.matches("Using default tag: latest\nlatest: Pulling from nockchun/docterm\n"
                + "([0-9a-f]{12}: Pull complete\n){6}Digest: sha256:[0-9a-f]{64}\n"
                + "Status: Downloaded newer image for nockchun/docterm:latest\ndocker.io/nockchun/docterm:latest\n"), first);
        String again = out("docker pull nockchun/docterm:latest");
        assertTrue(again.matches("latest: Pulling from nockchun/docterm\nDigest: sha256:[0-9a-f]{64}\n"
                + "Status: Image is up to date for nockchun/docterm:latest\ndocker.io/nockchun/docterm:latest\n"), again);
        assertTrue(out("docker pull busybox").contains("latest: Pulling from library/busybox\n"));
        out("docker run -d --name web nginx"); // a run pulls too
        String images = out("docker images");
        assertTrue(images.matches("REPOSITORY         TAG       IMAGE ID       CREATED         SIZE\n"
                + "nginx              latest    [0-9a-f]{12}   2 days ago      188MB\n"
                + "busybox            latest    [0-9a-f]{12}   10 months ago   4.26MB\n"
                + "nockchun/docterm   latest    [0-9a-f]{12}   3 years ago     352MB\n"), images);
        assertEquals(3, out("docker images -q").split("\n").length);
        assertEquals(out("docker images nginx").lines().count(), 2);
    }
}
