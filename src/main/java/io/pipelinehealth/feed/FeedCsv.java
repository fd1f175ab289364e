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
        line(out, header.stream().map(FeedCsv::cell).toList());
        for (Object item : items) {
            List<String> cells = new ArrayList<>(header.size());
            if (item instanceof Tombstone t) {
                cells.add(cell(t.visitKey()));
                for (int i = 1; i < header.size() - 1; i++) {
                    cells.add("");
                }
                cells.add("true");
            } else {
                FeedRow r = (FeedRow) item;
                for (String text : java.util.Arrays.asList(r.visitKey(), r.opportunityId(), r.pipelineId(), r.stage(),
                        r.ownerId(), text(r.enteredAt()), text(r.leftAt()))) {
                    cells.add(cell(text));
                }
                // the service's own numbers: -86400 is a deviation, not a formula (CsvCells)
                for (Long number : java.util.Arrays.asList(r.actualSeconds(), r.standardSeconds(), r.deviationSeconds())) {
                    cells.add(number == null ? "" : number.toString());
                }
                cells.add(cell(r.status()));
                cells.add(cell(r.timeBasis()));
                attributeKeys.forEach(key -> cells.add(cell(r.attributes().get(key))));
                cells.add("false");
            }
            line(out, cells);
        }
        out.flush();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** One line of cells written already (see {@link #cell}). */
    private static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cells.get(i));
        }
        out.write('\n');
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
        boolean quote = value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
