package io.dockwire.apps;

import io.dockwire.kernel.Kernel;
import java.util.List;

/**
 * Starts a command line as a process in a namespace, as {@code docker exec CTR argv...} would.
 * Which commands exist depends on {@link AppEnv#tools()}; {@link #isApp} lets the caller ask
 * first (so it can route {@code ip}, {@code iptables} to {@link Kernel#exec} instead), and an
 * unknown command still starts: it ends at once with the shell's message and status 127.
 */
public final class Apps {
    private Apps() {
    }

    /** True when {@code cmd} is an application this environment has. */
    public static boolean isApp(String cmd, AppEnv env) {
        return env.tools().contains(cmd);
    }

    /**
     * Starts {@code argv} in namespace {@code namespace} (null = the root namespace) at the
     * current simulated time. Throws IllegalArgumentException for a namespace that does not exist.
     */
    public static AppProcess start(Kernel kernel, String namespace, List<String> argv, AppEnv env) {
        Kernel.Services s = AppProcess.services(kernel, namespace);
        if (argv.isEmpty()) {
            return Builtin.finished(s, env, "", "", 0);
        }
        String cmd = argv.get(0);
        List<String> args = List.copyOf(argv.subList(1, argv.size()));
        if (!isApp(cmd, env)) {
            return Builtin.finished(s, env, "", env.flavour().notFound(cmd), 127);
        }
        AppProcess p = switch (cmd) {
            case "ping" -> new Ping(s, env, args);
            case "curl" -> new Curl(s, env, args);
            case "wget" -> new Wget(s, env, args);
            case "nc" -> ncFor(s, env, args);
            case "nslookup" -> new Nslookup(s, env, args);
            default -> new Builtin(s, env, cmd, args);
        };
        p.start();
        return p;
    }

    /** TCP or UDP netcat by the -u flag. */
    private static AppProcess ncFor(Kernel.Services s, AppEnv env, List<String> args) {
        Options o = Options.parse(args, "pwq", "lzvnNu");
        return o.error == null && o.has('u') ? new NcUdp(s, env, o) : new Nc(s, env, args);
    }

    /**
     * Runs the simulator event by event until {@code p} ends or simulated time would pass
     * {@code limitNs} (absolute); returns {@link AppProcess#done()}. The clock stops at the event
     * that ended the process, so a following command starts at that instant, as in a shell.
     */
    public static boolean await(Kernel kernel, AppProcess p, long limitNs) {
        while (!p.done() && kernel.sim().step(limitNs)) {
            // one event at a time: the process may end on any of them
        }
        return p.done();
    }
}
