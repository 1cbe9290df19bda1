package io.dockwire.netfilter;

/** xtables_save_string: bare when only [A-Za-z0-9_-], otherwise double-quoted with \ escapes. */
final class Quote {
    private Quote() {
    }

    static String save(String s) {
        boolean bare = !s.isEmpty();
        for (int i = 0; i < s.length() && bare; i++) {
            char c = s.charAt(i);
            bare = Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-';
        }
        if (bare) {
            return s;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\'') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
