package io.pipelinehealth.odata;

import io.pipelinehealth.common.Instants;
import io.pipelinehealth.feed.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The $filter subset of issue 22: comparisons {@code field eq|ge|lt literal} joined by
 * {@code and}, with optional parentheses (Power Query writes them). Literals are OData v4 ABNF
 * strings ({@code 'it''s'}) or date-time offsets ({@code 2026-01-01T00:00:00Z}, unquoted) for
 * instant fields. Anything else (or, not, functions, unknown fields) is a 400 that names it.
 */
final class Filter {

    /** One parsed comparison; {@code value} is a String or an Instant. */
    record Term(String field, Condition.Op op, Object value) {
    }

    private final String text;
    private final Set<String> fields;
    private final Set<String> instantFields;
    private int at;

    private Filter(String text, Set<String> fields, Set<String> instantFields) {
        this.text = text;
        this.fields = fields;
        this.instantFields = instantFields;
    }

    static List<Term> parse(String text, Set<String> fields, Set<String> instantFields) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Filter parser = new Filter(text, fields, instantFields);
        List<Term> terms = new ArrayList<>();
        parser.conjunction(terms);
        parser.space();
        if (parser.at < text.length()) {
            throw parser.error("unexpected '" + text.substring(parser.at) + "'");
        }
        return terms;
    }

    private void conjunction(List<Term> terms) {
        operand(terms);
        while (word("and")) {
            operand(terms);
        }
    }

    private void operand(List<Term> terms) {
        space();
        if (at < text.length() && text.charAt(at) == '(') {
            at++;
            conjunction(terms);
            space();
            if (at >= text.length() || text.charAt(at) != ')') {
                throw error("missing ')'");
            }
            at++;
            return;
        }
        String field = identifier();
        if (!fields.contains(field)) {
            throw ODataException.badRequest("$filter: '" + field + "' is not a filterable property here; use one of "
                    + String.join(", ", fields.stream().sorted().toList()));
        }
        String op = identifier();
        Condition.Op parsed = switch (op) {
            case "eq" -> Condition.Op.EQ;
            case "ge" -> Condition.Op.GE;
            case "lt" -> Condition.Op.LT;
            default -> throw error("operator '" + op + "' is not supported; use eq, ge or lt");
        };
        terms.add(new Term(field, parsed, literal(instantFields.contains(field))));
    }

    private Object literal(boolean instant) {
        space();
        if (!instant) {
            if (at >= text.length() || text.charAt(at) != '\'') {
                throw error("a quoted string is expected at position " + at);
            }
            StringBuilder value = new StringBuilder();
            at++;
            while (true) {
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '\'') {
                    if (at < text.length() && text.charAt(at) == '\'') {
                        value.append('\'');
                        at++;
                    } else {
                        return value.toString();
                    }
                } else {
                    value.append(c);
                }
            }
        }
        int start = at;
        while (at < text.length() && " )".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        String literal = text.substring(start, at);
        try {
            Instant value = Instants.parse(literal);
            return value;
        } catch (RuntimeException e) {
            throw error("'" + literal + "' is not a date-time offset such as 2026-01-01T00:00:00Z");
        }
    }

    private String identifier() {
        space();
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        if (start == at) {
            throw error("a property name or operator is expected at position " + start);
        }
        return text.substring(start, at);
    }

    private boolean word(String word) {
        space();
        int end = at + word.length();
        if (text.startsWith(word, at) && end < text.length()
                && (Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(')) {
            at += word.length();
            return true;
        }
        return false;
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private ODataException error(String detail) {
        return ODataException.badRequest("$filter: " + detail);
    }
}
