package io.pipelinehealth.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Ids;
import io.pipelinehealth.common.Instants;
import io.pipelinehealth.common.Text;
import io.pipelinehealth.transition.TransitionInput;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Salesforce {@code OpportunityHistory} export (Data Loader or Bulk API CSV) read row by row, so
 * a file of any number of rows is never held as a whole. Column names are matched without regard
 * to case (Data Loader writes {@code OPPORTUNITYID}); columns other than those read are ignored.
 */
final class SalesforceExport implements Closeable {

    static final List<String> REQUIRED = List.of("Id", "OpportunityId", "StageName", "CreatedDate");
    /** Salesforce's {@code 2026-01-05T09:00:00.000+0000}: an offset without a colon. */
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).build();

    /** One data row: its line in the file (the header is line 1) and its cells by lower-case column name. */
    record Row(int line, Map<String, String> cells) {
    }

    private final MappingIterator<String[]> rows;
    private final Map<String, Integer> columns = new HashMap<>();

    SalesforceExport(InputStream body) {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try {
            rows = CSV.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader);
            if (!rows.hasNextValue()) {
                throw malformed("the export is empty; it needs a header row naming " + REQUIRED);
            }
            String[] header = rows.nextValue();
            for (int i = 0; i < header.length; i++) {
                String name = header[i].strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
                if (columns.putIfAbsent(name, i) != null) {
                    throw malformed("column " + Text.quote(header[i]) + " appears twice in the header");
                }
            }
        } catch (IOException | RuntimeJsonMappingException e) {
            throw unreadable(e, 1);
        }
        List<FieldError> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c.toLowerCase(Locale.ROOT)))
                .map(c -> FieldError.of(c, "required column is missing")).toList();
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("malformed-csv", "Malformed CSV", "the export lacks the column(s) "
                    + missing.stream().map(FieldError::field).toList() + "; export OpportunityHistory with at least "
                    + REQUIRED, missing);
        }
    }

    /** The next data row, or null after the last. Blank lines are skipped. */
    Row next() {
        try {
            while (rows.hasNextValue()) {
                // the row's start token sits at the end of the line before it
                int line = rows.getParser().currentTokenLocation().getLineNr() + 1;
                String[] cells = rows.nextValue();
                if (cells.length == 0 || cells.length == 1 && cells[0].isEmpty()) {
                    continue;
                }
                Map<String, String> byName = new HashMap<>();
                columns.forEach((name, index) -> byName.put(name, index < cells.length ? cells[index] : null));
                return new Row(line, byName);
            }
            return null;
        } catch (IOException | RuntimeJsonMappingException e) {
            throw unreadable(e, rows.getParser().currentLocation().getLineNr());
        }
    }

    /**
     * The transition of a row, or the reason it is not one: {@code ignored} (its stage is not
     * mapped) or {@code refused} (a field is missing or invalid) go to {@code out}.
     */
    static TransitionInput toInput(ConnectorStore.Stored c, Row row, Outcomes out) {
        String id = cell(row, "Id");
        String opportunity = cell(row, "OpportunityId");
        String stageName = cell(row, "StageName");
        String created = cell(row, "CreatedDate");
        String source = "line " + row.line();
        List<String> problems = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("Id", nz(id));
        ids.put("OpportunityId", nz(opportunity));
        ids.put("StageName", nz(stageName));
        for (Map.Entry<String, String> field : ids.entrySet()) {
            String problem = Ids.problem(field.getValue());
            if (problem != null) {
                problems.add(field.getKey() + " " + problem);
            }
        }
        Instant at = null;
        if (created == null) {
            problems.add("CreatedDate is required");
        } else {
            try {
                at = Instants.parse(COMPACT_OFFSET.matcher(created).replaceFirst("$1:$2"));
            } catch (Instants.InvalidInstant e) {
                problems.add("CreatedDate must be a Salesforce date-time such as 2026-01-05T09:00:00.000Z, not "
                        + Text.quote(created));
            }
        }
        BigDecimal amount = Text.decimal(cell(row, "Amount"), problem -> problems.add("Amount " + problem));
        if (!problems.isEmpty()) {
            out.refused(source, row.line(), id, opportunity, String.join("; ", problems));
            return null;
        }
        Optional<StageMapping> mapping = c.stages().stream().filter(m -> m.crmStage().equals(stageName)).findFirst();
        if (mapping.isEmpty()) {
            out.ignored(source, row.line(), opportunity, "StageName " + Text.quote(stageName) + " is not mapped to a stage");
            return null;
        }
        String owner = Optional.ofNullable(cell(row, "OwnerId")).or(() -> Optional.ofNullable(cell(row, "Opportunity.OwnerId")))
                .or(() -> Optional.ofNullable(cell(row, "CreatedById"))).orElse(HubSpotInbound.UNASSIGNED);
        return new TransitionInput(id, opportunity, mapping.get().pipelineId(), mapping.get().stage(), at.toString(),
                c.owners().getOrDefault(owner, owner), amount, null, null);
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static String cell(Row row, String column) {
        String value = row.cells().get(column.toLowerCase(Locale.ROOT));
        return value == null || value.isEmpty() ? null : value;
    }

    private static ApiException malformed(String detail) {
        return ApiException.badRequest("malformed-csv", "Malformed CSV", detail);
    }

    private static ApiException unreadable(Exception e, int line) {
        Throwable cause = e instanceof RuntimeJsonMappingException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            return ApiException.badRequest("malformed-csv", "Malformed CSV", "the export is not valid UTF-8 near line "
                    + line + "; export it encoded as UTF-8", List.of(FieldError.of("line " + line, "not valid UTF-8")));
        }
        String message = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
        return malformed("the export could not be read near line " + line + ": "
                + Text.shorten(message == null ? "unreadable input" : message.lines().findFirst().orElse("")));
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
