package dev.sluice.processors.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The validate stage's core: checks a model's answer against the JSON Schema the request carried
 * (draft 2020-12 unless the schema says otherwise). Compiled schemas are cached by their text.
 */
public final class OutputValidator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CACHE_LIMIT = 1_000;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** Empty when the answer is valid; otherwise what is wrong, in a few words per violation. */
    public Optional<String> violations(String answer, String schemaText) {
        JsonSchema schema;
        try {
            schema = compiled.get(schemaText);
            if (schema == null) {
                schema = factory.getSchema(MAPPER.readTree(schemaText));
                if (compiled.size() < CACHE_LIMIT) {
                    compiled.put(schemaText, schema);
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.of("the request's responseSchema is not a usable JSON Schema: " + e.getMessage());
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(stripFence(answer));
        } catch (JsonProcessingException e) {
            return Optional.of("answer is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || json.isMissingNode()) {
            return Optional.of("answer is empty");
        }
        Set<ValidationMessage> errors = schema.validate(json);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(errors.stream().map(ValidationMessage::getMessage).sorted().limit(5).collect(Collectors.joining("; ")));
    }

    /** Models often wrap JSON in a markdown code fence; the fence is not part of the answer. */
    static String stripFence(String answer) {
        String trimmed = answer.strip();
        if (trimmed.startsWith("```")) {
            int firstNewline = trimmed.indexOf('\n');
            int lastFence = trimmed.lastIndexOf("```");
            if (firstNewline > 0 && lastFence > firstNewline) {
                return trimmed.substring(firstNewline + 1, lastFence);
            }
        }
        return trimmed;
    }
}
