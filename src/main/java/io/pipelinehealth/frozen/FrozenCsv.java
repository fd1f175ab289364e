package io.pipelinehealth.frozen;

import io.pipelinehealth.common.Csv;
import io.pipelinehealth.common.CsvCells;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The frozen list as CSV: the item fields, then one {@code attr.<key>} column per attribute key
 * present on the page (sorted), the same convention as the CSV import of transitions. Numbers
 * are written as numbers; text cells are quoted and neutralised by {@link CsvCells}.
 */
public final class FrozenCsv {

    private static final List<String> FIELDS = List.of("opportunityId", "pipelineId", "stage", "ownerId", "enteredAt",
            "elapsedSeconds", "frozenAfterSeconds", "overdueSeconds", "timeBasis", "amount", "currency");

    private FrozenCsv() {
    }

    public static String write(List<FrozenItem> items) {
        TreeSet<String> keys = new TreeSet<>();
        items.forEach(item -> keys.addAll(item.attributes().keySet()));
        List<String> columns = new ArrayList<>(FIELDS);
        keys.forEach(key -> columns.add("attr." + key));
        List<List<Object>> rows = new ArrayList<>();
        for (FrozenItem item : items) {
            List<Object> row = new ArrayList<>(List.of(item.opportunityId(), item.pipelineId(), item.stage(),
                    item.ownerId(), item.enteredAt().toString(), item.elapsedSeconds(), item.frozenAfterSeconds(),
                    item.overdueSeconds(), item.timeBasis().cell(), item.amount() == null ? "" : item.amount(),
                    item.currency() == null ? "" : item.currency()));
            keys.forEach(key -> row.add(item.attributes().getOrDefault(key, "")));
            rows.add(row);
        }
        return Csv.table(columns, rows);
    }
}
