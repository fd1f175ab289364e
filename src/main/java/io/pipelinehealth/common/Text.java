package io.pipelinehealth.common;

import java.math.BigDecimal;
import java.util.function.Consumer;

/**
 * Rules for every string a client sends, in a body, a CSV cell, a path or a query: PostgreSQL
 * text cannot hold NUL, and a lone UTF-16 surrogate has no UTF-8 form (the driver would store
 * it as {@code ?}, so two different ids would become one). Field rules (ids, reasons, attribute
 * values) add tighter lengths on top; {@link #MAX_LENGTH} is the ceiling for any string.
 */
public final class Text {

    /** The longest string accepted anywhere (a webhook URL is the longest field we have). */
    public static final int MAX_LENGTH = 2048;
    /** Error bodies quote at most this many characters of a value the client sent. */
    public static final int MAX_QUOTE = 200;

    private Text() {
    }

    /** What is wrong with the string, or null when it is acceptable (null itself is acceptable). */
    public static String problem(String value) {
        return problem(value, MAX_LENGTH);
    }

    /** As {@link #problem(String)}, with a tighter length limit in characters (code points). */
    public static String problem(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return "must not contain NUL (U+0000) characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain a lone UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
            }
            length++;
        }
        if (length > maxLength) {
            return "must be at most " + maxLength + " characters, not " + length;
        }
        return null;
    }

    /**
     * A value as an error message may show it: in single quotes, cut to {@link #MAX_QUOTE}
     * characters with an ellipsis, lone surrogates replaced (they cannot be written as UTF-8).
     */
    public static String quote(String value) {
        return value == null ? "null" : "'" + shorten(value) + "'";
    }

    /** The value cut to {@link #MAX_QUOTE} characters with an ellipsis, lone surrogates replaced. */
    public static String shorten(String value) {
        return shorten(value, MAX_QUOTE);
    }

    /** The value cut to {@code max} characters with an ellipsis, lone surrogates replaced. */
    public static String shorten(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), max + 2));
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            if (count == max) {
                return sb.append('…').toString();
            }
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                sb.append(c).append(value.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
            count++;
        }
        return sb.toString();
    }

    /**
     * The number a CSV cell spells, or null for an absent cell; a cell that is not a number is
     * null as well, after telling {@code problem} so ("'x' is not a number", the value quoted).
     */
    public static BigDecimal decimal(String cell, Consumer<String> problem) {
        if (cell == null) {
            return null;
        }
        try {
            return new BigDecimal(cell);
        } catch (NumberFormatException e) {
            problem.accept(quote(cell) + " is not a number");
            return null;
        }
    }
}
