package dev.sluice.processors.classify;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Rule-based prompt-injection and jailbreak score, 0..1. Each rule is a phrase pattern that
 * instructs the model to drop its instructions, reveal hidden ones or adopt an unrestricted
 * persona; a trigger word on its own ("ignore", "override") matches nothing. Scores of matching
 * rules combine as independent evidence: {@code 1 - prod(1 - w)}. A first level: the learned
 * detector of a later release replaces the weights, not the interface.
 */
public final class InjectionDetector {

    private record Rule(Pattern pattern, double weight) {
    }

    private static final String FLAGS = "(?iu)";
    private static final List<Rule> RULES = List.of(
            rule("\\b(ignore|disregard|forget|skip|bypass)\\b[^.!?\\n]{0,40}\\b(previous|prior|above|earlier|preceding|all|your|system|original)\\b[^.!?\\n]{0,30}\\b(instructions?|prompts?|rules|directions|guidelines|context)\\b", 0.85),
            rule("\\b(reveal|print|show|repeat|output|display|leak|tell me)\\b[^.!?\\n]{0,30}\\b(system prompt|hidden (instructions|prompt)|initial (instructions|prompt)|your instructions|developer message)\\b", 0.8),
            rule("\\byou are (now|no longer)\\b[^.!?\\n]{0,40}\\b(DAN|unrestricted|unfiltered|jailbroken|developer mode|evil|without (any )?(rules|restrictions|limits))", 0.85),
            rule("\\b(do anything now|jailbreak|developer mode enabled|DAN mode)\\b", 0.7),
            rule("\\b(pretend|act|behave|roleplay)\\b[^.!?\\n]{0,40}\\b(no|without|free of)\\b[^.!?\\n]{0,20}\\b(rules|restrictions|filters|guidelines|limitations|censorship)\\b", 0.75),
            rule("\\b(override|overrule|supersede)\\b[^.!?\\n]{0,30}\\b(safety|content policy|guardrails|system|previous) ?(rules|instructions|settings|policy|prompt)?", 0.6),
            rule("(^|\\n)\\s*(new|updated|real) (instructions|system prompt)\\s*:", 0.7),
            rule("\\[/?(system|inst)]|<\\|?(im_start|system)\\|?>|###\\s*(system|instruction)", 0.6));

    private static Rule rule(String regex, double weight) {
        return new Rule(Pattern.compile(FLAGS + regex), weight);
    }

    public double score(String text) {
        double keep = 1.0;
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(text).find()) {
                keep *= 1.0 - rule.weight();
            }
        }
        return 1.0 - keep;
    }
}
