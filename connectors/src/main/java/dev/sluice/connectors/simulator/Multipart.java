package dev.sluice.connectors.simulator;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough multipart/form-data parsing for the simulated file upload: the JDK's HTTP server has
 * none, and a test stand-in does not justify a servlet stack.
 */
final class Multipart {

    private static final Pattern NAME = Pattern.compile("name=\"([^\"]+)\"");

    private Multipart() {
    }

    static Map<String, byte[]> parse(byte[] body, String contentType) {
        Map<String, byte[]> parts = new HashMap<>();
        if (contentType == null || !contentType.contains("boundary=")) {
            return parts;
        }
        String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "").strip();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : text.split(Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            Matcher name = NAME.matcher(part.substring(0, headerEnd));
            if (!name.find()) {
                continue;
            }
            String content = part.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            parts.put(name.group(1), content.getBytes(StandardCharsets.ISO_8859_1));
        }
        return parts;
    }
}
