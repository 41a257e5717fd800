package dev.sluice.ops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ops.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/** The JSON lines of an eval file, each read into an example; a line that is not JSON stops the command naming it. */
final class JsonLines {

    private JsonLines() {
    }

    /**
     * Adds to {@code out} one example per non-blank line of {@code content}; {@code example} gets the line's JSON and
     * where it stands ("FILE line N"), for its own messages.
     */
    static <T> void read(Path file, String content, BiFunction<JsonNode, String, T> example, List<T> out) {
        ObjectMapper mapper = new ObjectMapper();
        String[] lines = content.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            JsonNode node;
            try {
                node = mapper.readTree(lines[i]);
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                throw new BadInputException(where + ": not JSON: " + notJson.getOriginalMessage());
            }
            out.add(example.apply(node, where));
        }
    }
}
