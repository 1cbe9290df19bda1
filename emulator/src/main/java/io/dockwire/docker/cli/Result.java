package io.dockwire.docker.cli;

import java.util.List;

/**
 * What a docker command printed and returned.
 *
 * @param attach     for an attaching command (run -it, attach, exec -it NAME shell): the container
 *                   name the session moves into; else null
 * @param foreground for `docker run` without -d and without -it: the container whose main process
 *                   the runner should run in the foreground (then report its exit with
 *                   DockerEngine.exited); else null
 * @param execArgv   for `docker exec NAME CMD...`: the command to run inside the container
 */
public record Result(String stdout, String stderr, int exitCode, String attach, String foreground,
                     List<String> execArgv) {
    static Result ok(String stdout) {
        return new Result(stdout, "", 0, null, null, null);
    }

    static Result fail(String stderr, int code) {
        return new Result("", stderr, code, null, null, null);
    }

    /** What a shell shows of it: the output and the exit code. */
    public io.dockwire.command.CommandResult output() {
        return new io.dockwire.command.CommandResult(stdout, stderr, exitCode);
    }

    Result withStdout(String out) {
        return new Result(out, stderr, exitCode, attach, foreground, execArgv);
    }
}
