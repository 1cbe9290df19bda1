package io.dockwire.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way POSIX sh does for simple commands: blanks separate
 * words, {@code '...'} is literal, {@code "..."} keeps everything but {@code \\ \" \$ \`} escapes,
 * a backslash outside quotes escapes the next character, and an unquoted {@code #} at the start
 * of a word starts a comment. No expansion ({@code $VAR}, globs) and no operators: {@code |},
 * {@code ;}, {@code >} stay ordinary words, so the runner rejects what it cannot emulate instead
 * of silently doing something else.
 */
final class ShellWords {
    /** Result of {@link #scan}: whether a text is a complete command line. */
    enum State { COMPLETE, CONTINUATION, OPEN_SINGLE, OPEN_DOUBLE }

    private ShellWords() {
    }

    /** Tells whether {@code text} ends inside a quote or with a line-continuation backslash. */
    static State scan(String text) {
        int quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                }
            } else if (c == '\\') {
                if (i == text.length() - 1) {
                    return quote == 0 ? State.CONTINUATION : State.OPEN_DOUBLE;
                }
                i++;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                return State.COMPLETE;
            }
        }
        return quote == '\'' ? State.OPEN_SINGLE : quote == '"' ? State.OPEN_DOUBLE : State.COMPLETE;
    }

    /**
     * The first shell control or redirection operator outside quotes ({@code ;}, {@code &},
     * {@code &&}, {@code ||}, {@code |}, {@code >}, {@code >>}, {@code <}, {@code 2>&1} ...), or
     * null. A comment ends the scan.
     */
    static String unquotedOperator(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                i = end < 0 ? text.length() : end + 1;
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, new StringBuilder());
            } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                return null;
            } else if (";&|<>".indexOf(c) >= 0) {
                int j = i;
                while (j < text.length() && ";&|<>".indexOf(text.charAt(j)) >= 0) {
                    j++;
                }
                boolean fd = i > 0 && Character.isDigit(text.charAt(i - 1)) && (c == '>' || c == '<');
                int from = fd ? i - 1 : i;
                if (j < text.length() && text.charAt(j) == '1' && text.charAt(j - 1) == '&') {
                    j++; // 2>&1
                }
                return text.substring(from, j);
            } else {
                i++;
            }
        }
        return null;
    }

    /**
     * The words of a complete line. Callers check {@link #scan} first; an open quote here throws
     * {@link IllegalArgumentException} naming the quote.
     */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated single quote");
                }
                word.append(text, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < text.length()) {
                    char next = text.charAt(i + 1);
                    if (next != '\n') {
                        word.append(next);
                        inWord = true;
                    }
                }
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends a double-quoted string starting after its opening quote; returns the index after its end. */
    private static int doubleQuoted(String text, int i, StringBuilder word) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                // sh: inside double quotes a backslash only escapes $ ` " \ and newline.
                if (next == '$' || next == '`' || next == '"' || next == '\\') {
                    word.append(next);
                    i += 2;
                    continue;
                }
                if (next == '\n') {
                    i += 2;
                    continue;
                }
            }
            word.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated double quote");
    }
}
