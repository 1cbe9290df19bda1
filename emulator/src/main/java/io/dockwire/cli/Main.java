package io.dockwire.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command-line entry point: {@code dockwire <command> [options]}.
 *
 * <p>Errors a user can cause (bad options, unreadable files, bad scenarios) print one clear
 * line on stderr and exit non-zero; a stack trace only ever means a dockwire bug.
 */
@Command(name = "dockwire", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Replays Docker networking sessions as real frames in simulated time and writes pcapng.",
        subcommands = {RunCommand.class, ExportCommand.class, BenchCommand.class, SelftestCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line (tests set its out/err writers). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserError) {
                cmd.getErr().println("dockwire: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dockwire " + version()};
        }
    }
}
