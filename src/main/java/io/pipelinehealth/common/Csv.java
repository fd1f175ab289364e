package io.pipelinehealth.common;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Every CSV answer of the API: one rule for when CSV is wanted and one writer (a header row, then
 * one line per row; null is an empty cell; text cells are neutralised by {@link CsvCells}).
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";
    private static final MediaType CSV_TYPE = MediaType.valueOf(MEDIA_TYPE);
    private static final MediaType UTF8 = new MediaType("text", "csv", "utf-8");
    private static final CsvMapper MAPPER = CsvCells.mapper();

    private Csv() {
    }

    /**
     * {@code format=csv} or {@code json} decides; without it the Accept header does, in its order of
     * preference (JAX-RS sorts it by quality): the first type that is CSV or JSON wins, and a
     * wildcard or no header at all means JSON. Any other {@code format} is a 400.
     */
    public static boolean wanted(String format, HttpHeaders headers) {
        if (format != null && !format.isEmpty()) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiException.badRequest("invalid-parameter", "Invalid query parameter",
                        "format must be json or csv, not " + Text.quote(format));
            };
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType()) {
                return false;
            }
            if (accepted.isCompatible(CSV_TYPE)) {
                return true;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    /** A 200 with a CSV body in UTF-8. */
    public static Response.ResponseBuilder ok(String body) {
        return Response.ok(body, UTF8);
    }

    /** Rows of cells under the given header. */
    public static String table(List<String> columns, List<? extends List<?>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        return write(schema.build(), rows);
    }

    /**
     * Records with their JSON fields as columns, in their JSON order (unwrapped ones included), then
     * one trailing column holding the same value on every line.
     */
    public static <T> String records(List<T> rows, Class<T> type, String trailingColumn, Object trailingValue) {
        CsvSchema schema = MAPPER.schemaFor(type).rebuild().addColumn(trailingColumn).build().withHeader();
        return write(schema, rows.stream().map(row -> new Trailing(row, trailingColumn, trailingValue)).toList());
    }

    private static String write(CsvSchema schema, Object rows) {
        try {
            return MAPPER.writer(schema).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rows could not be written as CSV", e);
        }
    }

    /** A record's fields, then the trailing cell, which the schema places by its column name. */
    private record Trailing(@JsonUnwrapped Object row, @JsonIgnore String column, @JsonIgnore Object value) {

        @JsonAnyGetter
        Map<String, Object> trailing() {
            return Collections.singletonMap(column, value);
        }
    }
}
