package io.pipelinehealth.transition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Ids;
import io.pipelinehealth.common.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CRM export: a header row naming the event fields, attributes as {@code attr.<key>}
 * columns, an empty cell meaning the field is absent. Row indexes in errors count data rows
 * from 0, like the items of a JSON batch.
 */
public final class CsvTransitions {

    static final String ATTRIBUTE_PREFIX = "attr.";
    private static final Set<String> FIELDS = Set.of("eventId", "opportunityId", "pipelineId", "stage", "occurredAt",
            "ownerId", "amount", "currency");
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS).build();

    private CsvTransitions() {
    }

    /** Reads a CSV body as UTF-8, refusing bytes that are not; a leading byte order mark is skipped. */
    public static List<TransitionInput> read(InputStream body) {
        return read(new StrictUtf8Reader(body));
    }

    static List<TransitionInput> read(Reader body) {
        List<Map<String, String>> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withStrictHeaders(false);
        try (MappingIterator<Map<String, String>> iterator = CSV.readerFor(Map.class).with(schema).readValues(body)) {
            boolean more = iterator.hasNextValue();
            checkHeader((CsvSchema) iterator.getParser().getSchema());
            while (more) {
                // stop at the first row past the limit instead of reading a body of any size
                if (rows.size() == IngestService.MAX_BATCH) {
                    throw IngestService.tooLarge();
                }
                rows.add(iterator.nextValue());
                more = iterator.hasNextValue();
            }
        } catch (IOException | RuntimeJsonMappingException e) {
            StrictUtf8Reader.NotUtf8 notUtf8 = notUtf8(e);
            if (notUtf8 != null) {
                throw ApiException.badRequest("malformed-csv", "Malformed CSV", "line " + notUtf8.line
                        + " of the CSV body is not valid UTF-8; send the export encoded as UTF-8",
                        List.of(new FieldError(null, null, "line " + notUtf8.line, "not valid UTF-8")));
            }
            throw ApiException.badRequest("malformed-csv", "Malformed CSV",
                    "the CSV body could not be read near data row " + rows.size() + ": " + firstLine(e));
        }
        List<FieldError> errors = new ArrayList<>();
        List<TransitionInput> inputs = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            inputs.add(toInput(i, rows.get(i), errors));
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-events", "Invalid events",
                    errors.size() + " problem(s) in the CSV; nothing was stored", errors);
        }
        return inputs;
    }

    private static StrictUtf8Reader.NotUtf8 notUtf8(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StrictUtf8Reader.NotUtf8 notUtf8) {
                return notUtf8;
            }
        }
        return null;
    }

    /** Our columns and attr.<key> only: an unknown (misspelt) column would lose its data. */
    private static void checkHeader(CsvSchema header) {
        if (header.size() == 0) {
            throw ApiException.badRequest("malformed-csv", "Malformed CSV", "the CSV body needs a header row");
        }
        Set<String> seen = new HashSet<>();
        List<FieldError> unknown = new ArrayList<>();
        for (CsvSchema.Column column : header) {
            String name = column.getName();
            if (!seen.add(name)) {
                throw ApiException.badRequest("malformed-csv", "Malformed CSV", "column " + Text.quote(name)
                        + " appears twice in the header; each column may appear once",
                        List.of(FieldError.of(name, "duplicate column")));
            }
            String attribute = name.startsWith(ATTRIBUTE_PREFIX) ? name.substring(ATTRIBUTE_PREFIX.length()) : null;
            if (attribute != null && Ids.problem(attribute) != null) {
                unknown.add(FieldError.of(name, "attribute key " + Ids.problem(attribute)));
            } else if (!FIELDS.contains(name) && attribute == null) {
                unknown.add(FieldError.of(name, "unknown column; columns are " + FIELDS + " and attributes as attr.<key>"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.unprocessable("unknown-column", "Unknown column", unknown.size()
                    + " column(s) of the header are not event fields; nothing was stored", unknown);
        }
    }

    private static TransitionInput toInput(int index, Map<String, String> row, List<FieldError> errors) {
        Map<String, String> attributes = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            String problem = Text.problem(value);
            if (problem != null) {
                errors.add(new FieldError(index, cell(row, "eventId"), column, problem));
            }
            if (column.startsWith(ATTRIBUTE_PREFIX) && !blank(value)) {
                attributes.put(column.substring(ATTRIBUTE_PREFIX.length()), value);
            }
        });
        BigDecimal amount = Text.decimal(cell(row, "amount"),
                problem -> errors.add(new FieldError(index, cell(row, "eventId"), "amount", problem)));
        return new TransitionInput(cell(row, "eventId"), cell(row, "opportunityId"), cell(row, "pipelineId"),
                cell(row, "stage"), cell(row, "occurredAt"), cell(row, "ownerId"), amount, cell(row, "currency"),
                attributes.isEmpty() ? null : attributes);
    }

    private static String cell(Map<String, String> row, String column) {
        String value = row.get(column);
        return blank(value) ? null : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }

    /** Jackson's own words without its location and reference chain, which name Java types. */
    private static String firstLine(Throwable e) {
        Throwable cause = e instanceof RuntimeJsonMappingException && e.getCause() != null ? e.getCause() : e;
        String message = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
        if (message == null) {
            return "unreadable input";
        }
        int end = message.indexOf('\n');
        return Text.shorten(end < 0 ? message : message.substring(0, end));
    }
}
