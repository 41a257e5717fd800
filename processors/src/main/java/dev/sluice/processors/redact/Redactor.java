package dev.sluice.processors.redact;

import dev.sluice.schemas.avro.ChatMessage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces detected personal data with typed placeholders, consistently within one request: the
 * same value gets the same placeholder in every message ({@code <EMAIL_1>} is one address
 * throughout), different values of a type are numbered in order of first appearance.
 */
public final class Redactor {

    private static final java.util.regex.Pattern NOT_DIGIT = java.util.regex.Pattern.compile("[^0-9+]");
    private static final int PASSES = 3;
    private final PiiDetector detector;

    public Redactor(PiiDetector detector) {
        this.detector = detector;
    }

    public Redaction redact(List<ChatMessage> messages, String country) {
        List<List<PiiFinding>> findings = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            findings.add(detector.detect(message.getContent(), country));
        }
        return redact(messages, findings, country);
    }

    public PiiDetector detector() {
        return detector;
    }

    /**
     * Redacts with findings made earlier (by classify): {@code findings.get(i)} are message i's, in order,
     * not overlapping, and all that {@link PiiDetector#detect} finds in it (the later passes look only
     * next to what was replaced).
     */
    public Redaction redact(List<ChatMessage> messages, List<List<PiiFinding>> findingsByMessage, String country) {
        return redact(messages, findingsByMessage, "", country);
    }

    /**
     * Replaces the findings, then looks again at the redacted text and replaces what has become
     * visible (a number a neighbouring value hid, such as a phone number directly before a card
     * number), up to {@value #PASSES} passes, so that nothing detectable is left.
     *
     * @param marker inserted before the number, e.g. "OUT_" for values found in an answer: {@code <EMAIL_OUT_1>}
     */
    public Redaction redact(List<ChatMessage> messages, List<List<PiiFinding>> findingsByMessage, String marker, String country) {
        findingsByMessage = sameValuesElsewhere(messages, findingsByMessage);
        Map<String, String> placeholders = new HashMap<>();
        Map<String, String> mapping = new HashMap<>();
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        List<ChatMessage> out = new ArrayList<>(messages.size());
        List<List<Redaction.Replacement>> replacements = new ArrayList<>(messages.size());
        List<List<Redaction.Placed>> placed = new ArrayList<>(messages.size());
        int replaced = 0;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            List<PiiFinding> findings = findingsByMessage.get(i);
            List<Redaction.Replacement> applied = new ArrayList<>();
            replacements.add(applied);
            if (findings.isEmpty()) {
                out.add(message);
                placed.add(List.of());
                continue;
            }
            String text = message.getContent();
            // for each character of the current text, the span of the original it stands for (a
            // placeholder stands for the whole value): findings of later passes map back through it
            int[] originStart = null;
            int[] originEnd = null;
            // the placeholders of the text so far with the original span each stands for, while one pass has been made
            // (the common case); after more passes they are read from the origins
            List<Redaction.Placed> firstPass = null;
            for (int pass = 0; pass < PASSES && !findings.isEmpty(); pass++) {
                StringBuilder redacted = new StringBuilder(text.length());
                int at = 0;
                List<int[]> inserted = new ArrayList<>(findings.size());
                List<int[]> removed = new ArrayList<>(findings.size());
                List<int[]> origins = new ArrayList<>(findings.size());
                for (PiiFinding finding : findings) {
                    redacted.append(text, at, finding.start());
                    String key = finding.type() + "\u0000" + normalise(finding);
                    String placeholder = placeholders.get(key);
                    if (placeholder == null) {
                        int n = counts.merge(finding.type(), 1, Integer::sum);
                        placeholder = "<" + finding.type() + "_" + marker + n + ">";
                        placeholders.put(key, placeholder);
                        mapping.put(placeholder, finding.value());
                    }
                    int start = originStart == null ? finding.start() : originStart[finding.start()];
                    int end = originEnd == null ? finding.end() : originEnd[finding.end() - 1];
                    applied.add(new Redaction.Replacement(new PiiFinding(finding.type(), start, end, message.getContent().substring(start, end),
                            finding.confidence(), finding.recognizer()), placeholder));
                    inserted.add(new int[] {redacted.length(), redacted.length() + placeholder.length()});
                    removed.add(new int[] {finding.start(), finding.end()});
                    origins.add(new int[] {start, end});
                    redacted.append(placeholder);
                    at = finding.end();
                    replaced++;
                }
                redacted.append(text, at, text.length());
                String before = text;
                text = redacted.toString();
                // only next to the placeholders can something new have become visible
                findings = detector.detectAround(before, removed, text, inserted, country);
                if (pass == 0) {
                    firstPass = new ArrayList<>(inserted.size());
                    for (int k = 0; k < inserted.size(); k++) {
                        firstPass.add(new Redaction.Placed(inserted.get(k)[0], inserted.get(k)[1], origins.get(k)[0], origins.get(k)[1]));
                    }
                }
                if (!findings.isEmpty() || originStart != null) {
                    // the next pass's findings map back to the original through where each character came from (and,
                    // after a second pass, the placeholders' spans)
                    int[][] origin = origin(originStart, originEnd, before.length(), text.length(), removed, inserted, origins);
                    originStart = origin[0];
                    originEnd = origin[1];
                }
            }
            out.add(new ChatMessage(message.getRole(), text, message.getName(), message.getCacheControl()));
            placed.add(originStart == null ? firstPass : placed(originStart, originEnd));
        }
        return new Redaction(out, replaced, counts, mapping, replacements, placed);
    }

    /**
     * For each character of the text after a pass, the span of the original it stands for: copied
     * characters their own, a placeholder the whole value it replaced.
     */
    private static int[][] origin(int[] originStart, int[] originEnd, int beforeLength, int afterLength, List<int[]> removed, List<int[]> inserted,
                                  List<int[]> origins) {
        int[] nextStart = new int[afterLength];
        int[] nextEnd = new int[afterLength];
        int from = 0;
        int to = 0;
        for (int k = 0; k < removed.size(); k++) {
            copyOrigin(originStart, originEnd, from, removed.get(k)[0], nextStart, nextEnd, to);
            int[] placeholder = inserted.get(k);
            java.util.Arrays.fill(nextStart, placeholder[0], placeholder[1], origins.get(k)[0]);
            java.util.Arrays.fill(nextEnd, placeholder[0], placeholder[1], origins.get(k)[1]);
            from = removed.get(k)[1];
            to = placeholder[1];
        }
        copyOrigin(originStart, originEnd, from, beforeLength, nextStart, nextEnd, to);
        return new int[][] {nextStart, nextEnd};
    }

    /**
     * The placeholders of the redacted text from where each of its characters came from: a placeholder's characters all
     * stand for the same span of the original (at least four of them, "{@code <IP_1>}"); a copied character for itself.
     */
    private static List<Redaction.Placed> placed(int[] originStart, int[] originEnd) {
        List<Redaction.Placed> out = new ArrayList<>();
        int k = 0;
        while (k < originStart.length) {
            int run = k + 1;
            while (run < originStart.length && originStart[run] == originStart[k] && originEnd[run] == originEnd[k]) {
                run++;
            }
            if (run - k > 1 || originEnd[k] - originStart[k] != 1) {
                out.add(new Redaction.Placed(k, run, originStart[k], originEnd[k]));
            }
            k = run;
        }
        return out;
    }

    /** Copies the origin of {@code [from, to)} of the current text to {@code next} at {@code at}; null origins mean the original text itself. */
    private static void copyOrigin(int[] originStart, int[] originEnd, int from, int to, int[] nextStart, int[] nextEnd, int at) {
        for (int k = from; k < to; k++) {
            nextStart[at + k - from] = originStart == null ? k : originStart[k];
            nextEnd[at + k - from] = originEnd == null ? k + 1 : originEnd[k];
        }
    }

    /**
     * The types a recogniser finds by context (cues, capitals, lists; for phone numbers, phoning words and the label before a
     * number: "account 0161 496 0000" is an account's number, "call 0161 496 0000" a phone's), so that one string can be
     * found in one place and not in another.
     */
    private static final java.util.Set<PiiType> BY_CONTEXT = java.util.EnumSet.of(PiiType.PERSON, PiiType.LOCATION, PiiType.ORGANIZATION, PiiType.PHONE);

    /**
     * The findings with every other occurrence, as a whole word, of a name or phone number found anywhere in the request: a
     * person, place, organisation or phone number is recognised by its context, and "Springfield card Springfield" or "Shaw said ... call Shaw" can have one
     * of two equal strings found and the other not. Left as it was, the value would reach the provider in the clear beside its
     * own placeholder; replaced, it gets the same placeholder ({@code <PERSON_1>} is one person throughout).
     */
    static List<List<PiiFinding>> sameValuesElsewhere(List<ChatMessage> messages, List<List<PiiFinding>> findings) {
        Map<String, PiiFinding> named = new java.util.LinkedHashMap<>();
        for (List<PiiFinding> found : findings) {
            for (PiiFinding f : found) {
                if (BY_CONTEXT.contains(f.type()) && f.value().length() >= 2) {
                    named.putIfAbsent(f.value(), f);
                }
            }
        }
        if (named.isEmpty()) {
            return findings;
        }
        List<List<PiiFinding>> out = new ArrayList<>(findings.size());
        for (int i = 0; i < messages.size(); i++) {
            String text = messages.get(i).getContent();
            List<PiiFinding> all = null;
            for (PiiFinding f : named.values()) {
                for (int at = text.indexOf(f.value()); at >= 0; at = text.indexOf(f.value(), at + 1)) {
                    int start = at;
                    int end = at + f.value().length();
                    List<PiiFinding> sofar = all == null ? findings.get(i) : all;
                    if (!wholeWord(text, start, end) || sofar.stream().anyMatch(g -> g.start() < end && start < g.end())) {
                        continue;
                    }
                    if (all == null) {
                        all = new ArrayList<>(findings.get(i));
                    }
                    all.add(new PiiFinding(f.type(), at, end, f.value(), f.confidence(), f.recognizer() + "; the same value elsewhere in the request"));
                }
            }
            if (all != null) {
                all.sort(java.util.Comparator.comparingInt(PiiFinding::start));
            }
            out.add(all == null ? findings.get(i) : all);
        }
        return out;
    }

    private static boolean wholeWord(String text, int start, int end) {
        return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1))) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
    }

    private static String normalise(PiiFinding finding) {
        return switch (finding.type()) {
            case EMAIL -> finding.value().toLowerCase(java.util.Locale.ROOT);
            case PHONE, CREDIT_CARD, US_SSN -> NOT_DIGIT.matcher(finding.value()).replaceAll("");
            case IBAN -> finding.value().replace(" ", "");
            case IP, URL -> finding.value().toLowerCase(java.util.Locale.ROOT);
            case DATE, SECRET, PERSON, LOCATION, ORGANIZATION -> finding.value();
            case NATIONAL_ID, VAT_ID -> finding.value().replaceAll("[\\s.-]", "").toUpperCase(java.util.Locale.ROOT);
        };
    }
}
