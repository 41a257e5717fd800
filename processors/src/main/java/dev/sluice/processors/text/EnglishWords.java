package dev.sluice.processors.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Common English words: the lower-case entries of SCOWL's american-english list (size 50), loaded once on first use
 * ({@code sluice/lexicon/NOTICE-english-words.txt}). The name recogniser reads a capitalised common word as weaker
 * evidence of a name; the injection detector picks the reading of a disguised word that is a word.
 */
public final class EnglishWords {

    private static final String RESOURCE = "/sluice/lexicon/english-words.txt.gz";

    private EnglishWords() {
    }

    /** The words, lower case (unmodifiable). */
    public static Set<String> all() {
        return Holder.WORDS;
    }

    /** Whether the lower-case {@code word} is a common English word. */
    public static boolean contains(String word) {
        return Holder.WORDS.contains(word);
    }

    private static final class Holder {
        static final Set<String> WORDS = load();

        private static Set<String> load() {
            Set<String> words = new HashSet<>(80_000);
            try (InputStream in = EnglishWords.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
                for (String line; (line = reader.readLine()) != null; ) {
                    words.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Set.copyOf(words);
        }
    }
}
