package dev.sluice.ops.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Source code as developers send it: a piece of a real file, bare or with a request about it ("Review
 * this code.", "Why does this fail?"). Without it the model, which had seen code mostly as the carrier of
 * planted notes ("/* AI: ... *&#47;", "curl ... | base64"), scored seven of eight ordinary snippets as
 * attacks: each bracket and semicolon is a feature, and code is mostly those.
 *
 * <p>The code is read from pinned open-source artifacts that the ops build copies to {@code
 * target/corpus} ({@code ops/pom.xml}, execution {@code training-corpus}): commons-lang3's sources (Java,
 * Apache-2.0), lodash (JavaScript, MIT) and the standard library of Jython (Python, PSF licence). The
 * same artifacts and seed give the same text. The evaluation's code ({@code ops/eval/code-sets.sh}) comes
 * from other projects.
 */
final class CodeText {

    /** Where the build put the artifacts ({@code sluice/train/corpus.properties}, filtered by Maven). */
    static Path defaultDirectory() {
        Properties properties = new Properties();
        try (InputStream in = CodeText.class.getResourceAsStream("/sluice/train/corpus.properties")) {
            if (in == null) {
                throw new IllegalStateException("sluice/train/corpus.properties is missing: build the ops module with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Path.of(properties.getProperty("dir"));
    }

    private static final String[] LANGUAGES = {".java", ".js", ".py"};
    private static final String[] FENCES = {"java", "javascript", "python"};
    private static final int MIN_LINES = 20;
    /** Minified code, Python's codec tables (a hundred files of character maps) and its ROT13 easter egg are not what people send. */
    private static final java.util.regex.Pattern SKIPPED = java.util.regex.Pattern.compile("\\.min\\.js$|/encodings/|/this\\.py$");

    private static final String[] ASKS = {"Review this code.", "What does this do?", "Explain this snippet line by line.", "Is there a bug here?",
            "Why does this fail with a null pointer?", "Write unit tests for this.", "Add comments to this code.", "Refactor this for readability.",
            "Convert this to Kotlin.", "Convert this to TypeScript.", "Port this to Python 3.", "How can I make this faster?", "Document this function.",
            "Rename the variables so the code is clearer.", "Does this handle empty input?", "Suggest a better name for this method.",
            "Our linter complains about this block. Why?", "Can this be simplified?", "What is the time complexity of this?",
            "Rewrite this without the loop.", "This passed review last week but fails in production. What could be wrong?"};

    /**
     * {@code count} prompts with code from the artifacts in {@code directory}, drawn with {@code seed}.
     *
     * @throws IllegalStateException when the directory holds no code: the corpus is part of the recipe,
     *                               and a model trained without it would differ from the shipped one
     */
    static List<String> prompts(Path directory, int count, long seed) throws IOException {
        return draw(directory, count, seed, (random, language, pool) -> {
            String code = snippet(random, pool, 3, 12);
            // licence headers are prose about the code, not code; a chunk of blank lines or one line is no snippet
            if (aboutLicence(code) || code.lines().filter(l -> !l.isBlank()).count() < 2 || code.length() > 1200) {
                return null;
            }
            String ask = AttackText.pick(random, ASKS);
            String block = random.nextBoolean() ? "```" + FENCES[language] + "\n" + code + "\n```" : code;
            return switch (random.nextInt(4)) {
                case 0 -> code;
                case 1 -> block + "\n\n" + ask;
                default -> ask + "\n" + block;
            };
        });
    }

    /** Composes one text from a language's files ({@code pool}) with the draw's random, or null to draw again. */
    private interface Composer {
        String compose(Random random, int language, List<String[]> pool);
    }

    /** {@code count} texts from the artifacts in {@code directory}, each from a language drawn with {@code seed}. */
    private static List<String> draw(Path directory, int count, long seed, Composer composer) throws IOException {
        List<List<String[]>> files = read(directory);
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        while (out.size() < count) {
            int language = random.nextInt(LANGUAGES.length);
            String text = composer.compose(random, language, files.get(language));
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }

    // answers about code as question-and-answer sites and wikis carry them: prose with code named inline and blocks of it.
    // Measured blind on Stack Overflow answers (BIPIA's code contexts, docs/evaluation.md) before these were composed, the
    // model flagged 6 of 16: a short passage with one word that attacks use ("instead", "dump", "model", "words") and a
    // name in backticks was read as an attack ("Try to write `np.array` instead of `np.aray`").
    private static final String[] ANSWER_OPENERS = {"The error comes from `%1$s`.", "As the message says, `%1$s` does not accept that argument.",
            "This is not a bug in the library.", "You are calling `%1$s` before the object is set up.", "Short answer: use `%2$s`.",
            "This happens because `%1$s` returns a copy, not the original.", "The problem is the line with `%1$s`.", "I ran into the same thing last year.",
            "Your code is fine apart from one call.", "It is a scoping issue.", "The traceback points at `%1$s`, but the cause is earlier.",
            "Reason: `%1$s` expects a list, and you pass a string."};
    private static final String[] ANSWER_FIXES = {"Use `%2$s` instead of `%1$s`.", "Try `%2$s`; it takes the same arguments.", "Change `%1$s` to `%2$s` and it will work.",
            "Therefore, the fix is replacing `%1$s` with `%2$s`.", "Replace `%1$s` with `%2$s` in both places.", "Move `%1$s` inside the function and the error goes away.",
            "You could also call `%2$s` directly, as suggested in the comments.", "If your version supports it, you should write `%2$s`.",
            "Wrap the call in a try block and fall back to `%2$s`.", "The model class needs `%2$s` defined; add it and the loader works.",
            "To dump the data to a file, use `%2$s` rather than building the string yourself.", "Convert the words to an ordinary list first: `%2$s`."};
    private static final String[] ANSWER_INTROS = {"For example:", "Here's a trivial example:", "Something like this:", "Use this instead:",
            "A minimal version that works:", "On a newer version you can write:", "Demo:", "The corrected code:", "In your case that would be:"};
    private static final String[] ANSWER_CLOSERS = {"See the documentation for details.", "Note that the old syntax is deprecated.",
            "I would not do this in production, though.", "Make sure the other names are defined too.", "This also fixes the warning you saw.",
            "Either way, set the option before importing anything else.", "Hope this helps.", "The same applies to the other two methods.",
            "Reference: the issue on the project's tracker.", "Edit: this changed in the latest release; check your version first."};

    /**
     * {@code count} answers about code as question-and-answer sites and wikis write them: a cause, a fix that names code
     * inline, sometimes a block of code, a closing note. The code is read from the same artifacts as {@link #prompts}.
     */
    static List<String> answers(Path directory, int count, long seed) throws IOException {
        return draw(directory, count, seed, (random, language, pool) -> {
            String first = inlineCode(random, pool);
            String second = inlineCode(random, pool);
            if (first == null || second == null) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            if (random.nextInt(3) > 0) {
                sb.append(String.format(AttackText.pick(random, ANSWER_OPENERS), first, second)).append(' ');
            }
            sb.append(String.format(AttackText.pick(random, ANSWER_FIXES), first, second));
            if (random.nextBoolean()) {
                String code = snippet(random, pool, 2, 8);
                if (!code.isEmpty() && !aboutLicence(code) && code.length() <= 800) {
                    sb.append('\n').append(AttackText.pick(random, ANSWER_INTROS)).append("\n```\n").append(code).append("\n```\n");
                }
            }
            if (random.nextBoolean()) {
                sb.append(sb.charAt(sb.length() - 1) == '\n' ? "" : " ").append(AttackText.pick(random, ANSWER_CLOSERS));
            }
            return sb.toString().strip();
        });
    }

    /** A run of {@code min} to {@code min + spread - 1} lines of a file drawn from {@code pool}, stripped. */
    private static String snippet(Random random, List<String[]> pool, int min, int spread) {
        String[] lines = pool.get(random.nextInt(pool.size()));
        int length = min + random.nextInt(spread);
        int start = random.nextInt(lines.length - length);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, start, start + length)).strip();
    }

    /** Licence headers are prose about the code, not code. */
    private static boolean aboutLicence(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        return lower.contains("icense") || lower.contains("opyright");
    }

    /** A call, an assignment or a member named in one line of code, as an answer quotes it inline; null when the drawn line has none. */
    private static String inlineCode(Random random, List<String[]> pool) {
        String[] lines = pool.get(random.nextInt(pool.size()));
        String line = lines[random.nextInt(lines.length)].strip();
        if (line.endsWith(";") || line.endsWith(":") || line.endsWith("{")) {
            line = line.substring(0, line.length() - 1).strip();
        }
        if (line.length() < 3 || line.length() > 60 || line.startsWith("*") || line.startsWith("/") || line.startsWith("#") || line.contains("`")
                || !(line.contains("(") || line.contains("=") || line.contains("."))) {
            return null;
        }
        return line;
    }

    /** The files of each language (in {@link #LANGUAGES}' order) with at least {@value #MIN_LINES} lines, in name order. */
    private static List<List<String[]>> read(Path directory) throws IOException {
        List<List<String[]>> files = new ArrayList<>();
        for (int i = 0; i < LANGUAGES.length; i++) {
            files.add(new ArrayList<>());
        }
        List<Path> jars;
        try (Stream<Path> listed = Files.list(directory)) {
            jars = listed.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (java.nio.file.NoSuchFileException e) {
            jars = List.of();
        }
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<? extends ZipEntry> entries = Collections.list(zip.entries()).stream()
                        .filter(e -> !e.isDirectory() && !SKIPPED.matcher(e.getName()).find()).sorted(java.util.Comparator.comparing(ZipEntry::getName)).toList();
                for (ZipEntry entry : entries) {
                    for (int i = 0; i < LANGUAGES.length; i++) {
                        if (entry.getName().endsWith(LANGUAGES[i])) {
                            try (InputStream in = zip.getInputStream(entry)) {
                                String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
                                if (lines.length >= MIN_LINES) {
                                    files.get(i).add(lines);
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int i = 0; i < LANGUAGES.length; i++) {
            if (files.get(i).isEmpty()) {
                throw new IllegalStateException("no " + LANGUAGES[i] + " files in " + directory + ": build the ops module with Maven (execution training-corpus)");
            }
        }
        return files;
    }

    private CodeText() {
    }
}
