package io.pipelinehealth.feed;

import io.pipelinehealth.common.CsvCells;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The feed as CSV: the row columns, then one {@code attr.<key>} column per attribute key of the
 * pipeline's opportunities, then {@code deleted} (true on a tombstone line, which has the key
 * alone). Text cells go through {@link CsvCells#neutralise} (formula injection) and are quoted
 * when they hold a separator, quote or line break. Written to the response stream line by line.
 */
final class FeedCsv {

    private static final List<String> COLUMNS = List.of("visitKey", "opportunityId", "pipelineId", "stage", "ownerId",
            "enteredAt", "leftAt", "actualSeconds", "standardSeconds", "deviationSeconds", "status", "timeBasis");

    private FeedCsv() {
    }

    static void write(List<Object> items, Collection<String> attributeKeys, OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        List<String> header = new ArrayList<>(COLUMNS);
        attributeKeys.forEach(key -> header.add("attr." + key));
        header.add("deleted");
        line(out, header);
        for (Object item : items) {
            List<String> cells = new ArrayList<>(header.size());
            if (item instanceof Tombstone t) {
                cells.add(t.visitKey());
                for (int i = 1; i < header.size() - 1; i++) {
                    cells.add(null);
                }
                cells.add("true");
            } else {
                FeedRow r = (FeedRow) item;
                cells.addAll(java.util.Arrays.asList(r.visitKey(), r.opportunityId(), r.pipelineId(), r.stage(),
                        r.ownerId(), text(r.enteredAt()), text(r.leftAt()), text(r.actualSeconds()),
                        text(r.standardSeconds()), text(r.deviationSeconds()), r.status(), r.timeBasis()));
                attributeKeys.forEach(key -> cells.add(r.attributes().get(key)));
                cells.add("false");
            }
            line(out, cells);
        }
        out.flush();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write('\n');
    }

    /** Numbers and instants are the service's own text and never start with a formula character but '-'. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && value.charAt(0) == '-' && value.chars().skip(1).allMatch(Character::isDigit)) {
            return value; // a negative deviation, not a formula
        }
        String safe = CsvCells.neutralise(value);
        if (!safe.equals(value)) {
            return safe;
        }
        boolean quote = value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
