package dev.sluice.connectors.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The smallest JSON value a simple JSON Schema accepts: objects with their required (or, without a
 * list, all) properties, first enum value or const, minimums for numbers, minItems items. Enough
 * for a simulated model to answer structured-output requests; composite keywords take their first branch.
 */
final class SchemaInstances {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaInstances() {
    }

    static JsonNode minimal(JsonNode schema) {
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        for (String composite : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (schema.path(composite).isArray() && !schema.path(composite).isEmpty()) {
                return minimal(schema.path(composite).get(0));
            }
        }
        JsonNode typeNode = schema.path("type");
        String type = typeNode.isArray() ? typeNode.get(0).asText() : typeNode.asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                JsonNode properties = schema.path("properties");
                JsonNode required = schema.path("required");
                if (required.isArray() && !required.isEmpty()) {
                    required.forEach(name -> object.set(name.asText(), minimal(properties.path(name.asText()))));
                } else {
                    properties.fields().forEachRemaining(e -> object.set(e.getKey(), minimal(e.getValue())));
                }
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                int items = Math.max(1, schema.path("minItems").asInt(1));
                for (int i = 0; i < items; i++) {
                    array.add(minimal(schema.path("items")));
                }
                return array;
            }
            case "integer":
                return NODES.numberNode(schema.path("minimum").asLong(1));
            case "number":
                return NODES.numberNode(schema.path("minimum").asDouble(1.0));
            case "boolean":
                return NODES.booleanNode(true);
            case "null":
                return NODES.nullNode();
            default: {
                int min = schema.path("minLength").asInt(0);
                String text = "simulated";
                while (text.length() < min) {
                    text = text + "-simulated";
                }
                return NODES.textNode(text);
            }
        }
    }
}
