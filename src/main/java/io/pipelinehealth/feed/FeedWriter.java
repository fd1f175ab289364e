package io.pipelinehealth.feed;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a {@link FeedPage} to the response as its rows come from PostgreSQL ({@link FeedStream}):
 * memory stays one fetch batch whatever the page size. The page was checked before (FeedService),
 * so a failure here can only be the database's; the response is then cut short, and a client
 * sees a broken body, never a page that looks complete.
 */
@ApplicationScoped
public class FeedWriter {

    /** Rows per round trip of the cursor. */
    static final int FETCH = 5_000;

    @Inject FeedQueries queries;
    @Inject ObjectMapper json;

    public StreamingOutput csv(FeedPage page) {
        return out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            FeedCsv.header(writer, page.attributeKeys());
            if (page.pipeline().calendar() == null) {
                writer.flush();
                BufferedOutputStream lines = new BufferedOutputStream(out, 1 << 16);
                // PostgreSQL writes the lines (FeedCopy)
                queries.copyCsv(page.scan(), page.after(), page.last(), page.attributeKeys().size(),
                        FeedCopy.lineValues(page.nowSecond(), page.attributeKeys(), page.pipeline().id(),
                                FeedRows.basis(page.pipeline())), lines);
                lines.flush();
                return;
            }
            try (FeedStream rows = open(page)) {
                for (FeedStored row = rows.next(); row != null; row = rows.next()) {
                    if (row.deleted()) {
                        FeedCsv.tombstone(writer, row.visitKey(), page.attributeKeys().size());
                    } else {
                        FeedCsv.row(writer, FeedRows.of(row, page.pipeline(), page.nowSecond(), Map.of()),
                                row.attributeValues());
                    }
                }
            }
            writer.flush();
        };
    }

    /** The page as {@link VisitFeedPage} JSON: items first, then the cursors, as the record's fields are ordered. */
    public StreamingOutput json(FeedPage page) {
        return out -> {
            try (JsonGenerator generator = json.getFactory().createGenerator(out)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                generator.writeStartObject();
                generator.writeArrayFieldStart("items");
                try (FeedStream rows = open(page)) {
                    for (FeedStored row = rows.next(); row != null; row = rows.next()) {
                        if (row.deleted()) {
                            generator.writeStartObject();
                            generator.writeStringField("visitKey", row.visitKey());
                            generator.writeBooleanField("deleted", true);
                            generator.writeEndObject();
                        } else {
                            write(generator, FeedRows.of(row, page.pipeline(), page.nowSecond(), Map.of()),
                                    row.attributesJson());
                        }
                    }
                }
                generator.writeEndArray();
                generator.writeStringField("nextCursor", page.nextCursor());
                generator.writeStringField("changeCursor", page.changeCursor());
                generator.writeEndObject();
            }
        };
    }

    private FeedStream open(FeedPage page) {
        return queries.open(page.scan(), queries.rows(page.scan(), page.after(), page.last(),
                page.attributeKeys()), FETCH);
    }

    /** A {@link FeedRow} as Jackson writes the record, the attributes copied from their JSON text. */
    private static void write(JsonGenerator out, FeedRow r, String attributesJson) throws IOException {
        out.writeStartObject();
        out.writeStringField("visitKey", r.visitKey());
        out.writeStringField("opportunityId", r.opportunityId());
        out.writeStringField("pipelineId", r.pipelineId());
        out.writeStringField("stage", r.stage());
        out.writeStringField("ownerId", r.ownerId());
        out.writeStringField("enteredAt", text(r.enteredAt()));
        out.writeStringField("leftAt", text(r.leftAt()));
        out.writeNumberField("actualSeconds", r.actualSeconds());
        number(out, "standardSeconds", r.standardSeconds());
        number(out, "deviationSeconds", r.deviationSeconds());
        out.writeStringField("status", r.status());
        out.writeStringField("timeBasis", r.timeBasis());
        out.writeFieldName("attributes");
        out.writeRawValue(attributesJson == null ? "{}" : attributesJson);
        out.writeEndObject();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void number(JsonGenerator out, String name, Long value) throws IOException {
        if (value == null) {
            out.writeNullField(name);
        } else {
            out.writeNumberField(name, value);
        }
    }
}
