package dev.matchflow.pubsub.embedded;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A subscription filter on message attributes, in the syntax Pub/Sub documents.
 *
 * <p>Supported: {@code attributes.KEY = "value"}, {@code attributes.KEY != "value"}, {@code attributes:KEY},
 * {@code hasPrefix(attributes.KEY, "prefix")}, {@code NOT} (or {@code -}), {@code AND}, {@code OR} and parentheses.
 * Keys made of other characters than letters, digits, {@code -} and {@code _} are written as string literals
 * ({@code attributes."iana.org/language"}). Mixing {@code AND} and {@code OR} in one expression needs parentheses.
 * An empty filter matches every message. {@code !=} is the negation of {@code =}: a message without the key
 * matches it.
 */
public final class AttributeFilter {

    /** The longest filter the service accepts, in UTF-8 bytes. */
    public static final int MAX_BYTES = 256;

    private static final AttributeFilter MATCH_ALL = new AttributeFilter("", attributes -> true);

    private final String text;
    private final Condition condition;

    private AttributeFilter(String text, Condition condition) {
        this.text = text;
        this.condition = condition;
    }

    /**
     * Parses a filter.
     *
     * @throws IllegalArgumentException when the filter is too long or not valid, saying where and why
     */
    public static AttributeFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return MATCH_ALL;
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("The filter is " + bytes + " bytes long; the maximum is " + MAX_BYTES
                    + " bytes. Shorten it (filter=" + text + ")");
        }
        return new AttributeFilter(text, new Parser(text).parseFilter());
    }

    /** Whether a message with these attributes passes the filter. */
    public boolean matches(Map<String, String> attributes) {
        return condition.test(attributes);
    }

    /** Whether this filter lets every message through. */
    public boolean matchesAll() {
        return this == MATCH_ALL;
    }

    @Override
    public String toString() {
        return text;
    }

    @FunctionalInterface
    private interface Condition {
        boolean test(Map<String, String> attributes);
    }

    private record AllOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Map<String, String> attributes) {
            return parts.stream().allMatch(part -> part.test(attributes));
        }
    }

    private record AnyOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Map<String, String> attributes) {
            return parts.stream().anyMatch(part -> part.test(attributes));
        }
    }

    private record Not(Condition inner) implements Condition {
        @Override
        public boolean test(Map<String, String> attributes) {
            return !inner.test(attributes);
        }
    }

    private record Equals(String key, String value) implements Condition {
        @Override
        public boolean test(Map<String, String> attributes) {
            return value.equals(attributes.get(key));
        }
    }

    private record HasKey(String key) implements Condition {
        @Override
        public boolean test(Map<String, String> attributes) {
            return attributes.containsKey(key);
        }
    }

    private record HasPrefix(String key, String prefix) implements Condition {
        @Override
        public boolean test(Map<String, String> attributes) {
            String value = attributes.get(key);
            return value != null && value.startsWith(prefix);
        }
    }

    /** Recursive descent over the filter text; every error names the position and what was expected. */
    private static final class Parser {

        private static final String ATTRIBUTES = "attributes";
        private static final String HAS_PREFIX = "hasPrefix";

        private final String text;
        private int position;

        Parser(String text) {
            this.text = text;
        }

        Condition parseFilter() {
            Condition condition = parseExpression();
            skipSpaces();
            if (position < text.length()) {
                throw error("unexpected '" + text.charAt(position) + "'");
            }
            return condition;
        }

        private Condition parseExpression() {
            List<Condition> parts = new ArrayList<>(List.of(parseTerm()));
            String operator = null;
            while (true) {
                String next = peekOperator();
                if (next == null) {
                    break;
                }
                if (operator != null && !operator.equals(next)) {
                    throw error("AND and OR are mixed; group them with parentheses, as in a AND (b OR c)");
                }
                operator = next;
                position = skipSpacesFrom(position) + next.length();
                parts.add(parseTerm());
            }
            if (operator == null) {
                return parts.get(0);
            }
            return "AND".equals(operator) ? new AllOf(List.copyOf(parts)) : new AnyOf(List.copyOf(parts));
        }

        private String peekOperator() {
            int start = skipSpacesFrom(position);
            for (String operator : List.of("AND", "OR")) {
                if (isKeywordAt(start, operator)) {
                    return operator;
                }
            }
            return null;
        }

        private Condition parseTerm() {
            skipSpaces();
            if (isKeywordAt(position, "NOT")) {
                position += "NOT".length();
                return new Not(parseTerm());
            }
            if (peek() == '-') {
                position++;
                return new Not(parseTerm());
            }
            return parsePrimary();
        }

        private Condition parsePrimary() {
            skipSpaces();
            if (peek() == '(') {
                position++;
                Condition inner = parseExpression();
                expect(')');
                return inner;
            }
            if (text.startsWith(HAS_PREFIX, position)) {
                return parseHasPrefix();
            }
            return parseRestriction();
        }

        private Condition parseHasPrefix() {
            position += HAS_PREFIX.length();
            expect('(');
            expectAttributes();
            expect('.');
            String key = parseKey();
            expect(',');
            String prefix = parseString();
            expect(')');
            return new HasPrefix(key, prefix);
        }

        private Condition parseRestriction() {
            expectAttributes();
            skipSpaces();
            if (peek() == ':') {
                position++;
                return new HasKey(parseKey());
            }
            expect('.');
            String key = parseKey();
            skipSpaces();
            if (text.startsWith("!=", position)) {
                position += 2;
                return new Not(new Equals(key, parseString()));
            }
            if (peek() == '=') {
                position++;
                return new Equals(key, parseString());
            }
            throw error("expected '=', '!=' after attributes." + key);
        }

        private void expectAttributes() {
            skipSpaces();
            if (!text.startsWith(ATTRIBUTES, position)) {
                throw error("expected attributes.KEY, attributes:KEY or hasPrefix(attributes.KEY, \"prefix\")");
            }
            position += ATTRIBUTES.length();
        }

        private String parseKey() {
            skipSpaces();
            if (peek() == '"' || peek() == '\'') {
                return parseString();
            }
            int start = position;
            while (position < text.length() && isKeyCharacter(text.charAt(position))) {
                position++;
            }
            if (start == position) {
                throw error("expected an attribute key (letters, digits, - and _, or a quoted string)");
            }
            return text.substring(start, position);
        }

        private String parseString() {
            skipSpaces();
            char quote = peek();
            if (quote != '"' && quote != '\'') {
                throw error("expected a string literal in double quotes");
            }
            position++;
            StringBuilder value = new StringBuilder();
            while (position < text.length() && text.charAt(position) != quote) {
                char next = text.charAt(position++);
                value.append(next == '\\' ? parseEscape() : String.valueOf(next));
            }
            if (position >= text.length()) {
                throw error("the string literal is not closed with " + quote);
            }
            position++;
            return value.toString();
        }

        private String parseEscape() {
            if (position >= text.length()) {
                throw error("the escape sequence is incomplete");
            }
            char code = text.charAt(position++);
            return switch (code) {
                case 'n' -> "\n";
                case 't' -> "\t";
                case 'r' -> "\r";
                case 'x' -> String.valueOf((char) parseNumber(2, 16));
                case 'u' -> String.valueOf((char) parseNumber(4, 16));
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    position--;
                    yield String.valueOf((char) parseNumber(3, 8));
                }
                default -> String.valueOf(code);
            };
        }

        private int parseNumber(int digits, int radix) {
            if (position + digits > text.length()) {
                throw error("the escape sequence needs " + digits + " digits");
            }
            String number = text.substring(position, position + digits);
            position += digits;
            try {
                return Integer.parseInt(number, radix);
            } catch (NumberFormatException e) {
                throw error("'" + number + "' is not a valid escape sequence");
            }
        }

        private void expect(char expected) {
            skipSpaces();
            if (peek() != expected) {
                throw error("expected '" + expected + "'");
            }
            position++;
        }

        private boolean isKeywordAt(int start, String keyword) {
            int end = start + keyword.length();
            return text.startsWith(keyword, start)
                    && end < text.length()
                    && (Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(');
        }

        private static boolean isKeyCharacter(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-';
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        private void skipSpaces() {
            position = skipSpacesFrom(position);
        }

        private int skipSpacesFrom(int start) {
            int index = start;
            while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
                index++;
            }
            return index;
        }

        private IllegalArgumentException error(String reason) {
            String where = position < text.length() ? "at position " + (position + 1) : "at the end";
            return new IllegalArgumentException("Invalid filter " + where + ": " + reason + " (filter=" + text + ")");
        }
    }
}
