package io.dockwire.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a {@code .dw} scenario: the commands a person types, one per line, as a shell reads them.
 *
 * <h2>Syntax</h2>
 * <ul>
 * <li>Blank lines are skipped; {@code #} starts a comment (at the start of a line, or of a word
 *     as in sh). {@code # WORD ...} with a known command WORD and only ASCII after it is root's
 *     prompt, not a comment - see {@link Prompts}.</li>
 * <li>Leading prompts are stripped: {@code $ }, {@code # }, {@code ❯ }, {@code bash-5.0# },
 *     {@code / # } (busybox), {@code root@host:~# }, {@code [user@host dir]$ }; then any
 *     {@code sudo }.</li>
 * <li>A backslash at the end of a line continues it; quotes may span lines; words are split as
 *     sh does ({@link ShellWords}) without any expansion.</li>
 * <li>{@code @NAME command...} runs the command on machine NAME of the outside LAN (for example
 *     {@code @client curl http://192.168.1.10:8080/}); the prefix may follow a prompt.</li>
 * </ul>
 *
 * <h2>Contexts</h2>
 * Lines run on the Docker host unless:
 * <ul>
 * <li>{@code docker exec [opts] NAME CMD...} - CMD runs in container NAME (the line's argv is CMD);</li>
 * <li>{@code docker exec -it NAME sh|bash|ash}, {@code docker attach NAME} and a foreground
 *     {@code docker run -it ... IMAGE [shell]} are {@link ScenarioLine.Kind#ATTACH} lines: the
 *     lines after them run in that container until a detach line - {@code ctrl-p ctrl-q}
 *     (also {@code ^P^Q}, {@code Ctrl+P Ctrl+Q}) or {@code exit}. {@code exit} in a shell entered
 *     by run/attach is the main process ending ({@link ScenarioLine.Kind#EXIT_MAIN}).</li>
 * </ul>
 */
public final class ScenarioParser {
    private static final Pattern MACHINE = Pattern.compile("^@([A-Za-z0-9_.-]+):?\\s+");
    private static final Pattern DETACH_KEYS =
            Pattern.compile("^(?:ctrl[-+ ]?p[ ,]*ctrl[-+ ]?q|\\^p ?\\^q)$");

    private ScenarioParser() {
    }

    public static List<ScenarioLine> parse(Path path) throws IOException {
        return parse(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public static List<ScenarioLine> parse(String file, String text) {
        String[] physical = text.split("\r?\n", -1);
        List<ScenarioLine> out = new ArrayList<>();
        Session session = new Session();
        int i = 0;
        while (i < physical.length) {
            int first = i + 1;
            String line = physical[i++].strip();
            if (line.isEmpty() || Prompts.isComment(line)) {
                continue;
            }
            StringBuilder original = new StringBuilder(line);
            StringBuilder logical = new StringBuilder(Prompts.strip(line));
            ShellWords.State state;
            while ((state = ShellWords.scan(logical.toString())) != ShellWords.State.COMPLETE) {
                if (i >= physical.length) {
                    throw new ScenarioException(file, first, switch (state) {
                        case CONTINUATION -> "line continuation (\\) at end of file";
                        case OPEN_SINGLE -> "unterminated single quote";
                        default -> "unterminated double quote";
                    });
                }
                String next = physical[i++];
                original.append('\n').append(next);
                if (state == ShellWords.State.CONTINUATION) {
                    logical.setLength(logical.length() - 1);
                    logical.append(next);
                } else {
                    logical.append('\n').append(next);
                }
            }
            ScenarioLine parsed = session.line(file, first, original.toString(), logical.toString());
            if (parsed != null) {
                out.add(parsed);
            }
        }
        return out;
    }

    /** Tracks which container the typed lines go to. */
    private static final class Session {
        private Context attached;      // null: on the host
        private boolean mainProcess;

        ScenarioLine line(String file, int number, String original, String text) {
            String body = text.strip();
            while (body.startsWith("sudo ")) {
                body = body.substring(5).stripLeading();
            }
            Context context = attached == null ? Context.HOST : attached;
            Matcher m = MACHINE.matcher(body);
            boolean onMachine = m.find();
            if (onMachine) {
                context = Context.machine(m.group(1));
                body = body.substring(m.end());
                while (body.startsWith("sudo ")) {
                    body = body.substring(5).stripLeading();
                }
            }
            if (!onMachine && attached != null && isDetach(body)) {
                boolean exit = body.equals("exit") || body.startsWith("exit ");
                ScenarioLine.Kind kind = exit && mainProcess ? ScenarioLine.Kind.EXIT_MAIN : ScenarioLine.Kind.DETACH;
                List<String> argv = exit ? List.of("exit") : List.of("ctrl-p", "ctrl-q");
                ScenarioLine l = new ScenarioLine(file, number, original, argv, attached, kind);
                attached = null;
                return l;
            }
            if (!onMachine && attached == null && DETACH_KEYS.matcher(body.toLowerCase(Locale.ROOT)).matches()) {
                throw new ScenarioException(file, number, "detach keys (ctrl-p ctrl-q) while not attached to a container");
            }
            String op = ShellWords.unquotedOperator(body);
            if (op != null && !op.equals("|")) {
                throw new ScenarioException(file, number, "shell operator '" + op + "' is not emulated: one command "
                        + "per line, no redirections (pipes only as echo TEXT | nc HOST PORT)");
            }
            List<String> argv;
            try {
                argv = ShellWords.split(body);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(file, number, e.getMessage());
            }
            if (argv.isEmpty()) {
                return null;
            }
            if (context.kind() == Context.Kind.HOST) {
                AttachRules.Attach attach = AttachRules.of(argv);
                if (attach != null) {
                    attached = attach.context();
                    mainProcess = attach.mainProcess();
                    return new ScenarioLine(file, number, original, argv, Context.HOST, ScenarioLine.Kind.ATTACH);
                }
                List<String> exec = AttachRules.execCommand(argv);
                if (exec != null) {
                    return new ScenarioLine(file, number, original, exec.subList(1, exec.size()),
                            Context.container(exec.get(0)), ScenarioLine.Kind.COMMAND);
                }
            }
            return new ScenarioLine(file, number, original, argv, context, ScenarioLine.Kind.COMMAND);
        }

        private static boolean isDetach(String body) {
            String b = body.toLowerCase(Locale.ROOT);
            return b.equals("exit") || b.matches("exit \\d+") || DETACH_KEYS.matcher(b).matches();
        }
    }
}
