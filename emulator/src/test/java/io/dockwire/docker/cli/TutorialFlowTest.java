package io.dockwire.docker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockwire.docker.Container;
import io.dockwire.docker.DockerEngine;
import io.dockwire.docker.Names;
import io.dockwire.docker.RecordingKernel;
import io.dockwire.scenario.Context;
import io.dockwire.scenario.ScenarioLine;
import io.dockwire.scenario.ScenarioParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bridge-networking tutorial (seed 003) through the parser and the docker CLI. */
class TutorialFlowTest {
    private static final String SCENARIO = """
            # 1. default bridge
            docker network ls
            docker run -d -i -t --name alpine1 alpine ash
            docker run -d -i -t --name alpine2 alpine ash
            docker container ls
            docker network inspect bridge
            docker attach alpine1
            / # ip addr show
            / # ping -c 2 alpine2
            ctrl-p ctrl-q
            docker container stop alpine1 alpine2
            docker container rm alpine1 alpine2
            # 2. user-defined bridge
            docker network create --driver bridge alpine-net
            docker run -dit --name alpine1 --network alpine-net alpine ash
            docker run -dit --name alpine2 --network alpine-net alpine ash
            docker run -dit --name alpine3 alpine ash
            docker run -dit --name alpine4 --network alpine-net alpine ash
            docker network connect bridge alpine4
            docker container attach alpine1
            ping -c 2 alpine2
            ping -c 2 alpine3
            ctrl-p ctrl-q
            docker container stop alpine1 alpine2 alpine3 alpine4
            docker container rm alpine1 alpine2 alpine3 alpine4
            docker network rm alpine-net
            """;

    @Test
    void everyDockerLineSucceedsNamesResolveOnlyOnTheUserNetworkAndCleanupRestoresTheRules() {
        RecordingKernel kernel = new RecordingKernel();
        DockerEngine engine = DockerEngine.docker27(kernel, 42, () -> 0L);
        Names names = new Names(engine, "nameserver 8.8.8.8\n");
        DockerCommand docker = new DockerCommand(engine, names);
        List<String> kernelAtStart = kernel.lines();
        List<String> resolved = new ArrayList<>();
        for (ScenarioLine line : ScenarioParser.parse("bridge.dw", SCENARIO)) {
            if (line.context().kind() == Context.Kind.HOST) {
                Result r = docker.run(line.argv());
                assertEquals(0, r.exitCode(), line.where() + r.stderr());
            } else if (line.kind() == ScenarioLine.Kind.COMMAND && line.argv().get(0).equals("ping")) {
                Container from = engine.findContainer(line.context().name());
                String target = line.argv().get(3);
                resolved.add(line.context().name() + "->" + target + "=" + names.resolve(from, target));
            }
        }
        assertEquals(List.of("alpine1->alpine2=null", "alpine1->alpine2=172.18.0.3", "alpine1->alpine3=null"), resolved);
        assertEquals(List.of(), engine.containers());
        assertEquals(3, engine.networks().size());
        String start = String.join("\n", kernelAtStart);
        var before = new io.dockwire.docker.MiniIptablesAccess().listing(kernelAtStart);
        var after = new io.dockwire.docker.MiniIptablesAccess().listing(kernel.lines());
        assertEquals(before, after, start);
    }
}
