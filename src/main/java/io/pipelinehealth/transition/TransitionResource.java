package io.pipelinehealth.transition;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.util.List;

@Path("/api/v1/transitions")
@Produces(MediaType.APPLICATION_JSON)
public class TransitionResource {

    static final String CSV = "text/csv";

    private final IngestService ingest;

    TransitionResource(IngestService ingest) {
        this.ingest = ingest;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public IngestResult postJson(List<TransitionInput> events) {
        return ingest.ingest(events);
    }

    @POST
    @Consumes(CSV)
    public IngestResult postCsv(String body) {
        return ingest.ingest(CsvTransitions.read(new StringReader(body == null ? "" : body)));
    }
}
