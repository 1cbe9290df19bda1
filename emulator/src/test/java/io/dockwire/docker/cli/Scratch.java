package io.dockwire.docker.cli;

import io.dockwire.docker.*;
import java.util.List;

class Scratch {
    static long t = 0;
    public static void main(String[] a) {
        RecordingKernel k = new RecordingKernel();
        DockerEngine e = DockerEngine.docker27(k, 1, () -> t);
        DockerCommand d = new DockerCommand(e, new Names(e, "nameserver 8.8.8.8\n"));
        for (String line : a) {
            Result r = d.run(List.of(line.split(" ")));
            System.out.println("$ " + line);
            System.out.print(r.stdout());
            System.out.print(r.stderr());
            System.out.println("(exit " + r.exitCode() + ")");
            t += 65_000;
        }
    }
}
