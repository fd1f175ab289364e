package io.pipelinehealth.analytics;

import io.pipelinehealth.identity.RepAccess;
import io.pipelinehealth.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.pipelinehealth.common.Csv;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.pipelinehealth.worktime.TimeBasis;
import java.util.List;
import java.util.function.Supplier;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Rep, stage and standards analytics of one pipeline: JSON arrays, or CSV with the same columns. */
@RolesAllowed({ Roles.ADMIN, Roles.READ })
@Path("/api/v1/analytics")
@Produces({ MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE })
// what every operation here answers for its pipelineId and other parameters, unless it has its own words
@APIResponse(responseCode = "400", description = "Missing pipelineId or an invalid parameter")
@APIResponse(responseCode = "404", description = "Unknown pipeline")
public class AnalyticsResource {

    static final String PERCENTILES = "Medians and percentiles are PostgreSQL percentile_cont (linear interpolation "
            + "between closest ranks), rounded to the millisecond; they may have up to 3 decimals.";

    static final String ALPHA = "False discovery rate in (0, 1] that a pattern's Benjamini-Hochberg q-value must not "
            + "exceed, default 0.05 (a 422 otherwise)";

    @Inject AnalyticsService analytics;
    @Inject Clock clock;
    @Inject RepAccess repAccess;

    @GET
    @Path("reps")
    @Operation(summary = "Deviation from the standard per rep and stage",
            description = "One row per (rep, stage) with a closed visit in [from, to) or an open visit at asOf; visits "
                    + "belong to the owner who entered the stage. Deviations are actual minus standard seconds, "
                    + "skipped visits included at 0 s actual. Each row carries the evidence of DOMAIN rule 11: the "
                    + "rep's rushed and slow shares with 95 % Wilson intervals, the rest of the team's shares at the "
                    + "stage, one-sided Fisher exact p-values and their Benjamini-Hochberg q-values over every rep and "
                    + "stage of the pipeline and window, whatever the filters. " + PERCENTILES)
    @APIResponse(responseCode = "200", description = "Rep rows, ordered by ownerId then stage order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RepStageRow.class)))
    @APIResponse(responseCode = "422", description = "alpha out of (0, 1]")
    public Response reps(@QueryParam("pipelineId") @Parameter(required = true) String pipelineId,
            @QueryParam("ownerId") String ownerId, @QueryParam("stage") String stage,
            @QueryParam("from") @Parameter(description = "Closed visits that ended at or after this instant") String from,
            @QueryParam("to") @Parameter(description = "Closed visits that ended before this instant") String to,
            @QueryParam("asOf") @Parameter(description = "Default now") String asOf,
            @QueryParam("minVisits") @Parameter(description = "Closed visits needed for a pattern, default 5") String minVisits,
            @QueryParam("share") @Parameter(description = "Share in (0, 1] that makes a pattern, default 0.6") String share,
            @QueryParam("alpha") @Parameter(description = ALPHA) String alpha,
            @QueryParam("format") @Parameter(description = "json (default) or csv") String format,
            @Context HttpHeaders headers) {
        AnalyticsWindow window = AnalyticsWindow.of(from, to, asOf, clock);
        PatternRule rule = PatternRule.of(minVisits, share, alpha);
        return respond(analytics.reps(pipelineId, new RepQueries.RepFilter(ownerId, stage), window, rule),
                RepStageRow.class, format, headers, () -> analytics.timeBasis(pipelineId));
    }

    @GET
    @Path("reps/{ownerId}/trend")
    @RolesAllowed({ Roles.ADMIN, Roles.READ, Roles.REP })
    @Operation(summary = "A rep's weekly trend per stage",
            description = "Per ISO week (Monday 00:00 in the pipeline calendar's zone, else UTC) and non-terminal "
                    + "stage: the rep's closed visits that ended in the week within [from, to) and by asOf, their "
                    + "median deviation, rushed (skipped included) and slow shares, and the median deviation of the "
                    + "rest of the team in the same week. Every week of the window is listed; a week without a visit "
                    + "has 0 visits and null figures. to defaults to asOf, from to 12 weeks before to; at most 104 "
                    + "weeks. A rep key reads only its own trend. " + PERCENTILES)
    @APIResponse(responseCode = "200", description = "Rows by stage order, then week",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = TrendRow.class)))
    @APIResponse(responseCode = "400", description = "Missing pipelineId, an unknown stage or an invalid parameter")
    @APIResponse(responseCode = "422", description = "A window longer than 104 weeks")
    public Response trend(@PathParam("ownerId") String ownerId,
            @QueryParam("pipelineId") @Parameter(required = true) String pipelineId,
            @QueryParam("stage") @Parameter(description = "One non-terminal stage; default every one") String stage,
            @QueryParam("from") @Parameter(description = "Closed visits that ended at or after this instant; "
                    + "default 12 weeks before to") String from,
            @QueryParam("to") @Parameter(description = "Closed visits that ended before this instant; default asOf") String to,
            @QueryParam("asOf") @Parameter(description = "Default now") String asOf,
            @QueryParam("format") @Parameter(description = "json (default) or csv") String format,
            @Context HttpHeaders headers) {
        repAccess.checkProfile(ownerId);
        TrendWindow window = TrendWindow.of(from, to, asOf, clock);
        return respond(analytics.trend(ownerId, pipelineId, stage, window), TrendRow.class, format, headers,
                () -> analytics.timeBasis(pipelineId));
    }

    @GET
    @Path("stages")
    @Operation(summary = "Where deals stall: per stage over all reps",
            description = "Actual seconds of closed visits in [from, to) (skipped visits at 0 s), status counts, open "
                    + "and frozen visits at asOf, and conversionRate: of the visits ended by a stage event, the share "
                    + "whose next stage is later in the pipeline and not LOST (null when none). " + PERCENTILES)
    @APIResponse(responseCode = "200", description = "One row per non-terminal stage in pipeline order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = StageAnalyticsRow.class)))
    public Response stages(@QueryParam("pipelineId") @Parameter(required = true) String pipelineId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("asOf") String asOf,
            @QueryParam("format") @Parameter(description = "json (default) or csv") String format,
            @Context HttpHeaders headers) {
        return respond(analytics.stages(pipelineId, AnalyticsWindow.of(from, to, asOf, clock)), StageAnalyticsRow.class,
                format, headers, () -> analytics.timeBasis(pipelineId));
    }

    @GET
    @Path("standards")
    @Operation(summary = "Standards learned from won deals",
            description = "Per non-terminal stage: median and p75 actual seconds of the closed, non-skipped visits "
                    + "(ended in [from, to)) of opportunities whose latest position now is a WON stage; null below "
                    + StandardQueries.MIN_VISITS + " visits. " + PERCENTILES)
    @APIResponse(responseCode = "200", description = "One row per non-terminal stage in pipeline order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = StandardRow.class)))
    public Response standards(@QueryParam("pipelineId") @Parameter(required = true) String pipelineId,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("format") @Parameter(description = "json (default) or csv") String format,
            @Context HttpHeaders headers) {
        AnalyticsWindow window = AnalyticsWindow.of(from, to, null, clock);
        return respond(analytics.standards(pipelineId, window.from(), window.to()), StandardRow.class, format,
                headers, () -> analytics.timeBasis(pipelineId));
    }

    /** JSON, or CSV with the rows' fields as columns and the pipeline's time basis last (issue 12). */
    private static <T> Response respond(List<T> rows, Class<T> type, String format, HttpHeaders headers,
            Supplier<TimeBasis> basis) {
        if (!Csv.wanted(format, headers)) {
            return Response.ok(rows, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Csv.ok(Csv.records(rows, type, "timeBasis", basis.get().cell())).build();
    }
}
