package io.dockwire.cli;

import io.dockwire.export.Allowances;
import io.dockwire.export.Conformance;
import io.dockwire.export.LinuxExport;
import io.dockwire.scenario.ScenarioException;
import io.dockwire.scenario.ScenarioLine;
import io.dockwire.scenario.ScenarioParser;
import io.dockwire.scenario.WorldSpec;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dockwire export --linux SCENARIO}: prints a bash script that builds the scenario's world
 * with real network namespaces, veths, bridges and iptables, replays its traffic with real tools
 * and captures it with tcpdump (see {@link LinuxExport}). Same seed, same names as {@code run}.
 */
@Command(name = "export", description = "Prints a bash script that replays a scenario on real Linux namespaces (run it as root).")
final class ExportCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "the scenario file (.dw)")
    Path scenario;

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** What the script drives: the emulated engine's kernel commands, or a real Docker Engine. */
    static final class Target {
        @Option(names = "--linux", required = true,
                description = "export for Linux: network namespaces, iproute2, iptables, tcpdump")
        boolean linux;

        @Option(names = "--docker-real", required = true, description = "run the scenario against a real Docker Engine"
                + " (Debian's docker.io, 20.10) in the same world of namespaces; with --compare, compare what each command"
                + " printed and the host's rules with the emulated docker-20.10 run")
        boolean dockerReal;
    }

    @Option(names = "--seed", defaultValue = "1", description = "the seed of the emulated run to match (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--compare", paramLabel = "DIR", description = "instead of printing: run the scenario emulated and"
            + " the script on this machine (root), compare the captures and iptables counters; exit 1 on a difference,"
            + " 3 when this machine cannot (not root), 4 when the scenario says it cannot run on one machine")
    Path compare;

    @Option(names = "--docker", paramLabel = "VERSION", description = "the Docker engine version whose commands to export "
            + "(20.10 or 27.2; default 27.2; wins over a '# dockwire: docker VERSION' line)")
    String docker;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<ScenarioLine> lines;
        WorldSpec world;
        try {
            lines = ScenarioParser.parse(scenario);
            world = WorldSpec.of(scenario.getFileName().toString(), java.nio.file.Files.readString(scenario), lines, docker);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new UserError("no such scenario file: " + scenario);
        } catch (IOException e) {
            throw new UserError("cannot read " + scenario + ": " + e.getMessage(), e);
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        if (compare != null) {
            return compare(lines, world);
        }
        String script;
        try {
            if (target.dockerReal) {
                spec.commandLine().getOut().print(io.dockwire.export.RealDocker.script(scenario.getFileName().toString(),
                        lines, world, seed, Main.version()));
                spec.commandLine().getOut().flush();
                return 0;
            }
            script = LinuxExport.script(scenario.getFileName().toString(), lines, seed, Main.version(), world);
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * The kernel tier, or with --docker-real the real-Docker tier: exit 0 equal, 1 different, 3 this
     * machine cannot, 4 the scenario says it cannot run on one machine.
     */
    private int compare(List<ScenarioLine> lines, WorldSpec world) {
        boolean real = target.dockerReal;
        String why = real ? io.dockwire.export.RealDockerTier.unavailableReason() : Conformance.unavailableReason();
        if (why != null) {
            spec.commandLine().getErr().println("dockwire: " + (real ? "REAL DOCKER TIER" : "CONFORMANCE") + " NOT RUN: " + why);
            return 3;
        }
        try {
            Allowances allow = Allowances.parse(java.nio.file.Files.readString(scenario));
            if (allow.skipReason() != null) {
                spec.commandLine().getErr().println("dockwire: conformance skipped by the scenario: " + allow.skipReason());
                return 4;
            }
            String name = scenario.getFileName().toString();
            Object report;
            boolean equal;
            if (real) {
                io.dockwire.export.RealDockerTier.Report r = io.dockwire.export.RealDockerTier.run(name, lines, world, allow,
                        seed, compare);
                report = r;
                equal = r.equal();
            } else {
                Conformance.Report r = Conformance.run(name, lines, world, allow, seed,
                        io.dockwire.scenario.ScenarioPrograms::new, compare);
                report = r;
                equal = r.equal();
            }
            spec.commandLine().getOut().print(report);
            spec.commandLine().getOut().flush();
            return equal ? 0 : 1;
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            throw new UserError(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted", e);
        }
    }
}
