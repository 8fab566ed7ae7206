package dev.matchflow.events;

/**
 * A value of a message as it may appear in a rejection's detail and in logs: on one line, with control characters
 * escaped, and cut short, so that a hostile message can neither forge log lines nor flood them.
 */
final class Shown {

    static final int LONGEST = 80;
    static final int LONGEST_PARSER_MESSAGE = 300;

    private Shown() {}

    /** {@code text} escaped and, beyond {@link #LONGEST} characters, cut short with its full length. */
    static String value(String text) {
        return value(text, LONGEST);
    }

    /** {@code text} escaped and, beyond {@code longest} characters, cut short with its full length. */
    static String value(String text, int longest) {
        String escaped = escaped(text.length() > longest ? text.substring(0, longest) : text);
        return text.length() > longest ? escaped + "... (" + text.length() + " characters)" : escaped;
    }

    private static String escaped(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (Character.isISOControl(codePoint)
                    || Character.getType(codePoint) == Character.LINE_SEPARATOR
                    || Character.getType(codePoint) == Character.PARAGRAPH_SEPARATOR) {
                shown.append(String.format("\\u%04x", codePoint));
            } else {
                shown.appendCodePoint(codePoint);
            }
        });
        return shown.toString();
    }
}
