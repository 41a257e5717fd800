package dev.sluice.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain JSON to and from Sluice's Avro records, the way people write JSON by hand.
 *
 * <p>Avro's own JSON encoding wraps every union value (<code>{"string": "x"}</code>), which no batch
 * system writes. This mapping is the obvious one instead: a nullable field is the value or
 * {@code null}; enums are their symbol; {@code timestamp-millis} fields accept epoch milliseconds or an
 * ISO-8601 instant and are written as ISO-8601; missing fields take their schema default. Written by
 * hand because no library on Maven Central maps plain JSON onto generated Avro classes.
 */
public final class AvroJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    /** Parses {@code json} into an instance of the generated class {@code type}. */
    public static <T extends SpecificRecord> T fromJson(JsonNode json, Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        return type.cast(read(json, schema, "$"));
    }

    /** Parses JSON text into an instance of {@code type}. */
    public static <T extends SpecificRecord> T fromJson(String json, Class<T> type) {
        try {
            return fromJson(MAPPER.readTree(json), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AvroJsonException("not JSON: " + e.getOriginalMessage());
        }
    }

    /** Writes a record as plain JSON. */
    public static ObjectNode toJson(IndexedRecord record) {
        return (ObjectNode) write(record, record.getSchema());
    }

    /** Writes a record as one line of JSON text. */
    public static String toJsonString(IndexedRecord record) {
        return toJson(record).toString();
    }

    private static Object read(JsonNode node, Schema schema, String path) {
        switch (schema.getType()) {
            case UNION:
                if (node == null || node.isNull()) {
                    if (schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL)) {
                        return null;
                    }
                    throw new AvroJsonException(path + ": must not be null");
                }
                AvroJsonException last = null;
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() == Schema.Type.NULL) {
                        continue;
                    }
                    try {
                        return read(node, branch, path);
                    } catch (AvroJsonException e) {
                        last = e;
                    }
                }
                throw last != null ? last : new AvroJsonException(path + ": no union branch matches");
            case NULL:
                require(node == null || node.isNull(), path, "null");
                return null;
            case RECORD:
                require(node != null && node.isObject(), path, "an object");
                return readRecord(node, schema, path);
            case ENUM:
                require(node != null && node.isTextual(), path, "a string, one of " + schema.getEnumSymbols());
                String symbol = node.asText().toUpperCase(java.util.Locale.ROOT);
                if (!schema.hasEnumSymbol(symbol)) {
                    throw new AvroJsonException(path + ": '" + node.asText() + "' is not one of " + schema.getEnumSymbols());
                }
                return SpecificData.get().createEnum(symbol, schema);
            case ARRAY:
                require(node != null && node.isArray(), path, "an array");
                List<Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    list.add(read(node.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return list;
            case MAP:
                require(node != null && node.isObject(), path, "an object");
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), read(e.getValue(), schema.getValueType(), path + "." + e.getKey()));
                }
                return map;
            case STRING:
                require(node != null && node.isTextual(), path, "a string");
                return node.asText();
            case INT:
                require(node != null && node.canConvertToInt() && node.isIntegralNumber(), path, "an integer");
                return node.intValue();
            case LONG:
                if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    return readInstant(node, path);
                }
                require(node != null && node.isIntegralNumber() && node.canConvertToLong(), path, "an integer");
                return node.longValue();
            case FLOAT:
                require(node != null && node.isNumber(), path, "a number");
                return node.floatValue();
            case DOUBLE:
                require(node != null && node.isNumber(), path, "a number");
                return node.doubleValue();
            case BOOLEAN:
                require(node != null && node.isBoolean(), path, "true or false");
                return node.booleanValue();
            case BYTES:
                require(node != null && node.isTextual(), path, "a base64 string");
                return ByteBuffer.wrap(java.util.Base64.getDecoder().decode(node.asText()));
            default:
                throw new AvroJsonException(path + ": unsupported schema type " + schema.getType());
        }
    }

    private static Object readRecord(JsonNode node, Schema schema, String path) {
        IndexedRecord record = (IndexedRecord) SpecificData.get().newRecord(null, schema);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new AvroJsonException(path + ": unknown field '" + name + "'");
            }
        }
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = node.get(field.name());
            String fieldPath = path + "." + field.name();
            if (value == null) {
                if (!field.hasDefaultValue()) {
                    throw new AvroJsonException(fieldPath + ": is required");
                }
                Object def = field.defaultVal();
                value = def == JsonProperties.NULL_VALUE ? NODES.nullNode() : MAPPER.valueToTree(def);
            }
            record.put(field.pos(), read(value, field.schema(), fieldPath));
        }
        return record;
    }

    private static Instant readInstant(JsonNode node, String path) {
        if (node != null && node.isIntegralNumber()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (node != null && node.isTextual()) {
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                throw new AvroJsonException(path + ": '" + node.asText() + "' is not an ISO-8601 instant");
            }
        }
        throw new AvroJsonException(path + ": must be epoch milliseconds or an ISO-8601 instant");
    }

    private static void require(boolean ok, String path, String what) {
        if (!ok) {
            throw new AvroJsonException(path + ": must be " + what);
        }
    }

    private static JsonNode write(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case UNION:
                return write(value, schema.getTypes().get(SpecificData.get().resolveUnion(schema, value)));
            case RECORD:
                IndexedRecord record = (IndexedRecord) value;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), write(record.get(field.pos()), field.schema()));
                }
                return object;
            case ENUM:
                return NODES.textNode(value instanceof GenericEnumSymbol<?> g ? g.toString() : ((Enum<?>) value).name());
            case ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Collection<?>) value) {
                    array.add(write(item, schema.getElementType()));
                }
                return array;
            case MAP:
                ObjectNode map = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> map.set(k.toString(), write(v, schema.getValueType())));
                return map;
            case STRING:
                return NODES.textNode(value.toString());
            case INT:
                return NODES.numberNode(((Number) value).intValue());
            case LONG:
                if (value instanceof Instant instant) {
                    return NODES.textNode(instant.toString());
                }
                return NODES.numberNode(((Number) value).longValue());
            case FLOAT:
            case DOUBLE:
                return NODES.numberNode(((Number) value).doubleValue());
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case BYTES:
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return NODES.textNode(java.util.Base64.getEncoder().encodeToString(bytes));
            default:
                return NODES.nullNode();
        }
    }
}
