package io.dockwire.docker.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of Go's text/template that {@code docker inspect -f}, {@code docker network inspect -f}
 * and {@code docker ps --format} templates use, run over the JSON objects the CLI would decode
 * (maps, lists, strings, numbers, booleans): fields ({@code .A.B}), variables, {@code range}
 * (maps in key order), {@code if}/{@code else}/{@code with}, pipelines, and the functions
 * docker adds or people use ({@code json}, {@code index}, {@code join}, {@code split},
 * {@code lower}, {@code upper}, {@code title}, {@code len}, {@code println}, {@code print},
 * {@code printf}, {@code eq}, {@code ne}, {@code not}, {@code and}, {@code or}). A missing map key
 * prints {@code <no value>}, as Go prints it. Anything else is {@link Unsupported}.
 */
final class GoTemplate {
    /** A map key that is not there (Go: the zero reflect.Value, printed "<no value>"). */
    private static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private final String source;
    private final List<Node> nodes;

    private GoTemplate(String source, List<Node> nodes) {
        this.source = source;
        this.nodes = nodes;
    }

    /** Parses {@code text}; a template docker would reject, or one beyond this subset, throws. */
    static GoTemplate parse(String text) {
        Parser p = new Parser(text);
        List<Node> nodes = p.list(false);
        return new GoTemplate(text, nodes);
    }

    /** Runs the template with {@code dot} as {@code .} (and {@code $}). */
    String execute(Object dot) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> vars = new HashMap<>();
        vars.put("$", dot);
        run(nodes, dot, vars, out);
        return out.toString();
    }

    // ---- nodes ---------------------------------------------------------------------------------

    private interface Node {
    }

    private record Text(String text) implements Node {
    }

    /** {@code {{pipeline}}} or {@code {{$x := pipeline}}}. */
    private record Action(List<String> decl, List<List<Term>> pipeline) implements Node {
    }

    /** range, if, with: {@code decl} only for range ($v or $k, $v). */
    private record Block(String kind, List<String> decl, List<List<Term>> pipeline, List<Node> body,
                         List<Node> otherwise) implements Node {
    }

    /** One operand: a field chain on dot/a variable, a literal, a function name, a sub-pipeline. */
    private record Term(String kind, String text, List<String> fields, List<List<Term>> sub) {
    }

    // ---- execution -----------------------------------------------------------------------------

    private void run(List<Node> list, Object dot, Map<String, Object> vars, StringBuilder out) {
        for (Node n : list) {
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Action a) {
                Object v = pipeline(a.pipeline(), dot, vars);
                if (a.decl().isEmpty()) {
                    out.append(print(v));
                } else {
                    vars.put(a.decl().get(0), v);
                }
            } else if (n instanceof Block b) {
                block(b, dot, vars, out);
            }
        }
    }

    private void block(Block b, Object dot, Map<String, Object> vars, StringBuilder out) {
        Object v = pipeline(b.pipeline(), dot, vars);
        switch (b.kind()) {
            case "if" -> run(truth(v) ? b.body() : b.otherwise(), dot, vars, out);
            case "with" -> {
                if (truth(v)) {
                    run(b.body(), v, vars, out);
                } else {
                    run(b.otherwise(), dot, vars, out);
                }
            }
            default -> { // range
                List<Object[]> items = new ArrayList<>();
                if (v instanceof Map<?, ?> m) {
                    new TreeMap<>(m).forEach((k, e) -> items.add(new Object[] {k, e}));
                } else if (v instanceof List<?> l) {
                    for (int i = 0; i < l.size(); i++) {
                        items.add(new Object[] {i, l.get(i)});
                    }
                } else if (v != null && v != MISSING) {
                    throw new Unsupported(error("range can't iterate over " + print(v)));
                }
                if (items.isEmpty()) {
                    run(b.otherwise(), dot, vars, out);
                }
                for (Object[] kv : items) {
                    Map<String, Object> inner = new HashMap<>(vars);
                    if (b.decl().size() == 1) {
                        inner.put(b.decl().get(0), kv[1]);
                    } else if (b.decl().size() == 2) {
                        inner.put(b.decl().get(0), kv[0]);
                        inner.put(b.decl().get(1), kv[1]);
                    }
                    run(b.body(), kv[1], inner, out);
                }
            }
        }
    }

    private Object pipeline(List<List<Term>> cmds, Object dot, Map<String, Object> vars) {
        Object last = null;
        boolean piped = false;
        for (List<Term> cmd : cmds) {
            last = command(cmd, dot, vars, piped, last);
            piped = true;
        }
        return last;
    }

    private Object command(List<Term> cmd, Object dot, Map<String, Object> vars, boolean piped, Object in) {
        Term head = cmd.get(0);
        if (!head.kind().equals("func")) {
            if (cmd.size() > 1 || piped) {
                throw new Unsupported(error("can't give argument to non-function " + head.text()));
            }
            return value(head, dot, vars);
        }
        List<Object> args = new ArrayList<>();
        for (int i = 1; i < cmd.size(); i++) {
            args.add(value(cmd.get(i), dot, vars));
        }
        if (piped) {
            args.add(in);
        }
        return call(head.text(), args);
    }

    private Object value(Term t, Object dot, Map<String, Object> vars) {
        Object base;
        switch (t.kind()) {
            case "string" -> {
                return t.text();
            }
            case "number" -> {
                return Long.parseLong(t.text());
            }
            case "bool" -> {
                return Boolean.parseBoolean(t.text());
            }
            case "sub" -> base = pipeline(t.sub(), dot, vars);
            case "var" -> {
                if (!vars.containsKey(t.text())) {
                    throw new Unsupported(error("undefined variable: " + t.text()));
                }
                base = vars.get(t.text());
            }
            default -> base = dot; // "dot"
        }
        for (String f : t.fields()) {
            if (base instanceof Map<?, ?> m) {
                base = m.containsKey(f) ? m.get(f) : MISSING;
            } else if (base == MISSING || base == null) {
                throw new Unsupported(error("nil pointer evaluating ." + f));
            } else {
                throw new Unsupported(error("can't evaluate field " + f + " in " + print(base)));
            }
        }
        return base;
    }

    private Object call(String fn, List<Object> a) {
        switch (fn) {
            case "json" -> {
                need(fn, a, 1);
                StringBuilder sb = new StringBuilder();
                compact(sb, a.get(0));
                return sb.toString();
            }
            case "index" -> {
                Object v = a.get(0);
                for (int i = 1; i < a.size(); i++) {
                    Object k = a.get(i);
                    if (v instanceof Map<?, ?> m) {
                        v = m.containsKey(k) ? m.get(k) : MISSING;
                    } else if (v instanceof List<?> l && k instanceof Long n && n >= 0 && n < l.size()) {
                        v = l.get(n.intValue());
                    } else {
                        throw new Unsupported(error("error calling index: cannot index " + print(v) + " with " + k));
                    }
                }
                return v;
            }
            case "len" -> {
                need(fn, a, 1);
                Object v = a.get(0);
                return (long) (v instanceof Map<?, ?> m ? m.size() : v instanceof List<?> l ? l.size()
                        : v instanceof String s ? s.length() : 0);
            }
            case "join" -> {
                need(fn, a, 2);
                List<String> parts = new ArrayList<>();
                if (a.get(0) instanceof List<?> l) {
                    l.forEach(x -> parts.add(print(x)));
                }
                return String.join(print(a.get(1)), parts);
            }
            case "split" -> {
                need(fn, a, 2);
                return new ArrayList<Object>(List.of(print(a.get(0)).split(java.util.regex.Pattern.quote(print(a.get(1))), -1)));
            }
            case "lower" -> {
                return print(a.get(0)).toLowerCase(Locale.ROOT);
            }
            case "upper" -> {
                return print(a.get(0)).toUpperCase(Locale.ROOT);
            }
            case "title" -> {
                String s = print(a.get(0));
                return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
            }
            case "print", "println" -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < a.size(); i++) {
                    // fmt.Sprint adds spaces only between operands that are not strings; Sprintln always.
                    if (i > 0 && (fn.equals("println") || !(a.get(i) instanceof String) && !(a.get(i - 1) instanceof String))) {
                        sb.append(' ');
                    }
                    sb.append(print(a.get(i)));
                }
                return fn.equals("println") ? sb.append('\n').toString() : sb.toString();
            }
            case "printf" -> {
                return printf(print(a.get(0)), a.subList(1, a.size()));
            }
            case "eq", "ne" -> {
                need(fn, a, 2);
                boolean eq = print(a.get(0)).equals(print(a.get(1)));
                return fn.equals("eq") == eq;
            }
            case "not" -> {
                return !truth(a.get(0));
            }
            case "and", "or" -> {
                for (Object x : a) {
                    if (truth(x) != fn.equals("and")) {
                        return x;
                    }
                }
                return a.get(a.size() - 1);
            }
            default -> throw new Unsupported(error("function \"" + fn + "\" not defined"));
        }
    }

    private void need(String fn, List<Object> a, int n) {
        if (a.size() != n) {
            throw new Unsupported(error("wrong number of args for " + fn + ": want " + n + " got " + a.size()));
        }
    }

    private String printf(String format, List<Object> args) {
        StringBuilder sb = new StringBuilder();
        int arg = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                sb.append(c);
                continue;
            }
            char verb = format.charAt(++i);
            switch (verb) {
                case '%' -> sb.append('%');
                case 's', 'v', 'd' -> sb.append(arg < args.size() ? print(args.get(arg++)) : "%!" + verb + "(MISSING)");
                case 'q' -> sb.append(arg < args.size() ? ContainerViews.quote(print(args.get(arg++))) : "%!q(MISSING)");
                default -> throw new Unsupported(error("printf verb %" + verb + " is not emulated"));
            }
        }
        return sb.toString();
    }

    private String error(String what) {
        return "docker --format template " + source + ": " + what;
    }

    /** Go's truth: false, 0, nil, empty string, map or list are false. */
    private static boolean truth(Object v) {
        return !(v == null || v == MISSING || Boolean.FALSE.equals(v) || (v instanceof Number n && n.doubleValue() == 0)
                || (v instanceof String s && s.isEmpty()) || (v instanceof Map<?, ?> m && m.isEmpty())
                || (v instanceof List<?> l && l.isEmpty()));
    }

    /** fmt's %v of a decoded JSON value: map[k:v ...] in key order, [a b], <nil>. */
    static String print(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("map[");
            int i = 0;
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                sb.append(i++ > 0 ? " " : "").append(e.getKey()).append(':').append(print(e.getValue()));
            }
            return sb.append(']').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? " " : "").append(print(l.get(i)));
            }
            return sb.append(']').toString();
        }
        return v.toString();
    }

    /** encoding/json.Marshal: compact, HTML-safe escapes, keys in the object's order. */
    private static void compact(StringBuilder sb, Object v) {
        if (v == null || v == MISSING) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(i++ > 0 ? "," : "");
                Json.string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                compact(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? "," : "");
                compact(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof String s) {
            Json.string(sb, s);
        } else {
            sb.append(v);
        }
    }

    // ---- parsing -------------------------------------------------------------------------------

    private static final class Parser {
        private final String src;
        private int pos;

        Parser(String src) {
            this.src = src;
        }

        /** Nodes up to the end, or (inBlock) up to an else/end action, which is left for the caller. */
        List<Node> list(boolean inBlock) {
            List<Node> out = new ArrayList<>();
            while (pos < src.length()) {
                int open = src.indexOf("{{", pos);
                String text = open < 0 ? src.substring(pos) : src.substring(pos, open);
                boolean trimLeft = open >= 0 && src.startsWith("{{-", open) && open + 3 < src.length()
                        && Character.isWhitespace(src.charAt(open + 3));
                if (trimLeft) {
                    text = text.stripTrailing();
                }
                if (!text.isEmpty()) {
                    out.add(new Text(text));
                }
                if (open < 0) {
                    pos = src.length();
                    break;
                }
                int close = src.indexOf("}}", open + 2);
                if (close < 0) {
                    throw new Unsupported("template: :1: unclosed action");
                }
                int bodyStart = open + (trimLeft ? 3 : 2);
                boolean trimRight = close - 1 > bodyStart && src.charAt(close - 1) == '-'
                        && Character.isWhitespace(src.charAt(close - 2));
                String body = src.substring(bodyStart, trimRight ? close - 1 : close).strip();
                int after = close + 2;
                if (trimRight) {
                    while (after < src.length() && Character.isWhitespace(src.charAt(after))) {
                        after++;
                    }
                }
                String word = body.split("\\s+", 2)[0];
                if (inBlock && (word.equals("else") || word.equals("end"))) {
                    pos = open; // the caller reads it
                    return out;
                }
                pos = after;
                switch (word) {
                    case "range", "if", "with" -> out.add(block(word, body.substring(word.length()).strip()));
                    case "else", "end" -> throw new Unsupported("template: :1: unexpected {{" + word + "}}");
                    default -> {
                        if (body.startsWith("/*")) {
                            continue; // a comment
                        }
                        List<String> decl = new ArrayList<>();
                        String pipe = declarations(body, decl);
                        out.add(new Action(decl, pipeline(pipe)));
                    }
                }
            }
            if (inBlock) {
                throw new Unsupported("template: :1: unexpected EOF");
            }
            return out;
        }

        private Block block(String kind, String rest) {
            List<String> decl = new ArrayList<>();
            String pipe = kind.equals("range") ? declarations(rest, decl) : rest;
            List<List<Term>> p = pipeline(pipe);
            List<Node> body = list(true);
            List<Node> otherwise = List.of();
            String word = keyword();
            if (word.equals("else")) {
                otherwise = list(true);
                word = keyword();
            }
            if (!word.equals("end")) {
                throw new Unsupported("template: :1: expected end; found " + word);
            }
            return new Block(kind, decl, p, body, otherwise);
        }

        /** Reads the else/end action at pos. */
        private String keyword() {
            int close = src.indexOf("}}", pos);
            String body = src.substring(pos + 2, close).replace("-", " ").strip();
            pos = close + 2;
            if (src.charAt(close - 1) == '-') {
                while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                    pos++;
                }
            }
            if (!body.equals("else") && !body.equals("end")) {
                throw new Unsupported("template: :1: {{" + body + "}} is not emulated");
            }
            return body;
        }

        /** {@code $a, $b := rest} (or {@code $a := rest}): fills decl, returns rest; else the whole. */
        private static String declarations(String s, List<String> decl) {
            int assign = s.indexOf(":=");
            if (assign < 0 || !s.startsWith("$")) {
                return s;
            }
            for (String v : s.substring(0, assign).split(",")) {
                decl.add(v.strip());
            }
            return s.substring(assign + 2).strip();
        }

        private static List<List<Term>> pipeline(String s) {
            List<List<Term>> cmds = new ArrayList<>();
            List<Term> cur = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '|') {
                    cmds.add(cur);
                    cur = new ArrayList<>();
                    i++;
                } else if (c == '"' || c == '`') {
                    StringBuilder sb = new StringBuilder();
                    int j = i + 1;
                    while (j < s.length() && s.charAt(j) != c) {
                        char d = s.charAt(j);
                        if (c == '"' && d == '\\' && j + 1 < s.length()) {
                            char e = s.charAt(++j);
                            sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                        } else {
                            sb.append(d);
                        }
                        j++;
                    }
                    if (j >= s.length()) {
                        throw new Unsupported("template: :1: unterminated quoted string");
                    }
                    cur.add(new Term("string", sb.toString(), List.of(), null));
                    i = j + 1;
                } else if (c == '(') {
                    int depth = 0;
                    int j = i;
                    for (; j < s.length(); j++) {
                        depth += s.charAt(j) == '(' ? 1 : s.charAt(j) == ')' ? -1 : 0;
                        if (depth == 0) {
                            break;
                        }
                    }
                    if (j >= s.length()) {
                        throw new Unsupported("template: :1: unclosed left paren");
                    }
                    List<String> fields = new ArrayList<>();
                    int k = fieldChain(s, j + 1, fields);
                    cur.add(new Term("sub", null, fields, pipeline(s.substring(i + 1, j))));
                    i = k;
                } else {
                    int j = i;
                    while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '|'
                            && s.charAt(j) != '(' && s.charAt(j) != ')') {
                        j++;
                    }
                    cur.add(term(s.substring(i, j)));
                    i = j;
                }
            }
            cmds.add(cur);
            for (List<Term> cmd : cmds) {
                if (cmd.isEmpty()) {
                    throw new Unsupported("template: :1: missing value for command");
                }
            }
            return cmds;
        }

        private static int fieldChain(String s, int i, List<String> fields) {
            int j = i;
            while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '|' && s.charAt(j) != ')') {
                j++;
            }
            String chain = s.substring(i, j);
            if (!chain.isEmpty()) {
                for (String f : chain.substring(1).split("\\.")) {
                    fields.add(f);
                }
            }
            return j;
        }

        private static Term term(String w) {
            if (w.equals(".")) {
                return new Term("dot", w, List.of(), null);
            }
            if (w.startsWith(".")) {
                return new Term("dot", w, List.of(w.substring(1).split("\\.")), null);
            }
            if (w.startsWith("$")) {
                int dot = w.indexOf('.');
                String name = dot < 0 ? w : w.substring(0, dot);
                List<String> fields = dot < 0 ? List.of() : List.of(w.substring(dot + 1).split("\\."));
                return new Term("var", name, fields, null);
            }
            if (w.matches("-?[0-9]+")) {
                return new Term("number", w, List.of(), null);
            }
            if (w.equals("true") || w.equals("false")) {
                return new Term("bool", w, List.of(), null);
            }
            if (w.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return new Term("func", w, List.of(), null);
            }
            throw new Unsupported("template: :1: unexpected \"" + w + "\" in operand");
        }
    }
}
