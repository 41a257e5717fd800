package dev.sluice.ops.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benign training text for the injection model: task prompts as prompt libraries write them, in headed sections (who the
 * model is, the goal, the steps, the output's rules, an example, the input). Measured blind on 43 such prompts of a public
 * library written by others (docs/evaluation.md, "Task prompts of a prompt library"), the model flagged 32, each by one passage
 * and none by its whole text: a heading and a format rule ("# OUTPUT INSTRUCTIONS - Only output Markdown." scored 0.996),
 * because in the training text "output" and "instructions" came together only in attacks that ask for the instructions to
 * be output. Nothing of that library is here: the roles, tasks, rules and examples below are written for every kind of work,
 * so the model learns the shape (a section of rules about the answer's form), not the library's sentences.
 */
final class LibraryPromptText {

    private LibraryPromptText() {
    }

    /** {@code count} sectioned task prompts, drawn with {@code seed}. */
    static List<String> prompts(int count, long seed) {
        return AttackText.draw(count, seed, LibraryPromptText::prompt);
    }

    private static final String[] ADJECTIVES = {"an experienced", "a meticulous", "a senior", "a world-class", "a careful", "an expert", "a seasoned", "a friendly",
            "a highly skilled", "a pragmatic", "a patient", "a detail-oriented", "a sharp", "a thoughtful"};

    private static final String[] ROLES = {"editor", "research analyst", "security analyst", "data engineer", "product manager", "teacher", "nutrition coach",
            "technical writer", "recruiter", "financial analyst", "historian", "contract lawyer", "UX researcher", "marketing strategist",
            "site reliability engineer", "translator", "copywriter", "QA engineer", "accountant", "sales coach", "travel planner", "librarian", "statistician",
            "science communicator", "project manager", "career coach", "podcast producer", "support team lead", "compliance officer", "chef", "maths tutor",
            "software architect", "incident responder", "grant writer", "speechwriter", "fact-checker", "economist", "biology lecturer", "SEO specialist",
            "community manager", "database administrator", "interview coach", "risk manager", "procurement specialist", "screenwriter"};

    private static final String[] INPUTS = {"article", "transcript", "set of meeting notes", "log file", "pull request diff", "batch of customer reviews",
            "research paper", "contract", "job description", "CV", "set of survey answers", "product spec", "incident report", "email thread",
            "podcast transcript", "book chapter", "threat report", "list of support tickets", "set of sales call notes", "essay", "code snippet",
            "changelog", "press release", "dataset description", "recipe", "lecture transcript", "policy document", "quarterly report", "user interview",
            "bug report", "design document", "blog post", "newsletter", "grant proposal", "course syllabus"};

    private static final String[] THINGS = {"key ideas", "main claims", "action items", "risks", "open questions", "quotes", "recommendations", "statistics",
            "decisions", "deadlines", "tools mentioned", "trends", "mistakes", "lessons", "arguments", "assumptions", "requirements", "edge cases",
            "themes", "definitions", "insights", "facts", "predictions", "dependencies", "pain points", "feature requests", "errors", "people and their roles"};

    private static final String[] SECTIONS = {"SUMMARY", "KEY POINTS", "IDEAS", "RISKS", "ACTION ITEMS", "QUOTES", "RECOMMENDATIONS", "OPEN QUESTIONS", "RATING",
            "VERDICT", "TAKEAWAYS", "FACTS", "REFERENCES", "NEXT STEPS", "TIMELINE", "GLOSSARY", "STRENGTHS", "WEAKNESSES", "ONE-SENTENCE SUMMARY",
            "MAIN ARGUMENT", "EVIDENCE", "SCORE", "CHANGES", "TOPICS", "HABITS", "QUESTIONS TO ASK"};

    private static final String[] FORMATS = {"Markdown", "plain text", "valid JSON", "a Markdown table", "CSV", "YAML", "HTML", "LaTeX", "Mermaid syntax",
            "a numbered list", "bullet points", "one line", "one paragraph", "the shell commands", "the SQL query", "the commit message", "the tags"};

    private static final String[] ADJECTIVES_OF_THINGS = {"important", "useful", "surprising", "relevant", "actionable", "interesting", "critical", "practical"};

    private static final String[] QUALITIES = {"clarity", "accuracy", "novelty", "tone", "completeness", "readability", "persuasiveness", "rigour", "risk"};

    private static final String[] AUDIENCES = {"busy executives", "beginners", "engineers", "a general audience", "students", "the board", "new hires",
            "customers", "non-experts"};

    private static String prompt(Random random) {
        String role = AttackText.pick(random, ROLES);
        String input = AttackText.pick(random, INPUTS);
        String things = AttackText.pick(random, THINGS);
        String format = AttackText.pick(random, FORMATS);
        List<String> sections = new ArrayList<>(List.of(SECTIONS));
        Collections.shuffle(sections, random);
        String style = AttackText.pick(random, "# %s", "## %s", "### %s", "**%s**", "%s:", "%s", "[%s]", "=== %s ===");
        boolean upper = random.nextInt(3) > 0;
        StringBuilder sb = new StringBuilder();
        List<Integer> starts = new ArrayList<>();

        starts.add(sb.length());
        heading(sb, style, upper, AttackText.pick(random, "Identity", "Role", "Who you are", "Persona", "Role and goal", "Purpose", "Context", "About you", "Your role"), random);
        sb.append(identity(random, role, input, things));
        if (random.nextBoolean()) {
            sb.append(' ').append(AttackText.pick(random, "Think step by step before you answer.", "Take your time and work through the steps below in order.",
                    "Take a deep breath and work through this carefully.", "Read everything once before you start writing.",
                    "Consider the input from several angles before writing.", "Slow down and be thorough.", "Accuracy matters more than speed here."));
        }
        if (random.nextInt(3) == 0) {
            starts.add(sb.length());
            heading(sb, style, upper, AttackText.pick(random, "Goal", "Goals", "Objective", "Task", "Your task", "Mission", "What we want"), random);
            sb.append(AttackText.pick(random, "Produce %s of the %s for %s.", "Help %s understand the %s of the %s quickly.", "Turn the %s into something %s can act on.")
                    .formatted(random.nextBoolean() ? "a clear review" : "a short brief", input, AttackText.pick(random, AUDIENCES)));
        }

        starts.add(sb.length());
        heading(sb, style, upper, AttackText.pick(random, "Steps", "Process", "How to approach this", "Method", "Workflow", "Instructions", "What to do"), random);
        int steps = 2 + random.nextInt(6);
        String bullet = AttackText.pick(random, "- ", "- ", "* ", "");
        for (int i = 0; i < steps; i++) {
            sb.append(bullet.isEmpty() ? (i + 1) + ". " : bullet).append(step(random, input, AttackText.pick(random, THINGS), sections.get(i))).append('\n');
            if (random.nextInt(3) == 0) {
                sb.append('\n');
            }
        }

        int output = starts.size();
        starts.add(sb.length());
        heading(sb, style, upper, AttackText.pick(random, "Output instructions", "Output", "Output format", "Output sections", "Format", "Response format",
                "Output rules", "Output requirements", "Formatting"), random);
        List<String> rules = outputRules(random, format, things, sections.get(0), input);
        for (String rule : rules) {
            sb.append(bullet.isEmpty() ? "- " : bullet).append(emphasised(random, rule)).append('\n');
            if (random.nextInt(3) == 0) {
                sb.append('\n');
            }
        }

        if (random.nextInt(3) == 0) {
            starts.add(sb.length());
            heading(sb, style, upper, AttackText.pick(random, "Restrictions", "Constraints", "Rules", "Guidelines", "What to avoid", "Notes"), random);
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                sb.append("- ").append(emphasised(random, AttackText.pick(random, RESTRICTIONS).formatted(input))).append('\n');
            }
        }
        if (random.nextInt(3) == 0) {
            starts.add(sb.length());
            heading(sb, style, upper, AttackText.pick(random, "Example output", "Example", "Output example", "Sample", "Template", "Output template"), random);
            sb.append(example(random, sections));
        }
        if (random.nextInt(4) > 0) {
            starts.add(sb.length());
            heading(sb, style, upper, AttackText.pick(random, "Input", "Content", "Text", "Input text", "Source"), random);
            sb.append(AttackText.pick(random, "INPUT:", "Input:", "{{input}}", "[paste the %s here]".formatted(input), "${content}", "<input>\n{text}\n</input>", "TEXT:", ""));
        }
        starts.add(sb.length());
        if (random.nextInt(5) < 2) {
            // one section alone, most often the output's rules: the model scores a long prompt by its passages, and a
            // passage of such a prompt is a heading and a rule or two
            int k = random.nextInt(3) > 0 ? output : random.nextInt(starts.size() - 1);
            return sb.substring(starts.get(k), starts.get(k + 1)).strip();
        }
        return sb.toString().strip();
    }

    private static void heading(StringBuilder sb, String style, boolean upper, String name, Random random) {
        if (sb.length() > 0) {
            sb.append(random.nextBoolean() ? "\n\n" : "\n");
        }
        sb.append(style.formatted(upper ? name.toUpperCase(Locale.ROOT) : name)).append(random.nextInt(3) == 0 ? "\n" : "\n\n");
    }

    private static String identity(Random random, String role, String input, String things) {
        String a = AttackText.pick(random, ADJECTIVES);
        return switch (random.nextInt(6)) {
            case 0 -> "You are %s %s. You specialise in reading %s %s and pulling out the %s.".formatted(a, role, AttackText.pick(random, "a", "any", "the given"), input, things);
            case 1 -> "You are %s %s who turns a %s into %s.".formatted(a, role, input, AttackText.pick(random, "a clear summary", "a list of next steps", "a scored review",
                    "a short brief", "structured notes"));
            case 2 -> "You are an AI assistant that helps %s %s. Your job is to review the %s you are given.".formatted(AttackText.pick(random, "teams", "analysts", "writers",
                    "managers", "students"), AttackText.pick(random, "save time", "make decisions", "spot problems early", "learn faster"), input);
            case 3 -> "Your role is to analyse a %s and report its %s to %s.".formatted(input, things, AttackText.pick(random, AUDIENCES));
            case 4 -> "You take a %s as input and output the %s it contains, %s.".formatted(input, things, AttackText.pick(random, "ranked by importance",
                    "grouped by theme", "in the order they appear", "with a short note on each"));
            default -> "You are %s %s with years of experience. You %s %s and you explain your findings plainly.".formatted(a, role,
                    AttackText.pick(random, "specialize in", "are known for", "care about"), AttackText.pick(random, "careful reviews", "clear writing",
                            "honest ratings", "finding what others miss"));
        };
    }

    private static String step(Random random, String input, String things, String section) {
        int n = 3 + random.nextInt(8);
        return switch (random.nextInt(10)) {
            case 0 -> "Read the %s %s.".formatted(input, AttackText.pick(random, "carefully", "in full", "twice", "from start to end"));
            case 1 -> "Identify the %s in the %s.".formatted(things, input);
            case 2 -> "Pick the %d to %d %s %s that matter most and put them under %s.".formatted(n, n * 2, AttackText.pick(random, ADJECTIVES_OF_THINGS), things, section);
            case 3 -> "List the %s under %s.".formatted(things, section);
            case 4 -> "Score the %s for %s on a scale of one to ten, with one sentence of reason.".formatted(input, AttackText.pick(random, QUALITIES));
            case 5 -> "Group the %s by %s.".formatted(things, AttackText.pick(random, "theme", "owner", "severity", "date", "topic"));
            case 6 -> "Compare the %s against %s.".formatted(things, AttackText.pick(random, "the style guide", "the requirements", "common best practice",
                    "the rubric below", "last quarter's figures"));
            case 7 -> "Sum up the %s in about %d words under %s.".formatted(input, n * 5, section);
            case 8 -> "Note anything in the %s that is unclear or missing.".formatted(input);
            default -> "Check your draft against the rules below before you finish.";
        };
    }

    private static final String[] RESTRICTIONS = {"Leave out anything the %s does not say.", "Base every statement on the %s.",
            "Avoid personal opinions.", "Do not speculate beyond what the %s says.", "Keep a neutral tone.", "Do not name people who are only mentioned in passing.",
            "Skip anything that is off topic.", "Do not give advice that needs a licensed professional.", "Never invent sources or figures."};

    private static List<String> outputRules(Random random, String format, String things, String section, String input) {
        int n = 3 + random.nextInt(10);
        String[] all = {
                "Only output " + format + ".",
                "Output only " + format + ", nothing else.",
                "Output " + format + " only.",
                "Output the " + things + " as " + AttackText.pick(random, "bullet points", "a numbered list", "a table", "short sentences") + ".",
                "Put each item on its own line.",
                "Each " + section + " item gets " + (n + 5) + " words, no more.",
                "Keep each bullet under " + (n + 10) + " words.",
                "Use bulleted lists, not numbered lists.",
                "Use numbered lists for the steps.",
                "Do not repeat " + things + ".",
                "Do not start two bullets with the same words.",
                "Do not add commentary before or after the " + AttackText.pick(random, "list", "table", "JSON", "answer") + ".",
                "Do not wrap the result in a code block.",
                "Leave the code fences out.",
                "No bold, no italics.",
                "Do not use emoji.",
                "Leave out any section that would be empty.",
                "Include at least " + n + " items in each section.",
                "Make sure every point is backed by the " + input + ".",
                "Quote the " + input + " exactly when you cite it.",
                "Every figure must come from the input; do not make numbers up.",
                "If you are not sure about something, say so instead of guessing.",
                "Follow every rule in this section.",
                "Make sure you follow all of these instructions when you write the output.",
                "Return the result in the format shown in the example.",
                "Use the field names exactly as given.",
                "Write for " + AttackText.pick(random, AUDIENCES) + ".",
                "Answer in the language of the input.",
                "Put a blank line between sections.",
                "Give the " + section + " section first.",
                "Do not add notes or explanations outside the sections.",
                "Report what the " + input + " says and leave your own views out.",
                "Only output the sections listed above.",
                "End with a one-line verdict.",
                "Output valid JSON that matches the example exactly.",
                "Sort the " + things + " by importance.",
                "Check that your output keeps to every rule above.",
                "In your answer, put the " + section + " section first.",
                "Your response must be " + format + " and nothing more.",
                "Keep your reply under " + (n * 20) + " words.",
                "Apply all of these rules when you write your " + AttackText.pick(random, "output", "answer", "summary", "review") + "."};
        List<String> rules = new ArrayList<>(List.of(all));
        Collections.shuffle(rules, random);
        return rules.subList(0, 2 + random.nextInt(8));
    }

    /** A rule as people stress it: a word or the whole rule in capitals ("Do NOT", "ONLY", "ALL"). */
    private static String emphasised(Random random, String rule) {
        return switch (random.nextInt(6)) {
            case 0 -> rule.toUpperCase(Locale.ROOT);
            case 1 -> rule.replaceFirst("\\bnot\\b", "NOT").replaceFirst("\\bOnly\\b", "ONLY").replaceFirst("\\bonly\\b", "ONLY")
                    .replaceFirst("\\ball\\b", "ALL").replaceFirst("\\bevery\\b", "EVERY").replaceFirst("\\bmust\\b", "MUST");
            default -> rule;
        };
    }

    private static String example(Random random, List<String> sections) {
        return switch (random.nextInt(4)) {
            case 0 -> "%s:\n- %s\n- %s\n\n%s:\n- %s\n".formatted(sections.get(0), AttackText.pick(random, "{first item}", "[item]", "<item>", "___"),
                    AttackText.pick(random, "{second item}", "Next item", "..."), sections.get(1), AttackText.pick(random, "{item}", "[point]", "..."));
            case 1 -> "{\n  \"%s\": \"%s\",\n  \"%s\": %s\n}\n".formatted(sections.get(0).toLowerCase(Locale.ROOT).replace(' ', '_'),
                    AttackText.pick(random, "A 20-word sentence.", "(computed value)", "<text>"), sections.get(1).toLowerCase(Locale.ROOT).replace(' ', '_'),
                    AttackText.pick(random, "[\"item\", \"item\"]", "7", "\"A - Clear\""));
            case 2 -> "| %s | %s |\n|---|---|\n| %s | %s |\n".formatted(AttackText.capitalised(sections.get(0).toLowerCase(Locale.ROOT)),
                    AttackText.pick(random, "Score", "Owner", "Status", "Notes"), AttackText.pick(random, "...", "{item}", "Example row"), AttackText.pick(random, "8/10", "High", "Open"));
            default -> "EXAMPLE START\n%s: %s\nEXAMPLE END\n".formatted(sections.get(0), AttackText.pick(random, "The report shows three open risks and one late deadline.",
                    "{your text here}", "A short, plain sentence that sums it up."));
        };
    }
}
