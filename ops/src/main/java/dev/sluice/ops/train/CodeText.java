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
        List<List<String[]>> files = read(directory);
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        while (out.size() < count) {
            int language = random.nextInt(LANGUAGES.length);
            List<String[]> pool = files.get(language);
            String[] lines = pool.get(random.nextInt(pool.size()));
            int length = 3 + random.nextInt(12);
            int start = random.nextInt(lines.length - length);
            String code = String.join("\n", java.util.Arrays.copyOfRange(lines, start, start + length)).strip();
            String lower = code.toLowerCase(Locale.ROOT);
            // licence headers are prose about the code, not code; a chunk of blank lines or one line is no snippet
            if (lower.contains("icense") || lower.contains("opyright") || code.lines().filter(l -> !l.isBlank()).count() < 2 || code.length() > 1200) {
                continue;
            }
            String ask = AttackText.pick(random, ASKS);
            String block = random.nextBoolean() ? "```" + FENCES[language] + "\n" + code + "\n```" : code;
            out.add(switch (random.nextInt(4)) {
                case 0 -> code;
                case 1 -> block + "\n\n" + ask;
                default -> ask + "\n" + block;
            });
        }
        return out;
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
