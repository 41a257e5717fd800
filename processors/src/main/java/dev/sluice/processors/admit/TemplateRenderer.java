package dev.sluice.processors.admit;

import dev.sluice.processors.config.GatewayConfig.Template;
import dev.sluice.schemas.avro.ChatMessage;
import dev.sluice.schemas.avro.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a template's {@code {{name}}} placeholders. Every placeholder must have a value and every
 * value must be used: both mistakes are caller errors worth a clear rejection, not a silent prompt.
 * Values are inserted literally (no nested expansion), so a variable cannot inject a placeholder.
 */
public final class TemplateRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private TemplateRenderer() {
    }

    public static List<ChatMessage> render(Template template, Map<String, String> variables) {
        java.util.Set<String> used = new java.util.HashSet<>();
        List<ChatMessage> messages = new ArrayList<>(2);
        if (template.system() != null && !template.system().isBlank()) {
            messages.add(new ChatMessage(Role.SYSTEM, fill(template, template.system(), variables, used), null, null));
        }
        messages.add(new ChatMessage(Role.USER, fill(template, template.user(), variables, used), null, null));
        java.util.Set<String> unused = new java.util.TreeSet<>(variables.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("template '" + template.id() + "' has no placeholder for " + unused);
        }
        return messages;
    }

    private static String fill(Template template, String text, Map<String, String> variables, java.util.Set<String> used) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            String name = m.group(1);
            String value = variables.get(name);
            if (value == null) {
                throw new IllegalArgumentException("template '" + template.id() + "' needs variable '" + name + "'");
            }
            used.add(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
