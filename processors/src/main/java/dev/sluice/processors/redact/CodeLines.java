package dev.sluice.processors.redact;

/**
 * Lines of source code in a prompt, where a capitalised word outside a string literal is a type, a function or a constant
 * ({@code public static Formatter append(...)}, {@code out = subprocess.Popen(}, {@code from typing import Dict, List}), never a
 * person, a place or a firm. A name inside a string literal stays one ({@code lastName = "Johnson";}), and a comment is
 * prose: its names stay names ({@code // written by Ana Ruiz}).
 *
 * <p>A line counts as code only with two of the marks that prose does not combine (a statement's end, a block's brace, an
 * operator of code, a call or a member glued to its name, an assignment, a keyword opening the line), or an import: a
 * task list that ends a line with a semicolon, or a sentence with an equals sign, is still prose. Written by hand: no
 * library on Maven Central tells code from prose line by line without parsing one language.
 */
final class CodeLines {

    private CodeLines() {
    }

    /** Whether the text could hold a line of code at all: a cheap test before the per-finding one. */
    static boolean mayHoldCode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == ';' || c == '{' || c == '=' || c == '[') {
                return true;
            }
        }
        return text.contains("import ");
    }

    /** Whether {@code [start, end)} lies on a line of code and outside its string literals. */
    static boolean inCode(String text, int start, int end) {
        int from = text.lastIndexOf('\n', start - 1) + 1;
        int to = text.indexOf('\n', end);
        if (to < 0) {
            to = text.length();
        }
        int a = from;
        while (a < to && (text.charAt(a) == ' ' || text.charAt(a) == '\t')) {
            a++;
        }
        int b = to;
        while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
            b--;
        }
        if (a >= b || comment(text, a) || !code(text, a, b)) {
            return false;
        }
        return !quoted(text, a, start);
    }

    /**
     * Whether {@code [start, end)} lies inside a code span of Markdown on its line: an odd number of backticks before it on the
     * line and one after it there ({@code `Spinner`}, {@code `Link`: "Forgot password?"}, {@code Use the `Edit` tool}). A code span
     * holds an identifier, a command or a file name, not a person.
     */
    static boolean inCodeSpan(String text, int start, int end) {
        int from = text.lastIndexOf('\n', start - 1) + 1;
        int ticks = 0;
        for (int i = from; i < start; i++) {
            ticks += text.charAt(i) == '`' ? 1 : 0;
        }
        if (ticks % 2 == 0 || text.substring(start, end).indexOf('`') >= 0) {
            return false;
        }
        int open = text.lastIndexOf('`', start - 1);
        int close = text.indexOf('`', end);
        int lineEnd = text.indexOf('\n', end);
        // one backtick each side: a fence ("```Our warehouse in Leeds ...```") holds data, whose names stay names
        return close >= 0 && (lineEnd < 0 || close < lineEnd) && (open == 0 || text.charAt(open - 1) != '`')
                && (close + 1 >= text.length() || text.charAt(close + 1) != '`');
    }

    private static boolean comment(String text, int a) {
        return text.startsWith("#", a) && !text.startsWith("#include", a) || text.startsWith("//", a) || text.startsWith("*", a)
                || text.startsWith("/*", a) || text.startsWith("--", a) || text.startsWith("<!--", a) || text.startsWith("\"\"\"", a)
                || text.startsWith("'''", a);
    }

    private static boolean code(String text, int a, int b) {
        if (text.startsWith("import ", a)) {
            return true;
        }
        if (text.startsWith("from ", a)) {
            int imports = text.indexOf(" import ", a);
            if (imports > 0 && imports < b) {
                return true;
            }
        }
        int marks = 0;
        char last = text.charAt(b - 1);
        if (last == ';' || last == '{' || last == '}' || last == ':' && b - 2 >= a && text.charAt(b - 2) == ')') {
            marks++;
        }
        if (keyword(text, a)) {
            marks++;
        }
        boolean operator = false;
        boolean call = false;
        boolean member = false;
        boolean assignment = false;
        boolean brace = false;
        for (int i = a; i < b; i++) {
            if (i == a || Character.isWhitespace(text.charAt(i - 1))) {
                int e = i;
                while (e < b && !Character.isWhitespace(text.charAt(e))) {
                    e++;
                }
                if (link(text, i, e)) {
                    i = e; // a link's or an address's dots and "=" are no code: "https://example.com/?id=5"
                    continue;
                }
            }
            char c = text.charAt(i);
            char n = i + 1 < b ? text.charAt(i + 1) : ' ';
            char p = i > a ? text.charAt(i - 1) : ' ';
            if (c == '=' && n == '>' || c == '-' && n == '>' || c == ':' && n == ':' || c == '=' && n == '=' || c == '!' && n == '='
                    || c == '&' && n == '&' || c == '|' && n == '|') {
                operator = true;
            } else if ((c == '(' || c == '[') && (Character.isLetterOrDigit(p) || p == '_')) {
                call = true; // "append(", "Popen(", "List[": prose leaves a space before its brackets
            } else if (c == '.' && (Character.isLowerCase(p) || p == '_' || p == ')') && (Character.isLetter(n) || n == '_')
                    && i + 1 < b) {
                member = true; // "subprocess.Popen", "os.path": a full stop glued on both sides (a link or an address says so too,
                               // and needs another mark)
            } else if (c == '=' && (p == ' ' && n == ' ' || (Character.isLetterOrDigit(p) || p == '_') && (Character.isLetter(n) || n == '"' || n == '\''))) {
                assignment = true; // "x = 1", and a keyword argument: "stderr=subprocess.STDOUT"
            } else if (c == '{' || c == '}') {
                brace = true;
            }
        }
        marks += (operator ? 1 : 0) + (call ? 1 : 0) + (member ? 1 : 0) + (assignment ? 1 : 0) + (brace && last != '{' && last != '}' ? 1 : 0);
        return marks >= 2;
    }

    private static boolean link(String text, int from, int to) {
        if (text.startsWith("http://", from) || text.startsWith("https://", from) || text.startsWith("www.", from)) {
            return true;
        }
        int at = text.indexOf('@', from);
        return at > from && at < to;
    }

    private static final String[] KEYWORDS = {"def ", "class ", "return ", "elif ", "public ", "private ", "protected ", "static ",
        "final ", "const ", "let ", "var ", "function ", "package ", "#include", "if (", "for (", "while (", "new ", "async ", "await ",
        "raise ", "throw ", "try:", "except", "catch ("};

    private static boolean keyword(String text, int a) {
        for (String k : KEYWORDS) {
            if (text.startsWith(k, a)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a string literal opened before {@code at} on the line is still open there. */
    private static boolean quoted(String text, int a, int at) {
        char open = 0;
        for (int i = a; i < at; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (open == 0 && (c == '"' || c == '\'' || c == '`')) {
                open = c;
            } else if (c == open) {
                open = 0;
            }
        }
        return open != 0;
    }
}
