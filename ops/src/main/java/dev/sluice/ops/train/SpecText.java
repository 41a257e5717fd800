package dev.sluice.ops.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Benign training text for the injection model: specifications people hand a model to build or draw something. Measured
 * blind on 100 prompts of a public collection written by others (docs/evaluation.md, "Role prompts written by others"),
 * the model flagged 18: requests to build an application, each a list of short imperative features, where one of a dozen
 * sentences ("Include a virtual keyboard that shows key presses.") scored as an attack on its own; image-generation prompts
 * (a scene, a style, a camera, a negative prompt); and prompts written as labelled sections or JSON ("Rules: - Output only
 * SQL - No explanations"). Nothing of that collection is here: the parts below are written for every kind of software and
 * picture, so the model learns the shape, not the examples.
 */
final class SpecText {

    private SpecText() {
    }

    /** {@code count} build requests, image prompts and sectioned prompt templates, drawn with {@code seed}. */
    static List<String> specs(int count, long seed) {
        return AttackText.draw(count, seed, random -> switch (random.nextInt(3)) {
            case 0 -> buildRequest(random);
            case 1 -> imagePrompt(random);
            default -> sectionedPrompt(random);
        });
    }

    private static final String[] BUILD_VERBS = {"Build", "Create", "Develop", "Write", "Make", "Design and build", "Implement", "Code", "Put together"};

    private static final String[] APPS = {"a expense tracker", "an inventory dashboard", "a shift scheduling tool", "a recipe planner", "a booking system for a dental practice",
            "a chat widget", "a time sheet app", "a library catalogue", "a flight price tracker", "a quiz game", "a password manager", "a feedback form builder",
            "a fleet tracking map", "a warehouse picking app", "a language flashcard app", "a chess clock", "a podcast player", "a photo gallery", "a survey tool",
            "a invoice generator", "a CRM for a small agency", "a support ticket board", "a log viewer", "a markdown editor", "a weather widget", "a budget planner",
            "a habit tracker", "a platformer game", "a tower defence game", "a snake game", "a tic-tac-toe game with an AI opponent", "a file uploader",
            "a URL monitor", "a job board", "a event calendar", "a seat reservation page", "a parking lot manager", "a loyalty points system", "a crypto portfolio tracker",
            "a GPS run logger", "a music sequencer", "a drawing canvas", "a kanban board", "a wiki", "a link shortener", "a newsletter signup flow", "a timer for workouts",
            "a unit converter", "a mortgage calculator", "a classroom attendance app", "a plant watering reminder", "a expense approval workflow", "a data import wizard",
            "a REST API for a bookshop", "a command-line backup tool", "a log parser", "a web scraper for public price lists", "a Slack bot that posts stand-up reminders",
            "a CSV cleaning script", "a load balancer health checker", "a rate limiter", "a text adventure", "a 2D physics sandbox", "a 3D model viewer",
            "a sales report generator", "a document search engine", "a chat server", "a queue consumer", "a image resizing service", "a static site generator"};

    private static final String[] STACKS = {"HTML, CSS and vanilla JavaScript", "React and TypeScript", "Vue 3", "Svelte", "Angular", "Flutter", "Kotlin for Android",
            "SwiftUI", "Python and Flask", "Django", "FastAPI", "Node.js and Express", "Go", "Rust", "Java and Spring Boot", "C#", "C", "C++ and SDL", "Three.js",
            "Phaser", "Unity", "Godot", "Electron", "Next.js", "PHP and Laravel", "Ruby on Rails", "Bash", "PowerShell", "Elixir and Phoenix", "Tailwind CSS and Alpine.js"};

    private static final String[] FEATURE_VERBS = {"Implement", "Add", "Include", "Support", "Provide", "Create", "Offer", "Show", "Display", "Use", "Allow",
            "Let users have", "Build in", "Give it", "Handle", "Store", "Enable", "Integrate", "Generate", "Track", "Keep"};

    private static final String[] FEATURES = {"user accounts with avatars and roles", "filtering by owner, status and date", "a search box with suggestions as you type",
            "drag-and-drop reordering", "a dark and a light theme", "keyboard shortcuts for the common actions", "undo and redo", "export to CSV, PDF and JSON",
            "import from a spreadsheet", "a history of every change", "comments on each item", "notifications for due dates", "an on-screen keyboard that highlights each key pressed",
            "a leaderboard of the top scores", "a practice mode and a ranked mode", "levels that get harder", "sound effects with a mute button",
            "a settings page", "a progress bar", "charts of the last 30 days", "a calendar view", "a map view with markers", "offline use", "a print view",
            "tags and categories", "favourites", "a trash bin that empties after 30 days", "sharing by link", "a public and a private mode", "two-factor login",
            "password reset by e-mail", "a role for administrators and one for viewers", "an audit log of who changed what", "pagination for long lists",
            "lazy loading of images", "responsive layouts for phones and tablets", "accessible labels for screen readers", "a high-contrast theme",
            "a timer with pause and resume", "a countdown before each round", "a score that rewards speed and accuracy", "multiplayer over WebSockets",
            "an AI opponent with three difficulty levels", "a replay of the last game", "save slots", "a tutorial for first-time users", "tooltips on every control",
            "a command palette", "a split view with a live preview", "syntax highlighting", "line numbers", "autosave every few seconds", "version history",
            "a REST endpoint for each resource", "input validation with clear messages", "rate limiting per API key", "retries with backoff", "structured logging",
            "unit tests for the core logic", "a Dockerfile", "a health check endpoint", "configuration through environment variables", "a --dry-run flag",
            "coloured output", "a help message for every flag", "progress reporting for long jobs", "parallel downloads", "checksums to spot duplicate files",
            "caching of recent results", "a small admin panel", "user invitations by e-mail", "a usage report per month", "a currency selector",
            "reminders that repeat weekly", "streaks and badges", "a daily summary", "a weekly digest e-mail", "file attachments up to 10 MB", "image thumbnails",
            "zoom and pan", "layers with opacity", "a colour picker", "brush sizes", "a grid that snaps shapes into place", "a minimap", "a pause menu",
            "a health bar and lives", "power-ups that last ten seconds", "a high score table saved in localStorage", "a custom mode where users paste their own text",
            "a results screen with words per minute", "a typing test that ends after 60 seconds", "an activity feed", "mentions with @", "read receipts",
            "typing indicators", "emoji reactions", "a search across all messages", "a profile page", "a sign-up form", "a checkout page", "a cart that survives a reload",
            "discount codes", "stock alerts", "an order history", "a returns form", "shipping labels as PDF", "barcode scanning with the camera"};

    private static final String[] FEATURE_TAILS = {"", "", "", " with smooth animations", " for each user", " that persists between sessions", " in the sidebar",
            " on every page", " with sensible defaults", " that works on mobile", " using localStorage", " stored in SQLite", " behind a feature flag",
            " with a confirmation dialog", " for administrators only", " that can be switched off in the settings"};

    private static final String[] BUILD_CLOSERS = {"Keep the code clean and commented.", "Make it responsive.", "Write it as a single file I can open in a browser.",
            "Add a README that explains how to run it.", "Keep dependencies to a minimum.", "Use modern best practices.", "Explain the structure before you write code.",
            "Show me the full code.", "Give me the folder structure first.", "Make the UI clean and modern.", "It should run on Linux, macOS and Windows.",
            "Add tests for the tricky parts.", "Ensure the design is accessible.", "Use clear variable names."};

    private static String buildRequest(Random random) {
        StringBuilder sb = new StringBuilder();
        String app = AttackText.pick(random, APPS).replaceFirst("^a ([aeiouAEIOU])", "an $1");
        sb.append(AttackText.pick(random, BUILD_VERBS)).append(' ').append(app)
                .append(AttackText.pick(random, " using ", " with ", " in ", " built with ")).append(AttackText.pick(random, STACKS)).append('.');
        List<String> features = new ArrayList<>(List.of(FEATURES));
        Collections.shuffle(features, random);
        int n = 3 + random.nextInt(11);
        int style = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String verb = AttackText.pick(random, FEATURE_VERBS);
            String feature = features.get(i) + AttackText.pick(random, FEATURE_TAILS);
            String line = verb.equals("Allow") ? "Allow users to use " + feature : verb + " " + feature;
            switch (style) {
                case 0 -> sb.append(' ').append(line).append('.');
                case 1 -> sb.append("\n- ").append(Character.toUpperCase(feature.charAt(0))).append(feature.substring(1));
                case 2 -> sb.append('\n').append(i + 1).append(". ").append(line);
                default -> sb.append(i == 0 ? "\n\nFeatures:\n- " : "\n- ").append(line).append('.');
            }
        }
        if (random.nextBoolean()) {
            sb.append(style == 0 ? " " : "\n\n").append(AttackText.pick(random, BUILD_CLOSERS));
        }
        return sb.toString();
    }

    private static final String[] SUBJECTS = {"a lighthouse on a rocky coast", "a fox asleep in a library", "an old tram in the rain", "a bakery at dawn",
            "a robot watering plants", "a mountain village in winter", "a child flying a kite", "a desert caravan", "a jazz trio in a small club", "a koi pond",
            "a miniature city on a floating island", "a product shot of a ceramic mug", "a sneaker on a marble plinth", "a bowl of ramen", "a vintage motorbike",
            "a treehouse in a redwood forest", "a cat astronaut", "a street market at night", "a castle made of books", "an owl on a lantern",
            "a portrait of an elderly fisherman", "a greenhouse full of orchids", "a futuristic train station", "a cosy reading nook", "a coral reef",
            "a wolf under the northern lights", "a pirate ship in a bottle", "a bicycle leaning on a yellow wall", "a teapot shaped like a house",
            "a famous landmark as a tiny diorama", "the person in the uploaded photo as a superhero", "my dog as a Renaissance painting",
            "a logo for a coffee roaster", "an icon set for a weather app", "a poster for a jazz festival", "a botanical drawing of a fern"};

    private static final String[] STYLES = {"watercolour", "oil painting", "isometric 3D render", "flat vector illustration", "pixel art", "studio photography",
            "35mm film photo", "anime style", "claymation", "paper cut-out", "ink sketch", "low-poly", "art deco poster", "cinematic still", "ukiyo-e woodblock print",
            "children's book illustration", "blueprint drawing", "stained glass", "chibi figurine", "hyper-realistic", "vintage travel poster", "line art"};

    private static final String[] LIGHTING = {"soft morning light", "golden hour", "neon glow", "overcast daylight", "dramatic rim light", "candlelight",
            "volumetric light through fog", "harsh midday sun", "moonlight", "studio softbox lighting"};

    private static final String[] CAMERA = {"wide angle", "close-up", "top-down view", "45-degree isometric angle", "eye level", "low angle", "macro lens",
            "shallow depth of field", "tilt-shift", "85mm portrait lens", "drone shot"};

    private static final String[] QUALITY = {"highly detailed", "8k", "ultra HD", "sharp focus", "intricate textures", "vibrant colours", "muted palette",
            "pastel colours", "high contrast", "film grain", "clean background", "centered composition", "photoreal", "ray tracing", "global illumination"};

    private static final String[] NEGATIVE = {"blurry", "watermark", "text", "extra fingers", "distorted faces", "low resolution", "oversaturated",
            "duplicate objects", "cropped heads", "jpeg artifacts", "logos", "deformed hands"};

    private static final String[] ASPECT = {"--ar 16:9", "--ar 2:3", "--ar 1:1 --v 6", "Square 1080x1080.", "Aspect ratio 9:16.", "4:5 portrait.", "--style raw --ar 3:2"};

    private static String imagePrompt(Random random) {
        String subject = AttackText.pick(random, SUBJECTS);
        String style = AttackText.pick(random, STYLES);
        String lighting = AttackText.pick(random, LIGHTING);
        String camera = AttackText.pick(random, CAMERA);
        List<String> quality = new ArrayList<>(List.of(QUALITY));
        Collections.shuffle(quality, random);
        List<String> negative = new ArrayList<>(List.of(NEGATIVE));
        Collections.shuffle(negative, random);
        String tags = String.join(", ", quality.subList(0, 2 + random.nextInt(4)));
        String no = String.join(", ", negative.subList(0, 2 + random.nextInt(5)));
        if (random.nextInt(4) == 0) {
            // the "structured prompt" people pass to image models as JSON
            return "{\n  \"subject\": \"" + subject + "\",\n  \"style\": \"" + style + "\",\n  \"lighting\": \"" + lighting + "\",\n  \"camera\": \""
                    + camera + "\",\n  \"details\": \"" + tags + "\",\n  \"negative_prompt\": \"" + no + "\"\n}";
        }
        StringBuilder sb = new StringBuilder();
        switch (random.nextInt(3)) {
            case 0 -> sb.append(Character.toUpperCase(subject.charAt(0))).append(subject.substring(1)).append(", ").append(style).append(", ")
                    .append(lighting).append(", ").append(camera).append(", ").append(tags);
            case 1 -> sb.append(AttackText.pick(random, "Create an image of ", "Generate ", "Draw ", "Render ", "Make a picture of ", "Design "))
                    .append(subject).append(" in the style of ").append(style).append(". ")
                    .append(AttackText.pick(random, "The scene is lit by %s. ", "Use %s. ", "Lighting: %s. ").formatted(lighting))
                    .append(AttackText.pick(random, "Shot from a %s. ", "Camera: %s. ", "Use a %s. ").formatted(camera))
                    .append(Character.toUpperCase(tags.charAt(0))).append(tags.substring(1)).append('.');
            default -> sb.append("Subject: ").append(subject).append("\nStyle: ").append(style).append("\nLighting: ").append(lighting)
                    .append("\nCamera: ").append(camera).append("\nDetails: ").append(tags);
        }
        if (random.nextBoolean()) {
            sb.append(AttackText.pick(random, "\nNegative prompt: ", "\nAvoid: ", " No ", "\nDo not include: ")).append(no).append('.');
        }
        if (random.nextBoolean()) {
            sb.append(random.nextBoolean() ? " " : "\n").append(AttackText.pick(random, ASPECT));
        }
        if (random.nextInt(4) == 0) {
            sb.append(AttackText.pick(random, "\nKeep the face identical to the reference photo.", "\nKeep all text centred and readable.",
                    "\nThe title must read exactly as written.", "\nOutput a single image only."));
        }
        return sb.toString();
    }

    private static final String[] TASKS = {"turn plain English questions into SQL", "write product descriptions from a list of specs", "summarise meeting notes",
            "classify support tickets by urgency", "draft replies to customer reviews", "convert recipes to metric units", "write unit tests for a function",
            "extract dates and amounts from invoices", "rewrite text in plain language", "translate release notes into German", "suggest names for a startup",
            "plan a weekly menu", "grade short answers against a rubric", "turn a transcript into action items", "write commit messages from a diff",
            "tag photos by their content", "review pull requests", "draft job adverts", "explain error messages to beginners", "create quiz questions from a chapter"};

    private static final String[] SECTION_RULES = {"Output only %s", "No explanations", "No comments", "No markdown", "Do not ask follow-up questions",
            "Keep it under 200 words", "Use British spelling", "Return valid JSON only", "Never invent facts", "Do not add fields that are not in the schema",
            "One line per item", "If something is missing, make a reasonable assumption and go on", "Ask one question at a time", "Use the user's language",
            "Do not repeat the input", "Start with the answer, then the reasoning", "Cite the source line for every figure", "Avoid jargon",
            "Prefer short sentences", "Mark anything uncertain with (?)", "Do not use SELECT *", "Round money to two decimals", "Leave empty fields as null"};

    private static final String[] OUTPUTS = {"the SQL", "the JSON", "the table", "the code", "the list", "the summary", "the translation", "the rewritten text", "one word"};

    private static final String[] SECTIONS = {"Context", "Purpose", "Role", "Goal", "Input", "Output", "Rules", "Constraints", "Behavior", "Format",
            "Tone", "Audience", "Examples", "Steps", "Edge cases", "Style", "Schema", "User request", "Variables", "Notes"};

    private static final String[] VARIABLES = {"${content}", "${topic}", "${language:English}", "${db:PostgreSQL}", "${audience:beginners}", "{{input}}",
            "{text}", "[paste your text here]", "[product name]", "${tone:friendly}", "<<document>>", "${schema:optional}"};

    private static String sectionedPrompt(Random random) {
        String task = AttackText.pick(random, TASKS);
        List<String> rules = new ArrayList<>(List.of(SECTION_RULES));
        Collections.shuffle(rules, random);
        String output = AttackText.pick(random, OUTPUTS);
        List<String> chosen = new ArrayList<>();
        for (String rule : rules.subList(0, 2 + random.nextInt(5))) {
            chosen.add(rule.contains("%s") ? rule.formatted(output) : rule);
        }
        if (random.nextInt(3) == 0) {
            StringBuilder json = new StringBuilder("{\"role\": \"").append(AttackText.pick(random, "assistant", "Data Transformer", "Reviewer", "Generator", "Editor", "Planner"))
                    .append("\", \"task\": \"").append(task).append("\", \"input\": \"").append(AttackText.pick(random, VARIABLES))
                    .append("\", \"output_format\": {\"type\": \"").append(AttackText.pick(random, "object", "array", "string"))
                    .append("\", \"fields\": [\"").append(AttackText.pick(random, "title", "name", "severity", "summary", "score")).append("\", \"")
                    .append(AttackText.pick(random, "reason", "line_number", "category", "items", "confidence")).append("\"]}, \"rules\": [");
            for (int i = 0; i < chosen.size(); i++) {
                json.append(i == 0 ? "\"" : ", \"").append(chosen.get(i)).append('"');
            }
            return json.append("]}").toString();
        }
        List<String> sections = new ArrayList<>(List.of(SECTIONS));
        Collections.shuffle(sections, random);
        StringBuilder sb = new StringBuilder();
        sb.append(AttackText.pick(random, "This prompt is used to %s.", "You help a team %s.", "Your job: %s.", "Task: %s.", "We use this template to %s.").formatted(task));
        int n = 2 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String name = sections.get(i);
            sb.append("\n\n").append(AttackText.pick(random, name + ":", "## " + name, "**" + name + "**", name.toUpperCase() + ":"));
            if (name.equals("Input") || name.equals("User request") || name.equals("Variables") || name.equals("Schema")) {
                sb.append('\n').append(AttackText.pick(random, VARIABLES));
            } else if (random.nextBoolean()) {
                for (String rule : chosen) {
                    sb.append("\n- ").append(rule);
                }
            } else {
                sb.append('\n').append(AttackText.pick(random, "- %s", "%s, step by step.", "- Focus on %s only.").formatted(AttackText.pick(random, TASKS)));
            }
        }
        return sb.toString();
    }
}
