package io.pipelinehealth.ui;

import io.pipelinehealth.analytics.AnalyticsService;
import io.pipelinehealth.analytics.AnalyticsWindow;
import io.pipelinehealth.analytics.PatternRule;
import io.pipelinehealth.analytics.RepQueries;
import io.pipelinehealth.analytics.RepStageRow;
import io.pipelinehealth.analytics.StageAnalyticsRow;
import io.pipelinehealth.analytics.StandardRow;
import io.pipelinehealth.analytics.TrendRow;
import io.pipelinehealth.analytics.TrendWindow;
import io.pipelinehealth.common.Csv;
import io.pipelinehealth.common.Instants;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.frozen.FrozenCsv;
import io.pipelinehealth.frozen.FrozenItem;
import io.pipelinehealth.frozen.FrozenService;
import io.pipelinehealth.handoff.HandoffRequest;
import io.pipelinehealth.handoff.HandoffService;
import io.pipelinehealth.identity.RepAccess;
import io.pipelinehealth.opportunity.OpportunityService;
import io.pipelinehealth.opportunity.OpportunityView;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.pipeline.PipelineView;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pages. Each reads through the same services as the API, as the signed-in key (UiRequests), so
 * a rep key sees here exactly what it sees there: its own page and deals, a 404 for another rep's
 * deal, a 403 for team pages. Thin on purpose: the page models build what the templates show.
 */
@PermitAll
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class PagesResource {

    /** The board shows this many deals; the CSV has up to {@link PageRequest#MAX_LIMIT}. */
    static final int BOARD_ROWS = 200;

    @Inject UiRequests requests;
    @Inject PipelineService pipelines;
    @Inject AnalyticsService analytics;
    @Inject FrozenService frozen;
    @Inject OpportunityService opportunities;
    @Inject HandoffService handoffs;
    @Inject RepAccess reps;
    @Inject Clock clock;
    @Inject OpenCounts openCounts;
    @Inject TenantResolver tenants;
    @Inject Concurrently concurrently;

    @GET
    @Path("/")
    public Response home(@Context RoutingContext context) {
        return requests.page(context, viewer -> {
            List<PipelineView> views = pipelineViews();
            Map<String, OpenCounts.Counts> counts = viewer.seesTeam() ? openCounts.of(tenants.currentTenant(),
                    views.stream().map(p -> pipelines.require(p.id())).toList(), Instants.asOf(null, clock)) : Map.of();
            List<HomeModel.Row> rows = views.stream().map(p -> {
                if (!viewer.seesTeam()) {
                    return new HomeModel.Row(p.id(), p.name(), Links.rep(viewer.repOwner().orElse(""), p.id(), null),
                            null, null, null);
                }
                OpenCounts.Counts count = counts.getOrDefault(p.id(), OpenCounts.Counts.NONE);
                return new HomeModel.Row(p.id(), p.name(), Links.pipeline(p.id(), null), Links.frozen(p.id(), null),
                        count.open(), count.frozen());
            }).toList();
            return Views.home(Chrome.of("Pipelines", viewer), new HomeModel(viewer.seesTeam(), rows));
        });
    }

    @GET
    @Path("pipelines/{id}")
    public Response pipeline(@PathParam("id") String id, @QueryParam("asOf") String asOf,
            @Context RoutingContext context) {
        return teamPage(context, viewer -> {
            AnalyticsWindow window = AnalyticsWindow.of(null, null, asOf, clock);
            Pipeline pipeline = pipelines.require(id);
            // three independent reads, each in its own snapshot as in the API: the page waits for the slowest
            Supplier<List<StandardRow>> standards = concurrently.start(() -> analytics.standards(id, null, window.asOf()));
            Supplier<List<StageAnalyticsRow>> stages = concurrently.start(() -> analytics.stages(id, window));
            List<RepStageRow> reps = analytics.reps(id, new RepQueries.RepFilter(null, null), window,
                    PatternRule.of(null, null, null));
            PipelineModel model = PipelineModel.of(pipeline, analytics.timeBasis(id), asOf, window.asOf(), stages.get(), reps,
                    standards.get());
            return Views.pipeline(Chrome.of("Pipeline " + model.name(), viewer), model);
        });
    }

    @GET
    @Path("pipelines/{id}/frozen")
    public Response board(@PathParam("id") String id, @QueryParam("asOf") String asOf,
            @Context RoutingContext context) {
        return teamPage(context, viewer -> {
            Instant at = Instants.asOf(asOf, clock);
            Pipeline pipeline = pipelines.require(id);
            Page<FrozenItem> page = frozen.list(id, null, null, at, PageRequest.firstPage(BOARD_ROWS));
            FrozenModel model = FrozenModel.of(pipeline, Human.basis(analytics.timeBasis(id)), asOf, at, page.items(),
                    page.nextCursor() != null, viewer.mayHandOff());
            return Views.frozen(Chrome.of("Frozen deals of " + model.name(), viewer), model);
        });
    }

    @GET
    @Path("pipelines/{id}/frozen.csv")
    @Produces({ Csv.MEDIA_TYPE, MediaType.TEXT_HTML })
    public Response boardCsv(@PathParam("id") String id, @QueryParam("asOf") String asOf,
            @Context RoutingContext context) {
        Viewer viewer = null;
        try {
            viewer = requests.viewer(context);
            team(viewer);
            Page<FrozenItem> page = frozen.list(id, null, null, Instants.asOf(asOf, clock),
                    PageRequest.firstPage(PageRequest.MAX_LIMIT));
            return Response.ok(FrozenCsv.write(page.items()), "text/csv;charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"frozen-" + id.replaceAll("[^A-Za-z0-9._-]", "_")
                            + ".csv\"").build();
        } catch (RuntimeException e) {
            return requests.failure(e, viewer, context);
        }
    }

    @GET
    @Path("opportunities/{id}")
    public Response opportunity(@PathParam("id") String id, @QueryParam("asOf") String asOf,
            @Context RoutingContext context) {
        return requests.page(context, viewer -> {
            Instant at = Instants.asOf(asOf, clock);
            reps.checkOwns(id);
            OpportunityView view = opportunities.view(id, at);
            Pipeline pipeline = pipelines.require(view.pipelineId());
            OpportunityModel model = OpportunityModel.of(view, pipeline, asOf, viewer.mayHandOff());
            return Views.opportunity(Chrome.of("Deal " + id, viewer), model);
        });
    }

    @POST
    @Path("opportunities/{id}/handoffs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response handOff(@PathParam("id") String id, @FormParam("reason") String reason,
            @FormParam("csrf") String csrf, @FormParam("back") String back, @Context RoutingContext context) {
        return requests.post(context, csrf, viewer -> {
            if (!viewer.mayHandOff()) {
                throw UiException.forbidden("Handing deals to nurturing needs a key with role handoff or admin, "
                        + "or a rep key for the rep's own deals.");
            }
            handoffs.handOff(id, new HandoffRequest("TO_NURTURING", null,
                    reason == null || reason.isBlank() ? null : reason.strip(), null, null, null));
            return UiRequests.seeOther(safeBack(back, viewer));
        });
    }

    @GET
    @Path("reps/{ownerId}")
    public Response rep(@PathParam("ownerId") String ownerId, @QueryParam("pipelineId") String pipelineId,
            @QueryParam("asOf") String asOf, @Context RoutingContext context) {
        return requests.page(context, viewer -> {
            reps.checkProfile(ownerId);
            AnalyticsWindow window = AnalyticsWindow.of(null, null, asOf, clock);
            String chosen = pipelineId;
            if (chosen == null || chosen.isEmpty()) {
                List<PipelineView> all = pipelineViews();
                if (all.size() != 1) {
                    return Views.rep(Chrome.of("Rep " + ownerId, viewer), RepModel.choose(ownerId, all.stream()
                            .map(p -> new RepModel.Choice(p.name(), Links.rep(ownerId, p.id(), asOf))).toList()));
                }
                chosen = all.get(0).id();
            }
            Pipeline pipeline = pipelines.require(chosen);
            String shown = chosen;
            TrendWindow weeks = TrendWindow.of(null, null, asOf, clock);
            Supplier<List<TrendRow>> trend = concurrently.start(() -> analytics.trend(ownerId, shown, null, weeks));
            RepModel model = RepModel.of(analytics.profile(ownerId, chosen, window, PatternRule.of(null, null, null)),
                    trend.get(), pipeline, Human.basis(analytics.timeBasis(chosen)), asOf, viewer.mayHandOff());
            return Views.rep(Chrome.of("Rep " + ownerId, viewer), model);
        });
    }

    /** Any other page under /ui (static files excepted) is a 404 page, not the API's problem+json. */
    @GET
    @Path("{unknown: (?!static/).+}")
    public Response unknown(@PathParam("unknown") String unknown, @Context RoutingContext context) {
        return requests.page(context, viewer -> {
            throw new UiException(404, "Not found", "There is no page at /ui/" + unknown + ".", null);
        });
    }

    private List<PipelineView> pipelineViews() {
        return pipelines.list(PageRequest.firstPage(PageRequest.MAX_LIMIT)).items();
    }

    /** A page of the whole team: a rep key gets the 403 page. */
    private Response teamPage(RoutingContext context, Function<Viewer, TemplateInstance> render) {
        return requests.page(context, viewer -> {
            team(viewer);
            return render.apply(viewer);
        });
    }

    private static void team(Viewer viewer) {
        if (!viewer.seesTeam()) {
            throw UiException.forbidden("This page shows the whole team; a rep key sees its own page only.");
        }
    }

    /** Back to the page the form was on, if that is one of ours; else the viewer's home. */
    private static String safeBack(String back, Viewer viewer) {
        if (back != null && back.startsWith("/ui/") && !back.startsWith("//") && !back.contains("\\")
                && back.chars().noneMatch(c -> c < 0x21 || c > 0x7e)) {
            return back;
        }
        return viewer.home();
    }
}
