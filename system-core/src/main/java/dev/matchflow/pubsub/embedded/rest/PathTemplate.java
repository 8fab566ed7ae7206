package dev.matchflow.pubsub.embedded.rest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The path template of a {@code google.api.http} rule, matched against request paths.
 *
 * <p>Only the forms the Pub/Sub API uses are accepted: literal text, {@code {field}} and {@code {field=...}} whose
 * pattern is made of literal segments and single-segment wildcards. A wildcard never matches a {@code ':'}, so the
 * custom verb that ends a path (as in {@code :publish}) is left to the literal text of the template.
 */
final class PathTemplate {

    // For example, Publish's template /v1/{topic=projects/*/topics/*}:publish binds topic to
    // "projects/p/topics/t" in the path /v1/projects/p/topics/t:publish.
    private static final Pattern VARIABLE = Pattern.compile("\\{([^=}]+)(?:=([^}]+))?}");
    private static final String ONE_SEGMENT = "[^/:]+";

    private final String template;
    private final Pattern pattern;
    private final List<String> variables;

    private PathTemplate(String template, Pattern pattern, List<String> variables) {
        this.template = template;
        this.pattern = pattern;
        this.variables = variables;
    }

    static PathTemplate parse(String template) {
        StringBuilder regex = new StringBuilder("^");
        List<String> variables = new ArrayList<>();
        Matcher variable = VARIABLE.matcher(template);
        int literalStart = 0;
        while (variable.find()) {
            regex.append(literal(template, template.substring(literalStart, variable.start())));
            regex.append('(').append(segments(template, variable.group(2))).append(')');
            variables.add(variable.group(1));
            literalStart = variable.end();
        }
        regex.append(literal(template, template.substring(literalStart))).append('$');
        return new PathTemplate(template, Pattern.compile(regex.toString()), List.copyOf(variables));
    }

    /** The values of the template's variables, percent-decoded, when {@code rawPath} matches the template. */
    Optional<Map<String, String>> match(String rawPath) {
        Matcher matcher = pattern.matcher(rawPath);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            values.put(variables.get(i), percentDecoded(matcher.group(i + 1)));
        }
        return Optional.of(values);
    }

    @Override
    public String toString() {
        return template;
    }

    private static String literal(String template, String text) {
        if (text.contains("*") || text.contains("{") || text.contains("}")) {
            throw new IllegalArgumentException("Unsupported path template [" + template + "]: wildcards are only"
                    + " supported inside a {field=...} variable");
        }
        return text.isEmpty() ? "" : Pattern.quote(text);
    }

    private static String segments(String template, String variablePattern) {
        if (variablePattern == null) {
            return ONE_SEGMENT;
        }
        List<String> parts = new ArrayList<>();
        for (String segment : variablePattern.split("/", -1)) {
            parts.add(segment(template, segment));
        }
        return String.join("/", parts);
    }

    private static String segment(String template, String segment) {
        if (segment.equals("*")) {
            return ONE_SEGMENT;
        }
        if (segment.isEmpty() || segment.contains("*")) {
            throw new IllegalArgumentException("Unsupported path template [" + template + "]: segment [" + segment
                    + "] is neither a literal nor a single '*'");
        }
        return Pattern.quote(segment);
    }

    /**
     * {@code raw} with its {@code %XX} escapes decoded as UTF-8 (a {@code '+'} stays a plus sign).
     *
     * @throws StatusRuntimeException with {@code INVALID_ARGUMENT} when an escape is malformed
     */
    static String percentDecoded(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT
                    .withDescription("Malformed percent-encoding in [" + raw + "]: " + e.getMessage())
                    .asRuntimeException();
        }
    }
}
