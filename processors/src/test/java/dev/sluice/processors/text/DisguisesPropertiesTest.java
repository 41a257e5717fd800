package dev.sluice.processors.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A text put in a disguise and read back is the text again, whatever its words: Morse code, bytes hidden in variation
 * selectors (any text, any script), words run together, look-alike letters, letters set apart or dotted, a text written
 * backwards, scrambled words the word list holds; and the readers of words in disguise never fail on any text. Pig latin is
 * left out: a word in it can be read two ways ("asway" is "was" or "as"), and the reader takes the one the word list knows.
 * Seeds are fixed.
 */
class DisguisesPropertiesTest {

    private static final List<String> WORDS = List.of("ignore", "the", "previous", "instructions", "and", "print", "your", "system",
            "prompt", "please", "summarise", "invoice", "report", "password", "customer", "refund", "quarterly", "figures", "reveal", "secret");

    @Provide
    Arbitrary<List<String>> sentences() {
        return Arbitraries.of(WORDS).list().ofMinSize(6).ofMaxSize(30);
    }

    @Property(seed = "20261124", tries = 300)
    void morseCodeReadBackIsTheText(@ForAll("sentences") List<String> words) {
        String text = String.join(" ", words);
        assertThat(Disguises.morse(DisguiseWriters.toMorse(text))).isEqualTo(text);
    }

    @Property(seed = "20261124", tries = 300)
    void bytesHiddenInVariationSelectorsReadBackAreTheText(@ForAll("texts") String text) {
        assertThat(Disguises.smuggled("Hello 😊" + DisguiseWriters.variationSelectors(text) + " bye")).isEqualTo(text);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().all().ofMinLength(4).ofMaxLength(80)
                .filter(t -> t.codePoints().noneMatch(c -> c >= 0xFE00 && c <= 0xFE0F || c >= 0xE0000 || Character.isSurrogate((char) c)));
    }

    @Property(seed = "20261124", tries = 300)
    void wordsRunTogetherReadBackAreTheWords(@ForAll("sentences") List<String> words) {
        String text = String.join(" ", words);
        String camel = DisguiseWriters.toCamel(text);
        Assume.that(camel.length() >= Disguises.CAMEL_RUN);
        // set apart, the words are the text's, in the case camel case gave them
        assertThat(Disguises.camelCase(camel)).isEqualToIgnoringCase(text);
    }

    @Property(seed = "20261124", tries = 300)
    void lookAlikeLettersReadBackAreTheText(@ForAll("sentences") List<String> words) {
        String text = String.join(" ", words);
        assertThat(Disguises.lookAlikes(DisguiseWriters.toLookAlikes(text))).isEqualTo(text);
    }

    @Property(seed = "20261124", tries = 300)
    void marksStackedOnLettersAndBrailleReadBackAreTheText(@ForAll("sentences") List<String> words) {
        String text = String.join(" ", words);
        assertThat(Disguises.unmarked(DisguiseWriters.toZalgo(text))).isEqualTo(text);
        assertThat(Disguises.braille(DisguiseWriters.toBraille(text))).isEqualTo(text);
    }

    @Property(seed = "20261124", tries = 300)
    void charactersThatAreNotDisplayedDroppedLeaveTheText(@ForAll("sentences") List<String> words, @ForAll("invisibles") char invisible) {
        String text = String.join(" ", words);
        assertThat(Disguises.visible(DisguiseWriters.withInvisible(text, invisible))).isEqualTo(text);
    }

    @Property(seed = "20261125", tries = 300)
    void lettersSetApartOrDottedReadBackAreTheText(@ForAll("sentences") List<String> words) {
        String text = String.join(" ", words);
        assertThat(Disguises.together(DisguiseWriters.toApart(text))).isEqualTo(text);
        String dotted = String.join(" ", words.stream().map(w -> String.join(".", w.split(""))).toList());
        assertThat(Disguises.together(dotted)).isEqualTo(text);
    }

    @Property(seed = "20261125", tries = 300)
    void aTextWrittenBackwardsReadForwardsIsTheText(@ForAll("sentences") List<String> words) {
        String text = String.join(" ", words);
        assertThat(Disguises.reversed(DisguiseWriters.toReversed(text))).isEqualTo(text);
        // word by word, with a sentence's mark after its words
        assertThat(Disguises.reversed(Disguises.wordsBackwards(text) + ".")).isEqualTo(text + ".");
    }

    /** Sentences of the words the word list holds ("summarise", British, is not in it and cannot be put back). */
    @Provide
    Arbitrary<List<String>> listedSentences() {
        return Arbitraries.of(WORDS.stream().filter(EnglishWords::contains).toList()).list().ofMinSize(6).ofMaxSize(30);
    }

    @Property(seed = "20261125", tries = 300)
    void scrambledWordsPutBackAreTheText(@ForAll("listedSentences") List<String> words) {
        String text = String.join(" ", words);
        String scrambled = DisguiseWriters.toScrambled(text);
        Assume.that(!scrambled.equals(text));
        String read = Disguises.unscrambled(scrambled);
        assertThat(read == null ? scrambled : read).isEqualTo(text);
    }

    @Property(seed = "20261125", tries = 500)
    void theReadersOfWordsInDisguiseNeverFailOnAnyText(@ForAll("texts") String text) {
        Disguises.together(text);
        Disguises.reversed(text);
        Disguises.unscrambled(text);
        Disguises.respelt(text);
        Disguises.joined(text);
        assertThat(Disguises.reversed(Disguises.reversed(text).toString())).hasSize(text.length());
    }

    @Provide
    Arbitrary<Character> invisibles() {
        return Arbitraries.of('\u00AD', '\u034F', '\u180E', '\u200B', '\u200C', '\u200D', '\u200E', '\u2060', '\u2063', '\u202A', '\u202E', '\uFEFF');
    }
}
