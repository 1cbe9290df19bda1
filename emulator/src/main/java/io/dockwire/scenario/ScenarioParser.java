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
 *     sh does ({@link ShellWords}) without any expansion. A tutorial's placeholder word such as
 *     {@code <TOKEN>} is a word, not redirections (bash would say {@code TOKEN: No such file or
 *     directory}): the command decides what it stands for.</li>
 * <li>{@code @NAME command...} runs the command on machine NAME of the outside LAN (for example
 *     {@code @client curl http://192.168.1.10:8080/}) or on Docker host NAME (declared by
 *     {@code # dockwire: docker-hosts}); the prefix may follow a prompt.</li>
 * <li>{@code @NAME} alone on a line (or {@code @NAME:}) switches to NAME's terminal: the lines
 *     after it are typed there, until the next such line. Each terminal keeps its own shell, so
 *     a container attached in one is still attached when the scenario comes back to it:
 *     <pre>
 * &#64;host1
 * docker run -it --name alpine1 --network test-net alpine
 * &#64;host2
 * docker run -dit --name alpine2 --network test-net alpine
 * &#64;host1
 * ping -c 2 alpine2          # in alpine1's shell, where host1's terminal was left
 *     </pre></li>
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
    private static final Pattern PLACEHOLDER = Pattern.compile("(<[A-Z][A-Z0-9_-]*>)(?=\\s|$)");
    private static final Pattern TERMINAL = Pattern.compile("^@([A-Za-z0-9_.-]+):?$");
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
        Session session = new Session(WorldSpec.declaredHosts(text));
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

    /**
     * Tracks which terminal the typed lines go to and, per terminal, which container its shell
     * is in.
     */
    private static final class Session {
        /** The Docker hosts by name (the first is the default terminal's, ""). */
        private final List<String> dockerHosts;
        /** Per terminal ("" = the first Docker host, else a host or machine name): the attached container. */
        private final java.util.Map<String, Context> attached = new java.util.HashMap<>();
        private final java.util.Map<String, Boolean> mainProcess = new java.util.HashMap<>();
        private String current = "";

        Session(List<String> dockerHosts) {
            this.dockerHosts = dockerHosts;
        }

        /** The terminal key of {@code @NAME}: "" for the first Docker host. */
        private String terminal(String name) {
            return !dockerHosts.isEmpty() && dockerHosts.get(0).equals(name) ? "" : name;
        }

        /** The context of a terminal's shell when no container is attached. */
        private Context shell(String terminal) {
            if (terminal.isEmpty()) {
                return Context.HOST;
            }
            return dockerHosts.contains(terminal) ? Context.dockerHost(terminal) : Context.machine(terminal);
        }

        private String hostOf(String terminal) {
            return terminal.isEmpty() || !dockerHosts.contains(terminal) ? null : terminal;
        }

        ScenarioLine line(String file, int number, String original, String text) {
            String body = text.strip();
            while (body.startsWith("sudo ")) {
                body = body.substring(5).stripLeading();
            }
            Matcher block = TERMINAL.matcher(body);
            if (block.matches()) {
                current = terminal(block.group(1));
                return null;
            }
            String term = current;
            Matcher m = MACHINE.matcher(body);
            if (m.find()) {
                term = terminal(m.group(1));
                body = body.substring(m.end());
                while (body.startsWith("sudo ")) {
                    body = body.substring(5).stripLeading();
                }
            }
            Context in = attached.get(term);
            Context context = in == null ? shell(term) : in;
            if (in != null && isDetach(body)) {
                boolean exit = body.equals("exit") || body.startsWith("exit ");
                ScenarioLine.Kind kind = exit && mainProcess.get(term) ? ScenarioLine.Kind.EXIT_MAIN
                        : ScenarioLine.Kind.DETACH;
                List<String> argv = exit ? List.of("exit") : List.of("ctrl-p", "ctrl-q");
                ScenarioLine l = new ScenarioLine(file, number, original, argv, in, kind);
                attached.remove(term);
                return l;
            }
            if (in == null && DETACH_KEYS.matcher(body.toLowerCase(Locale.ROOT)).matches()) {
                throw new ScenarioException(file, number, "detach keys (ctrl-p ctrl-q) while not attached to a container");
            }
            // A tutorial's placeholder (docker swarm join --token <TOKEN> ...) is one word, not two
            // redirections as bash would read it: the command it stands in for decides what it means.
            body = protectPlaceholders(body);
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
                String host = hostOf(term);
                AttachRules.Attach attach = AttachRules.of(argv);
                if (attach != null) {
                    attached.put(term, attach.context().on(host));
                    mainProcess.put(term, attach.mainProcess());
                    return new ScenarioLine(file, number, original, argv, context, ScenarioLine.Kind.ATTACH);
                }
                List<String> exec = AttachRules.execCommand(argv);
                if (exec != null) {
                    return new ScenarioLine(file, number, original, exec.subList(1, exec.size()),
                            Context.container(exec.get(0)).on(host), ScenarioLine.Kind.COMMAND);
                }
            }
            return new ScenarioLine(file, number, original, argv, context, ScenarioLine.Kind.COMMAND);
        }

        /**
         * Quotes each {@code <WORD>} placeholder that stands as a word outside quotes (inside
         * quotes it is text already, and stays as written).
         */
        static String protectPlaceholders(String body) {
            StringBuilder out = new StringBuilder(body.length() + 8);
            char quote = 0;
            int i = 0;
            while (i < body.length()) {
                char ch = body.charAt(i);
                if (quote == 0 && ch == '<' && (i == 0 || Character.isWhitespace(body.charAt(i - 1)))) {
                    Matcher m = PLACEHOLDER.matcher(body).region(i, body.length());
                    if (m.lookingAt()) {
                        out.append('\'').append(m.group(1)).append('\'');
                        i = m.end();
                        continue;
                    }
                }
                if (ch == '\\' && quote != '\'' && i + 1 < body.length()) {
                    out.append(ch).append(body.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (quote == 0 && (ch == '\'' || ch == '"')) {
                    quote = ch;
                } else if (quote == ch) {
                    quote = 0;
                }
                out.append(ch);
                i++;
            }
            return out.toString();
        }

        private static boolean isDetach(String body) {
            String b = body.toLowerCase(Locale.ROOT);
            return b.equals("exit") || b.matches("exit \\d+") || DETACH_KEYS.matcher(b).matches();
        }
    }
}
