package io.pipelinehealth.feed;

import io.pipelinehealth.common.CsvCells;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The feed as CSV: the row columns, then one {@code attr.<key>} column per attribute key of the
 * pipeline's opportunities, then {@code deleted} (true on a tombstone line, which has the key
 * alone). Text cells go through {@link CsvCells#neutralise} (formula injection) and are quoted
 * when they hold a separator, quote or line break. Written line by line as rows are read.
 */
final class FeedCsv {

    private static final List<String> COLUMNS = List.of("visitKey", "opportunityId", "pipelineId", "stage", "ownerId",
            "enteredAt", "leftAt", "actualSeconds", "standardSeconds", "deviationSeconds", "status", "timeBasis");

    private FeedCsv() {
    }

    static void header(Writer out, List<String> attributeKeys) throws IOException {
        for (String column : COLUMNS) {
            out.write(column);
            out.write(',');
        }
        for (String key : attributeKeys) {
            out.write(cell("attr." + key));
            out.write(',');
        }
        out.write("deleted\n");
    }

    static void tombstone(Writer out, String visitKey, int attributes) throws IOException {
        out.write(cell(visitKey));
        for (int i = 1; i < COLUMNS.size() + attributes; i++) {
            out.write(',');
        }
        out.write(",true\n");
    }

    static void row(Writer out, FeedRow r, String[] attributeValues) throws IOException {
        text(out, r.visitKey());
        text(out, r.opportunityId());
        text(out, r.pipelineId());
        text(out, r.stage());
        text(out, r.ownerId());
        text(out, r.enteredAt() == null ? null : r.enteredAt().toString());
        text(out, r.leftAt() == null ? null : r.leftAt().toString());
        // the service's own numbers: -86400 is a deviation, not a formula (CsvCells)
        number(out, r.actualSeconds());
        number(out, r.standardSeconds());
        number(out, r.deviationSeconds());
        text(out, r.status());
        text(out, r.timeBasis());
        for (String value : attributeValues) {
            text(out, value);
        }
        out.write("false\n");
    }

    /** A cell and its separator. */
    private static void text(Writer out, String value) throws IOException {
        out.write(cell(value));
        out.write(',');
    }

    private static void number(Writer out, Long value) throws IOException {
        if (value != null) {
            out.write(Long.toString(value));
        }
        out.write(',');
    }

    /** A text cell: neutralised if a spreadsheet would read it as a formula, quoted when it must be. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = CsvCells.neutralise(value);
        if (!safe.equals(value)) {
            return safe;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }
}
