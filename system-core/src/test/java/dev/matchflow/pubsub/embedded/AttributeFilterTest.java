package dev.matchflow.pubsub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttributeFilterTest {

    private static final Map<String, String> EVENT =
            Map.of("event_type", "pool_member_removed", "version", "1", "iana.org/language", "en");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "attributes.event_type = \"pool_member_removed\"                  | true",
                "attributes.event_type = \"user_left_pool\"                       | false",
                "attributes.event_type != \"user_left_pool\"                      | true",
                "attributes.missing != \"x\"                                      | true",
                "attributes.missing = \"x\"                                       | false",
                "attributes:version                                              | true",
                "attributes:missing                                              | false",
                "hasPrefix(attributes.event_type, \"pool_\")                      | true",
                "hasPrefix(attributes.missing, \"pool_\")                         | false",
                "NOT attributes:missing                                          | true",
                "-attributes:version                                             | false",
                "attributes:version AND attributes.version = \"1\"                | true",
                "attributes:version AND attributes.version = \"2\"                | false",
                "attributes.version = \"2\" OR attributes.version = \"1\"          | true",
                "attributes:version AND (attributes.version = \"2\" OR attributes:missing) | false",
                "NOT (attributes:missing OR attributes.version = \"2\")            | true",
                "attributes.\"iana.org/language\" = \"en\"                        | true",
                "attributes:'iana.org/language'                                  | true",
                "attributes.event_type=\"pool_member_removed\"                    | true",
                "''                                                              | true",
            })
    void filtersMessagesOnTheirAttributes(String filter, boolean expected) {
        AttributeFilter parsed = AttributeFilter.parse(filter.equals("''") ? "" : filter);

        assertThat(parsed.matches(EVENT)).as(filter).isEqualTo(expected);
    }

    @Test
    void anEmptyFilterMatchesEveryMessage() {
        AttributeFilter filter = AttributeFilter.parse("");

        assertThat(filter.matchesAll()).isTrue();
        assertThat(filter.matches(Map.of())).isTrue();
    }

    @Test
    void stringLiteralsUnderstandEscapes() {
        AttributeFilter filter = AttributeFilter.parse("attributes.text = \"a\\\"b\\\\c\\n\\u0041\\x42\\101\"");

        assertThat(filter.matches(Map.of("text", "a\"b\\c\nABA"))).isTrue();
    }

    @Test
    void keysMayHoldHyphensWithoutQuotes() {
        AttributeFilter filter = AttributeFilter.parse("attributes.ce-type = \"dev.example\"");

        assertThat(filter.matches(Map.of("ce-type", "dev.example"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "attributes.a = \"x\" AND attributes.b = \"y\" OR attributes.c = \"z\"",
                "attributes.a = \"x\" OR attributes.b = \"y\" AND attributes.c = \"z\"",
            })
    void mixingAndWithOrNeedsParentheses(String filter) {
        assertThatThrownBy(() -> AttributeFilter.parse(filter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AND and OR are mixed")
                .hasMessageContaining(filter);
    }

    @ParameterizedTest(name = "{0} fails with: {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "attributes.a =                   | expected a string literal",
                "attributes.a = x                 | expected a string literal",
                "attributes.a = \"x               | not closed",
                "attributes.a                     | expected '=', '!='",
                "data = \"x\"                       | expected attributes.KEY",
                "attributes.a = \"x\" and attributes:b | unexpected 'a'",
                "(attributes:a                    | expected ')'",
                "attributes:a)                    | unexpected ')'",
                "hasPrefix(attributes.a \"x\")      | expected ','",
                "attributes.                      | expected an attribute key",
            })
    void rejectsInvalidFiltersSayingWhereAndWhy(String filter, String reason) {
        assertThatThrownBy(() -> AttributeFilter.parse(filter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("(filter=" + filter + ")");
    }

    @Test
    void rejectsFiltersLongerThan256Bytes() {
        String filter = "attributes.key = \"" + "é".repeat(120) + "\"";

        assertThatThrownBy(() -> AttributeFilter.parse(filter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the maximum is 256 bytes");
    }
}
