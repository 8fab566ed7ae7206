package dev.matchflow.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.rw.CloudEventRWException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CloudEvent from an HTTP request in the two modes of the CloudEvents HTTP binding: binary (context
 * attributes in {@code ce-} headers, the body is the data) and structured ({@code application/cloudevents+json},
 * the body is the whole event). Batches are not supported: Eventarc and Pub/Sub push deliver one event per request.
 */
final class CloudEventHttpReader {

    private static final String HEADER_PREFIX = "ce-";
    private static final String STRUCTURED_JSON = "application/cloudevents+json";
    private static final String BATCH_JSON = "application/cloudevents-batch+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudEventHttpReader() {}

    /**
     * @param headers the request headers, names in any case
     * @throws NotACloudEventException when the request is not a readable CloudEvent, saying what is wrong
     */
    static CloudEvent read(Map<String, List<String>> headers, byte[] body) throws NotACloudEventException {
        Map<String, String> lowerCaseHeaders = firstValues(headers);
        String contentType = lowerCaseHeaders.getOrDefault("content-type", "");
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);

        if (lowerCaseHeaders.containsKey(HEADER_PREFIX + "specversion")) {
            return binary(lowerCaseHeaders, body);
        }
        if (mediaType.equals(STRUCTURED_JSON)) {
            return structured(body);
        }
        if (mediaType.equals(BATCH_JSON)) {
            throw new NotACloudEventException("batched CloudEvents are not supported; send one event per request");
        }
        throw new NotACloudEventException("the request is not a CloudEvent: it has no ce-specversion header and its"
                + " Content-Type '" + contentType + "' is not " + STRUCTURED_JSON);
    }

    private static CloudEvent binary(Map<String, String> headers, byte[] body) throws NotACloudEventException {
        SpecVersion specVersion = specVersion(headers.get(HEADER_PREFIX + "specversion"));
        Map<String, Object> attributes = new HashMap<>();
        Map<String, Object> extensions = new HashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (name.startsWith(HEADER_PREFIX) && !name.equals(HEADER_PREFIX + "specversion")) {
                put(
                        specVersion,
                        name.substring(HEADER_PREFIX.length()),
                        percentDecoded(header.getValue()),
                        attributes,
                        extensions);
            }
        }
        if (headers.containsKey("content-type")) {
            attributes.put("datacontenttype", headers.get("content-type"));
        }

        checkMandatory(specVersion, attributes);
        return new ReceivedCloudEvent(specVersion, attributes, extensions, body.length == 0 ? null : body);
    }

    private static CloudEvent structured(byte[] body) throws NotACloudEventException {
        JsonNode event = parseObject(body);
        SpecVersion specVersion = specVersion(event.path("specversion").asText(null));
        Map<String, Object> attributes = new HashMap<>();
        Map<String, Object> extensions = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : event.properties()) {
            if (!List.of("specversion", "data", "data_base64").contains(field.getKey())) {
                put(
                        specVersion,
                        field.getKey(),
                        attributeText(field.getKey(), field.getValue()),
                        attributes,
                        extensions);
            }
        }

        checkMandatory(specVersion, attributes);
        return new ReceivedCloudEvent(
                specVersion, attributes, extensions, structuredData(event, (String) attributes.get("datacontenttype")));
    }

    private static void put(
            SpecVersion specVersion,
            String name,
            String value,
            Map<String, Object> attributes,
            Map<String, Object> extensions)
            throws NotACloudEventException {
        if (specVersion.getAllAttributes().contains(name)) {
            attributes.put(name, typed(name, value));
        } else {
            extensions.put(name, value);
        }
    }

    private static Object typed(String name, String value) throws NotACloudEventException {
        switch (name) {
            case "source", "dataschema", "schemaurl":
                return uri(name, value);
            case "time":
                return time(value);
            default:
                return value;
        }
    }

    private static URI uri(String name, String value) throws NotACloudEventException {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new NotACloudEventException("CloudEvent " + name + " '" + value + "' is not a URI reference", e);
        }
    }

    private static OffsetDateTime time(String value) throws NotACloudEventException {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new NotACloudEventException("CloudEvent time '" + value + "' is not an RFC 3339 time", e);
        }
    }

    private static SpecVersion specVersion(String value) throws NotACloudEventException {
        if (value == null) {
            throw new NotACloudEventException("CloudEvent has no specversion; expected 1.0");
        }
        try {
            return SpecVersion.parse(value);
        } catch (CloudEventRWException e) {
            throw new NotACloudEventException("CloudEvent specversion '" + value + "' is not supported; use 1.0", e);
        }
    }

    private static void checkMandatory(SpecVersion specVersion, Map<String, Object> attributes)
            throws NotACloudEventException {
        for (String name : specVersion.getMandatoryAttributes()) {
            Object value = attributes.get(name);
            if (!name.equals("specversion")
                    && (value == null || value.toString().isEmpty())) {
                throw new NotACloudEventException(
                        "CloudEvent has no " + name + "; every CloudEvent needs id, source," + " type and specversion");
            }
        }
    }

    private static JsonNode parseObject(byte[] body) throws NotACloudEventException {
        try {
            JsonNode event = JSON.readTree(body);
            if (event == null || !event.isObject()) {
                throw new NotACloudEventException("a structured CloudEvent must be a JSON object");
            }
            return event;
        } catch (IOException e) {
            throw new NotACloudEventException("the structured CloudEvent is not JSON: " + e.getMessage(), e);
        }
    }

    private static String attributeText(String name, JsonNode value) throws NotACloudEventException {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isValueNode() && !value.isNull()) {
            return value.asText();
        }
        throw new NotACloudEventException("CloudEvent attribute " + name + " is " + value + ", not a simple value");
    }

    private static byte[] structuredData(JsonNode event, String dataContentType) throws NotACloudEventException {
        JsonNode base64 = event.get("data_base64");
        if (base64 != null) {
            try {
                return Base64.getDecoder().decode(base64.asText());
            } catch (IllegalArgumentException e) {
                throw new NotACloudEventException("CloudEvent data_base64 is not base64: " + e.getMessage(), e);
            }
        }
        JsonNode data = event.get("data");
        if (data == null || data.isNull()) {
            return null;
        }
        boolean json = dataContentType == null || dataContentType.contains("json");
        return data.isTextual() && !json
                ? data.textValue().getBytes(StandardCharsets.UTF_8)
                : data.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Header values carry non-ASCII and some reserved characters percent-encoded as UTF-8 bytes. */
    private static String percentDecoded(String value) {
        StringBuilder decoded = new StringBuilder(value.length());
        ByteArrayOutputStream escapedBytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < value.length()) {
            if (isEscape(value, i)) {
                escapedBytes.write(Integer.parseInt(value, i + 1, i + 3, 16));
                i += 3;
            } else {
                appendUtf8(escapedBytes, decoded);
                decoded.append(value.charAt(i));
                i++;
            }
        }
        appendUtf8(escapedBytes, decoded);
        return decoded.toString();
    }

    private static boolean isEscape(String value, int index) {
        return value.charAt(index) == '%'
                && index + 2 < value.length()
                && Character.digit(value.charAt(index + 1), 16) >= 0
                && Character.digit(value.charAt(index + 2), 16) >= 0;
    }

    private static void appendUtf8(ByteArrayOutputStream bytes, StringBuilder text) {
        text.append(bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
    }

    private static Map<String, String> firstValues(Map<String, List<String>> headers) {
        Map<String, String> values = new HashMap<>();
        headers.forEach((name, list) -> {
            if (name != null && !list.isEmpty()) {
                values.put(name.toLowerCase(Locale.ROOT), list.get(0));
            }
        });
        return values;
    }
}
