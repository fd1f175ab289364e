package io.pipelinehealth.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.CsvCells;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.pipelinehealth.worktime.TimeBasis;
import java.util.List;
import java.util.function.Supplier;

/**
 * Analytics rows as JSON or as CSV with the same columns (a header row, then one line per row;
 * null is an empty cell; text cells are quoted and neutralised by {@link CsvCells}). CSV is chosen by {@code format=csv} or by an Accept header that prefers
 * {@code text/csv} to JSON.
 */
final class CsvRows {

    static final String TEXT_CSV = "text/csv";
    private static final MediaType CSV_TYPE = new MediaType("text", "csv", "utf-8");
    private static final CsvMapper CSV = CsvCells.mapper();

    private CsvRows() {
    }

    /** {@code basis} is asked only for CSV, which ends every line with a {@code timeBasis} column (issue 12). */
    static <T> Response respond(List<T> rows, Class<T> type, String format, HttpHeaders headers,
            Supplier<TimeBasis> basis) {
        if (!wantsCsv(format, headers)) {
            return Response.ok(rows, MediaType.APPLICATION_JSON_TYPE).build();
        }
        try {
            String body = CSV.writer(CSV.schemaFor(type).withHeader()).writeValueAsString(rows);
            return Response.ok(withColumn(body, "timeBasis", basis.get().cell()), CSV_TYPE).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rows could not be written as CSV", e);
        }
    }

    /**
     * Appends one column to every line. Safe here: no cell of an analytics row holds a line break
     * (ids and enums have no control characters), and the value is an enum and a zone id.
     */
    private static String withColumn(String csv, String header, String value) {
        StringBuilder out = new StringBuilder(csv.length() + 32);
        boolean first = true;
        for (String line : csv.split("\n")) {
            out.append(line).append(',').append(first ? header : value).append('\n');
            first = false;
        }
        return out.toString();
    }

    private static boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null && !format.isEmpty()) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiException.badRequest("invalid-parameter", "Invalid query parameter",
                        "format must be json or csv, not '" + format + "'");
            };
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType()) {
                return false;
            }
            if (accepted.isCompatible(MediaType.valueOf(TEXT_CSV))) {
                return true;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }
}
