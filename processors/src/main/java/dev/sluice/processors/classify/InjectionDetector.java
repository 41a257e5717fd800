package dev.sluice.processors.classify;

import dev.sluice.processors.text.Gate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prompt-injection and jailbreak score, 0..1: the higher of two detectors.
 * <ul>
 *   <li>Rules: each is a phrase pattern that instructs the model to drop its instructions, reveal
 *       hidden ones or adopt an unrestricted persona; a trigger word on its own ("ignore",
 *       "override") matches nothing. Scores of matching rules combine as independent evidence:
 *       {@code 1 - prod(1 - w)}.</li>
 *   <li>A learned model ({@link LinearTextModel}, trained by {@code sluice train injection}; see
 *       docs/evaluation.md), whose probability counts at {@value #MODEL_WEIGHT} of its value: it
 *       learned from synthetic attacks, so it needs a probability of 0.8 to reach the default
 *       policy threshold of 0.7 on its own.</li>
 * </ul>
 * Thread-safe.
 */
public final class InjectionDetector {

    /** The shipped model, trained on promptshield's training split plus benign text. */
    public static final String SHIPPED_MODEL = "/sluice/models/injection.slm";
    static final double MODEL_WEIGHT = 0.875;

    private static final class Shipped {
        static final LinearTextModel MODEL = LinearTextModel.resource(SHIPPED_MODEL);
    }

    private final LinearTextModel model;

    /** Rules and the shipped model. */
    public InjectionDetector() {
        this(Shipped.MODEL);
    }

    /** @param model the learned half, or null for the rules alone */
    public InjectionDetector(LinearTextModel model) {
        this.model = model;
    }

    /**
     * @param negatable "do not ignore the instructions" is no attack: a negation before or inside the match voids it
     * @param gate      literals every match contains ({@link Gate}): most texts open no rule's gate, and a rule is run only when its gate is open
     */
    record Rule(String name, Pattern pattern, double weight, boolean negatable, Gate gate, String[] lead) {

        /**
         * The same rule tried only where one of {@code literals} ({@code "a|b"}, lower case) occurs: every
         * match must start with one ({@code InjectionGateTest} checks it), and the pattern is then not
         * tried at every position of a text whose gate is open.
         */
        Rule led(String literals) {
            return new Rule(name, pattern, weight, negatable, gate, java.util.Arrays.stream(literals.split("\\|")).map(String::strip).toArray(String[]::new));
        }

        /** Where a match may start: every occurrence of a lead literal, in text order; null when the rule has no lead. */
        int[] starts(String lower) {
            if (lead == null) {
                return null;
            }
            int[] out = new int[8];
            int n = 0;
            for (String literal : lead) {
                for (int at = lower.indexOf(literal); at >= 0; at = lower.indexOf(literal, at + 1)) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = at;
                }
            }
            out = java.util.Arrays.copyOf(out, n);
            java.util.Arrays.sort(out);
            return out;
        }
    }

    private static final Pattern NEGATION = Pattern.compile("(?iu)\\b(not|nicht|never|nie|don'?t|doesn'?t|no need to|ne|pas)\\b");

    private static final String FLAGS = "(?i)";
    static final List<Rule> RULES = List.of(
            // instruction override, in English and the other languages attacks use most
            negatable("override-instructions", "\\b(ignore|disregard|forget|skip|bypass|override)\\b[^.!?\\n]{0,40}\\b(previous|prior|above|earlier|preceding|all|any|your|system|original|initial|everything)\\b[^.!?\\n]{0,40}\\b(instructions?|prompts?|rules|directions|guidelines|context|directives|programming)\\b", 0.85,
                    "ignore|disregard|forget|skip|bypass|override & instruction|prompt|rules|direction|guideline|context|directive|programming").led("ignore|disregard|forget|skip|bypass|override"),
            rule("forget-everything", "\\b(forget|disregard) everything (before|above|prior|you were told)|\\blet's start fresh\\b[^.!?\\n]{0,60}\\b(rules|instructions)", 0.75,
                    "everything & forget|disregard ; let's start fresh").led("forget|disregard|let's start fresh"),
            negatable("override-instructions-multilingual", "\\b(ignora|olvida)\\b[^.!?\\n]{0,30}\\b(instrucciones|reglas|indicaciones)|\\bignor(e|ez)\\b[^.!?\\n]{0,20}\\b(les|toutes les) (instructions|consignes|règles)|\\bignorier(e|en)\\b[^.!?\\n]{0,30}\\b(anweisungen|regeln|vorgaben)|忽略.{0,6}(指令|指示|规则)|(指示|命令)を無視|無視.{0,6}(指示|命令)|(지침|지시)을? ?무시|تجاهل|\\bignora\\b[^.!?\\n]{0,20}\\b(istruzioni|regole)|\\b(anweisungen|regeln)\\b[^.!?\\n]{0,20}\\bignorieren", 0.85,
                    "ignora|olvida & instrucciones|reglas|indicaciones ; ignor & instructions|consignes|gles ; ignorier & anweisungen|regeln|vorgaben ; 忽略 ; 無視 ; 무시 ; تجاهل ; ignora & istruzioni|regole"),
            rule("new-instructions", "\\b(new|updated|real|actual|true) (instructions|system prompt|rules|task)\\s*(:|are|is)|(^|\\n)\\s*(new|updated) instructions", 0.7,
                    "new|updated|real|actual|true & instructions|system prompt|rules|task"),
            // leaking the hidden prompt, configuration or training data
            rule("reveal-prompt", "\\b(reveal|print|show|repeat|output|display|leak|tell me|give me|what (is|are|were))\\b[^.!?\\n]{0,30}\\b(system prompt|hidden (instructions|prompt)|initial (instructions|prompt)|your (instructions|prompt|rules|configuration|guidelines)|developer message|secret key|password)", 0.8,
                    "reveal|print|show|repeat|output|display|leak|tell me|give me|what & prompt|instruction|rules|configuration|guidelines|developer message|secret key|password").led("reveal|print|show|repeat|output|display|leak|tell me|give me|what"),
            rule("repeat-verbatim", "\\brepeat (exactly |verbatim )?(what|everything) (you were|you've been|above)|\\b(training data|trained on)\\b[^.!?\\n]{0,30}\\b(repeat|show|reveal|verbatim)|\\bpasswords? in plain ?text", 0.75,
                    "repeat & what|everything ; training data|trained on ; in plain").led("repeat|training data|trained on|password"),
            // unrestricted personas and jailbreak framings
            rule("unrestricted-persona", "\\byou are (now|no longer)\\b[^.!?\\n]{0,60}\\b(DAN|unrestricted|unfiltered|jailbroken|developer mode|evil|free|without (any )?(rules|restrictions|limits|filters))", 0.85,
                    "you are now|you are no longer").led("you are"),
            rule("jailbreak-names", "\\b(do anything now|jailbroken|DAN mode|developer mode (enabled|activated|on)|immerse yourself into the role|stay in character|evil confidant)\\b", 0.8,
                    "do anything now|jailbroken|dan mode|developer mode|immerse yourself|stay in character|evil confidant").led("do anything now|jailbroken|dan mode|developer mode|immerse yourself|stay in character|evil confidant"),
            rule("pretend-no-rules", "\\b(pretend|act|behave|roleplay|imagine)\\b[^.!?\\n]{0,50}\\b(no|without|free of|free from)\\b[^.!?\\n]{0,25}\\b(rules|restrictions|filters|guidelines|limitations|censorship|ethics|morals)\\b", 0.8,
                    "pretend|act|behave|roleplay|imagine & no|without|free & rules|restrictions|filters|guidelines|limitations|censorship|ethics|morals").led("pretend|act|behave|roleplay|imagine"),
            rule("answer-anything", "\\b(answer|respond|reply|comply)\\b[^.!?\\n]{0,30}\\b(anything|everything|all requests)\\b[^.!?\\n]{0,30}\\b(without|regardless|unconditionally|no matter)", 0.75,
                    "answer|respond|reply|comply & anything|everything|all requests & without|regardless|unconditionally|no matter").led("answer|respond|reply|comply"),
            rule("identity-override", "\\byou are no longer (chatgpt|claude|gemini|an? (ai|assistant|language model))|\\bforget (that )?you are an? (ai|assistant|language model)|\\b(act|behave) as (a|the) (system administrator|root user|admin(istrator)?|superuser)\\b[^.!?\\n]{0,30}\\binstead|\\byou are (now )?the (root user|system administrator|superuser)", 0.8,
                    "you are no longer ; forget & you are a ; instead & system administrator|root user|admin|superuser ; root user|system administrator|superuser").led("you are|forget|act|behave"),
            rule("from-now-on", "\\b(for the rest of (this|the) conversation|from now on)\\b[^.!?\\n]{0,50}\\b(you (are|will|must|should)|only follow|obey|no (rules|restrictions))", 0.7,
                    "for the rest of|from now on").led("for the rest of|from now on"),
            rule("no-refusal", "\\bdo not (say|tell me) (that )?you can'?t|\\bdo not refuse\\b|\\bnever refuse\\b|\\bwithout mentioning any (limitations|restrictions)", 0.7,
                    "do not say|do not tell me|do not refuse|never refuse|without mentioning any").led("do not|never refuse|without mentioning"),
            rule("hypothetical-no-rules", "\\b(hypothetical(ly)?|parallel universe|fictional world|alternate reality)\\b[^.!?\\n]{0,80}\\b(no|without|don'?t have|free of) (any )?(safety )?(restrictions|rules|filters|guidelines|limits)", 0.75,
                    "hypothetical|parallel universe|fictional world|alternate reality").led("hypothetical|parallel universe|fictional world|alternate reality"),
            rule("claims-developer", "\\bi('m| am) (your|the) (developer|creator|admin(istrator)?|owner|operator)\\b[^.!?\\n]{0,60}\\b(show|reveal|give|print|disable|prompt|instructions)", 0.75,
                    "i'm your|i'm the|i am your|i am the").led("i'm|i am"),
            rule("dump-secrets", "\\bdump (all )?(the )?(session )?(cookies|credentials|passwords|tokens|secrets|database)", 0.7,
                    "dump").led("dump"),
            // switching off safety, fake authority and system markers
            rule("disable-safety", "\\b(disable|turn off|switch off|suspend|deactivate|bypass|remove|lift|circumvent)\\b[^.!?\\n]{0,30}\\b(safety|filters?|guardrails|content (policy|filter)|moderation|protocols?|restrictions|safeguards)\\b", 0.8,
                    "disable|turn off|switch off|suspend|deactivate|bypass|remove|lift|circumvent & safety|filter|guardrails|content policy|moderation|protocol|restrictions|safeguards").led("disable|turn off|switch off|suspend|deactivate|bypass|remove|lift|circumvent"),
            rule("override-safety", "\\b(override|overrule|supersede)\\b[^.!?\\n]{0,30}\\b(safety|content policy|guardrails|security|system) ?(rules|instructions|settings|policy|prompt|protocols?)?", 0.6,
                    "override|overrule|supersede & safety|content policy|guardrails|security|system").led("override|overrule|supersede"),
            rule("fake-system-markers", "\\[/?(system|inst|developer note|admin|sys)]|<\\|?(im_start|system|endoftext)\\|?>|\\{\\{\\s*/?system|#{2,}\\s*(system|instruction)|end of (the )?system prompt|system[_ ](override|footer|update|message)\\s*[:\\]]|critical system update", 0.75,
                    "[ ; system ; im_start ; endoftext ; ## & instruction").led("[|<|{{|##|end of|system|critical"),
            rule("fake-privileges", "\\byou (now )?have (temporary |full )?(admin|root|sudo|privileged|developer|unrestricted) (access|rights|privileges|mode)|\\b(approve|allow) all requests unconditionally|always return \\{", 0.75,
                    "have & access|rights|privileges|mode ; all requests unconditionally ; always return {").led("you|approve|allow|always return"),
            // asking the model to run code or commands (the tool-using model would execute them)
            rule("run-code", "\\b(run|execute|exec|eval|bypass|invoke)\\s*:\\s*`?|\\bos\\.(system|popen)|\\bsubprocess\\.|\\b__import__\\b|\\beval\\s*\\(|\\bexec\\s*\\(|\\bpopen\\b|\\brm -rf\\b|\\bwhoami\\b|/etc/(passwd|shadow)|\\bbase64 -d\\b|\\batob\\(|\\bfork\\(\\)|\\bsocket\\.(bind|connect)|\\bchr\\(\\d+\\)\\s*\\+", 0.8,
                    "run|bypass|invoke & : ; exec ; eval ; os. ; subprocess. ; __import__ ; popen ; rm -rf ; whoami ; /etc/ ; base64 -d ; atob( ; fork() ; socket. ; chr(").led("run|exec|eval|bypass|invoke|os.|subprocess.|__import__|popen|rm -rf|whoami|/etc/|base64 -d|atob(|fork()|socket.|chr("),
            // probing the deployment
            rule("probe-deployment", "\\b(your|the model's) (deployment|inference) (configuration|framework|settings)|\\bhow many parameters do you have|\\b(exact )?knowledge cutoff (date )?and training|\\bwhat (inference framework|hardware|gpus?) are you running", 0.7,
                    "deployment configuration|deployment framework|deployment settings|inference configuration|inference framework|inference settings|how many parameters do you have|knowledge cutoff|are you running").led("your|the model's|how many|exact|knowledge cutoff|what"),
            // smuggling instructions into documents (indirect injection)
            rule("instructions-to-model-in-document", "\\b(assistant|ai|model|chatbot|llm)s?\\b[^.!?\\n]{0,40}\\b(must|should|shall|needs? to|will) (now )?(ignore|disregard|forget|reply|respond|say|output|print|include|reveal)\\b", 0.7,
                    "assistant|ai|model|chatbot|llm & must|should|shall|need|will & ignore|disregard|forget|reply|respond|say|output|print|include|reveal").led("assistant|ai|model|chatbot|llm"),
            rule("document-trigger", "\\b(when|if) (you are |you're )?(summari[sz]ing|reading|processing|asked about) (this|the) (document|page|email|text|file)\\b[^.!?\\n]{0,60}\\b(ignore|instead|say|respond|reply|output)\\b", 0.8,
                    "summari|reading|processing|asked about & document|page|email|text|file & ignore|instead|say|respond|reply|output").led("when|if"));

    private static Rule rule(String name, String regex, double weight, String gate) {
        return new Rule(name, Pattern.compile(FLAGS + regex), weight, false, Gate.of(gate), null);
    }

    private static Rule negatable(String name, String regex, double weight, String gate) {
        return new Rule(name, Pattern.compile(FLAGS + regex), weight, true, Gate.of(gate), null);
    }

    /**
     * The highest score of the text as written, after NFKC normalisation (look-alike letters such as
     * mathematical bold map back to ASCII), ROT13-decoded, and with base64 tokens decoded: encoding is
     * an attack class of its own, so the rules see through the common encodings.
     */
    public double score(String text) {
        return evaluate(text, null);
    }

    /**
     * The score and what made it.
     *
     * @param rules the rules that matched, by name, prefixed with the form they matched in when it is not
     *              the text as written ({@code "rot13:"}, {@code "base64:"})
     * @param model the learned model's probability (before its weight), or -1 when the rules settled the score or no model is loaded
     */
    public record Explanation(double score, List<String> rules, double model) {
    }

    public Explanation explain(String text) {
        List<String> fired = new java.util.ArrayList<>();
        double[] model = {-1};
        double score = evaluate(text, new Signals(fired, model));
        return new Explanation(score, fired, model[0]);
    }

    /** Where {@link #explain} collects the signals; null on the hot path. */
    private record Signals(List<String> rules, double[] model) {
    }

    private double evaluate(String text, Signals signals) {
        String normal = LinearTextModel.nfkc(text);
        double best = rules(normal, signals, "");
        if (best < MODEL_WEIGHT && model != null) {
            double p = model.probability(normal);
            if (signals != null) {
                signals.model()[0] = p;
            }
            best = Math.max(best, MODEL_WEIGHT * p);
        }
        // only a text that reads as English once rotated is worth the rules a second time
        if (best < 1.0 && readsBetterRotated(normal)) {
            best = Math.max(best, rules(rot13(normal), signals, "rot13:"));
        }
        for (int at = 0; best < 1.0 && at < normal.length(); ) {
            int end = base64Run(normal, at);
            if (end - at >= 16) {
                try {
                    String decoded = new String(java.util.Base64.getDecoder().decode(normal.substring(at, end)), java.nio.charset.StandardCharsets.UTF_8);
                    best = Math.max(best, rules(decoded, signals, "base64:"));
                } catch (IllegalArgumentException notBase64) {
                    // a long token that only looks like base64
                }
            }
            at = Math.max(end, at + 1);
        }
        return best;
    }

    /**
     * The end of the base64 token at {@code at}: base64 letters, then up to two '='; {@code at} when none.
     * A scan instead of a pattern, which would try every position of every long word.
     */
    static int base64Run(String text, int at) {
        int end = at;
        while (end < text.length() && base64(text.charAt(end))) {
            end++;
        }
        if (end == at) {
            return at;
        }
        for (int pad = 0; pad < 2 && end < text.length() && text.charAt(end) == '='; pad++) {
            end++;
        }
        return end;
    }

    private static boolean base64(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
    }

    private static double rules(String text, Signals signals, String form) {
        String lower = Gate.lower(text);
        double keep = 1.0;
        for (Rule rule : RULES) {
            if (!rule.gate().open(lower)) {
                continue;
            }
            if (matches(rule, text, lower)) {
                keep *= 1.0 - rule.weight();
                if (signals != null) {
                    signals.rules().add(form + rule.name());
                }
            }
        }
        return 1.0 - keep;
    }

    /** Whether the rule has a match that no negation voids; with a lead, tried only where a lead literal starts. */
    static boolean matches(Rule rule, String text, String lower) {
        java.util.regex.Matcher m = rule.pattern().matcher(text);
        int[] starts = rule.starts(lower);
        if (starts == null) {
            while (m.find()) {
                if (!(rule.negatable() && negated(text, m.start(), m.end()))) {
                    return true;
                }
            }
            return false;
        }
        m.useTransparentBounds(true).useAnchoringBounds(false);
        for (int at : starts) {
            if (m.region(at, text.length()).lookingAt() && !(rule.negatable() && negated(text, m.start(), m.end()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean negated(String text, int start, int end) {
        return NEGATION.matcher(text.substring(Math.max(0, start - 12), end)).find();
    }

    private static final List<String> ENGLISH = List.of("the", "and", "you", "your", "all", "to", "of", "is", "are", "instructions", "ignore", "previous");
    private static final String[][] ENGLISH_BY_LENGTH = byLength(ENGLISH);
    private static final String[][] ROTATED_BY_LENGTH = byLength(ENGLISH.stream().map(InjectionDetector::rot13).toList());

    /**
     * Whether more of the commonest English words (and an attack's) appear once the text is ROT13-rotated
     * than as written: one pass over the words, each compared in place (ASCII case ignored) with the
     * words of its length in the list and in its rotation.
     */
    static boolean readsBetterRotated(String text) {
        int plain = 0;
        int rotated = 0;
        int i = 0;
        while (i < text.length()) {
            if (!letterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && letterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i - start <= 12) {
                plain += listed(ENGLISH_BY_LENGTH, text, start, i) ? 1 : 0;
                rotated += listed(ROTATED_BY_LENGTH, text, start, i) ? 1 : 0;
            }
        }
        return rotated > plain;
    }

    /** {@link Character#isLetterOrDigit(char)}, ASCII answered without the character tables. */
    private static boolean letterOrDigit(char c) {
        return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9' : Character.isLetterOrDigit(c);
    }

    /** Whether {@code text[from, to)}, ASCII-lower-cased, is one of the (lower-case) words. */
    private static boolean listed(String[][] wordsByLength, String text, int from, int to) {
        if (to - from >= wordsByLength.length) {
            return false;
        }
        for (String word : wordsByLength[to - from]) {
            if (Gate.equalsLowered(word, text, from)) {
                return true;
            }
        }
        return false;
    }

    /** The words by their length: {@code [n]} holds those of n letters. */
    private static String[][] byLength(List<String> words) {
        int longest = words.stream().mapToInt(String::length).max().orElse(0);
        String[][] out = new String[longest + 1][];
        for (int n = 0; n <= longest; n++) {
            int length = n;
            out[n] = words.stream().filter(w -> w.length() == length).toArray(String[]::new);
        }
        return out;
    }

    static String rot13(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c = (char) ('a' + (c - 'a' + 13) % 26);
            } else if (c >= 'A' && c <= 'Z') {
                c = (char) ('A' + (c - 'A' + 13) % 26);
            }
            out.append(c);
        }
        return out.toString();
    }
}
