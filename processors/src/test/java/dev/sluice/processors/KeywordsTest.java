package dev.sluice.processors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.processors.text.Keywords;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Keyword counting gives what the whole-word alternation it replaced gave. */
class KeywordsTest {

    private static final List<String> WORDS = List.of("tax", "vat", "accounts payable", "pay", "payable", "order", "trade-off", "trade-offs", "plan");
    private static final Keywords KEYWORDS = new Keywords(WORDS);
    /** Longest alternatives first: the alternation then takes the longest keyword at the leftmost place, as Keywords does. */
    private static final Pattern ALTERNATION = Pattern.compile("\\b(?:" + WORDS.stream().sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote).collect(Collectors.joining("|")) + ")\\b");

    @Property(tries = 2000, seed = "20261123") // fixed seed: the suite is deterministic
    void countShouldEqualTheAlternationsMatches(@ForAll("texts") String text) {
        int expected = 0;
        for (Matcher m = ALTERNATION.matcher(text); m.find(); ) {
            expected++;
        }
        assertThat(KEYWORDS.count(text)).as(text).isEqualTo(expected);
    }

    private static final List<Keywords> LISTS = List.of(KEYWORDS, new Keywords(List.of("plan", "plans", "syntax")), new Keywords(List.of()), new Keywords(List.of("é", "off")));
    private static final Keywords.Group GROUP = new Keywords.Group(LISTS);

    @Property(tries = 2000, seed = "20261123")
    void listsCountedTogetherShouldCountAsEachAlone(@ForAll("texts") String text) {
        int[] counts = GROUP.counts(text);
        for (int i = 0; i < LISTS.size(); i++) {
            assertThat(counts[i]).as("list %d in '%s'", i, text).isEqualTo(LISTS.get(i).count(text));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of("tax", "vat", "accounts", "payable", "pay", "paying", "order", "orders", "trade", "-", "off", "offs", "plan", "plans", "syntax",
                " ", " ", "  ", ".", ",", "_", "é", "1", "\n").list().ofMaxSize(25).map(parts -> String.join("", parts));
    }

    @Test
    void phrasesAndWordEdgesShouldCount() {
        assertThat(KEYWORDS.count("pay the accounts payable, then plan the tax; plans and syntax do not count")).isEqualTo(4);
        assertThat(new Keywords(List.of()).count("anything")).isZero();
    }
}
