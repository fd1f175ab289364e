package io.pipelinehealth.ui;

import static io.pipelinehealth.identity.Keys.as;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.pipelinehealth.common.MutableTestClock;
import io.pipelinehealth.identity.Keys;
import io.pipelinehealth.support.ApiKeyExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pages through HTTP, as a browser without JavaScript uses them: a form sign-in, then a cookie. */
@QuarkusTest
class UiPagesTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]{64})\"");

    @Inject
    MutableTestClock clock;

    String admin;
    String ana;
    String reader;

    /** A tenant with pipeline std: ana's deal "mine" and bob's "bobs", both frozen at qualify since 2020. */
    @BeforeEach
    void tenant() {
        admin = Keys.tenant(unique("ui"));
        as(admin).contentType(ContentType.JSON).body(standardPipeline(List.of())).put("/api/v1/pipelines/std")
                .then().statusCode(201);
        as(admin).contentType(ContentType.JSON)
                .body(history("done", "std", "ana", "qualify", "2019-01-01T00:00:00Z", "discover", "2019-01-02T00:00:00Z",
                        "won", "2019-01-20T00:00:00Z"))
                .post("/api/v1/transitions").then().statusCode(200);
        as(admin).contentType(ContentType.JSON).body(history("mine", "std", "ana", "qualify", "2020-01-01T00:00:00Z"))
                .post("/api/v1/transitions").then().statusCode(200);
        as(admin).contentType(ContentType.JSON).body(history("bobs", "std", "bob", "qualify", "2020-01-01T00:00:00Z"))
                .post("/api/v1/transitions").then().statusCode(200);
        ana = Keys.create(admin, "Ana", List.of("rep"), "ana");
        reader = Keys.create(admin, "Manager", List.of("read"), null);
    }

    static RequestSpecification browser() {
        return given().header("Authorization", ApiKeyExtension.NO_KEY).redirects().follow(false);
    }

    static RequestSpecification browser(String session) {
        return browser().cookie(UiSessions.COOKIE, session);
    }

    /** Signs in through the form and answers the session cookie's value. */
    static String signIn(String key, String expectedHome) {
        Response response = login(browser(), key);
        response.then().statusCode(303).header("Location", endsWith(expectedHome));
        return response.getCookie(UiSessions.COOKIE);
    }

    /** Posts the sign-in form as a browser does: with the cookie and the token the form page gave it. */
    static Response login(RequestSpecification browser, String key) {
        Response form = browser().get("/ui/login");
        form.then().statusCode(200);
        Matcher token = CSRF.matcher(form.asString());
        assertThat("a csrf field on the sign-in form", token.find());
        return browser.cookie(SignInToken.COOKIE, form.getCookie(SignInToken.COOKIE)).contentType(ContentType.URLENC)
                .formParam("key", key).formParam("csrf", token.group(1)).post("/ui/login");
    }

    static org.hamcrest.Matcher<String> endsWith(String path) {
        return org.hamcrest.Matchers.endsWith(path);
    }

    static String csrf(String session, String page) {
        Matcher matcher = CSRF.matcher(browser(session).get(page).then().statusCode(200).extract().asString());
        assertThat("a csrf field on " + page, matcher.find());
        return matcher.group(1);
    }

    @Test
    void signInFormSetsASessionCookieThatIsNotTheKey() {
        browser().get("/ui/login").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<input id=\"key\" name=\"key\""));
        Response response = login(browser(), admin);
        response.then().statusCode(303).header("Location", endsWith("/ui/"));
        String setCookie = response.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(UiSessions.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie, allOf(containsString("; HttpOnly"), containsString("; SameSite=Strict"),
                containsString("; Path=/ui;"), not(containsString("Secure")), not(containsString(admin))));
        String viaProxy = login(browser().header("X-Forwarded-Proto", "https"), admin).getHeaders()
                .getValues("Set-Cookie").stream().filter(c -> c.startsWith(UiSessions.COOKIE + "=")).findFirst()
                .orElseThrow();
        assertThat(viaProxy, allOf(containsString("; Secure"), containsString("; HttpOnly"),
                containsString("; SameSite=Strict"), containsString("; Path=/ui;")));

        login(browser(), "ph_not-a-key").then()
                .statusCode(401).contentType(containsString("text/html")).body(containsString("unknown, revoked or expired"));
        String ingest = Keys.create(admin, "Loader", List.of("ingest"), null);
        login(browser(), ingest).then().statusCode(403);
    }

    /** Login CSRF: another site's form cannot sign the visitor in, with or without a token of its own. */
    @Test
    void signInNeedsTheFormsCsrfCookieAndToken() {
        Response form = browser().get("/ui/login");
        String cookie = form.getCookie(SignInToken.COOKIE);
        assertThat(form.getHeader("Set-Cookie"), allOf(containsString(SignInToken.COOKIE + "="),
                containsString("; HttpOnly"), containsString("; SameSite=Strict"), containsString("; Path=/ui/login;")));
        Matcher token = CSRF.matcher(form.asString());
        assertThat("a csrf field on the sign-in form", token.find());

        Response noToken = browser().cookie(SignInToken.COOKIE, cookie).contentType(ContentType.URLENC)
                .formParam("key", admin).post("/ui/login");
        noToken.then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("missing its security token"));
        assertThat(noToken.getCookie(UiSessions.COOKIE), org.hamcrest.Matchers.nullValue());
        browser().contentType(ContentType.URLENC).formParam("key", admin).formParam("csrf", token.group(1))
                .post("/ui/login").then().statusCode(403);
        browser().cookie(SignInToken.COOKIE, cookie).contentType(ContentType.URLENC).formParam("key", admin)
                .formParam("csrf", "0".repeat(64)).post("/ui/login").then().statusCode(403);
        // another form's cookie does not fit this token
        browser().cookie(SignInToken.COOKIE, browser().get("/ui/login").getCookie(SignInToken.COOKIE))
                .contentType(ContentType.URLENC).formParam("key", admin).formParam("csrf", token.group(1))
                .post("/ui/login").then().statusCode(403);

        Response in = browser().cookie(SignInToken.COOKIE, cookie).contentType(ContentType.URLENC)
                .formParam("key", admin).formParam("csrf", token.group(1)).post("/ui/login");
        in.then().statusCode(303).header("Location", endsWith("/ui/"));
        assertThat(in.getHeaders().getValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(SignInToken.COOKIE
                + "=;") && c.contains("Max-Age=0")), org.hamcrest.Matchers.is(true));
    }

    @Test
    void everyPageWithoutASessionGoesToTheSignIn() {
        for (String page : List.of("/ui/", "/ui/pipelines/std", "/ui/pipelines/std/frozen", "/ui/pipelines/std/frozen.csv",
                "/ui/opportunities/mine", "/ui/reps/ana?pipelineId=std")) {
            browser().get(page).then().statusCode(303).header("Location", endsWith("/ui/login"));
            browser("default~" + "A".repeat(43)).get(page).then().statusCode(303).header("Location", endsWith("/ui/login"));
        }
        browser().contentType(ContentType.URLENC).formParam("reason", "x").post("/ui/opportunities/mine/handoffs")
                .then().statusCode(303).header("Location", endsWith("/ui/login"));
    }

    @Test
    void pagesShowTheirParts() {
        String session = signIn(reader, "/ui/");
        browser(session).get("/ui/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("href=\"/ui/pipelines/std\""), containsString("Sign out"));
        browser(session).get("/ui/pipelines/std").then().statusCode(200)
                .body(containsString("<svg"), containsString("<title id=\"funnel-t\">"), containsString("Funnel figures"),
                        containsString("Median deviation per rep and stage"), containsString("n=1"),
                        containsString("Learned standards"), containsString("Visits by status"),
                        containsString("Time basis: calendar time"), containsString("UTC"));
        browser(session).get("/ui/pipelines/std/frozen").then().statusCode(200)
                .body(containsString("href=\"/ui/pipelines/std/frozen.csv\""), containsString("❄ frozen"),
                        containsString("Needs a handoff or admin key"), not(containsString("name=\"reason\"")));
        browser(signIn(admin, "/ui/")).get("/ui/pipelines/std/frozen").then().statusCode(200)
                .body(containsString("action=\"/ui/opportunities/mine/handoffs\""), containsString("name=\"reason\""));
        browser(session).get("/ui/pipelines/std/frozen.csv").then().statusCode(200)
                .contentType(containsString("text/csv")).body(containsString("mine"), containsString("bobs"));
        browser(session).get("/ui/opportunities/done?asOf=2019-02-01T00:00:00Z").then().statusCode(200)
                .body(containsString("<title id=\"tl-t\">"), containsString("Visits, oldest first"),
                        containsString("1 d"), containsString("18 d"), containsString("won"));
        browser(session).get("/ui/reps/ana?pipelineId=std").then().statusCode(200)
                .body(containsString("Your stage profile next to the team"), containsString("href=\"/ui/opportunities/mine\""),
                        not(containsString("bobs")));
    }

    /** DOMAIN rule 11's worked example: ana rushed 7 of 8 visits at qualify, the team 4 of 20. */
    @Test
    void theEvidenceAndTheTrendInWords() {
        java.time.Instant start = java.time.Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        for (int i = 0; i < 28; i++) {
            String seller = i < 8 ? "ana" : "bob";
            boolean rushed = i < 7 || (i >= 8 && i < 12);
            java.time.Instant entered = start.plus(Duration.ofHours(i));
            events.addAll(history("ev-" + i, "std", seller, "qualify", entered.toString(), "discover",
                    entered.plus(Duration.ofDays(rushed ? 1 : 5)).toString()));
        }
        String tenantAdmin = Keys.tenant(unique("rule11"));
        as(tenantAdmin).contentType(ContentType.JSON).body(standardPipeline(List.of())).put("/api/v1/pipelines/std")
                .then().statusCode(201);
        as(tenantAdmin).contentType(ContentType.JSON).body(events).post("/api/v1/transitions").then().statusCode(200);
        String session = signIn(tenantAdmin, "/ui/");
        browser(session).get("/ui/pipelines/std").then().statusCode(200)
                .body(containsString("▼ rushed"), containsString("rushed 88 % (53–98) team 20 % q 0.0"));
        String rep = signIn(Keys.create(tenantAdmin, "Ana", List.of("rep"), "ana"), "/ui/reps/ana");
        browser(rep).get("/ui/reps/ana").then().statusCode(200)
                .body(containsString("7 of your 8 closed visits at qualify were rushed or skipped and 0 were slow; "
                        + "the rest of the team: 20 % rushed or skipped and 0 % slow. Flagged: systematically rushed (q 0.0"),
                        containsString("Your weekly trend"), containsString("Weekly figures at qualify"),
                        containsString("class=\"mark-mine\""), containsString("class=\"mark-team\""));
    }

    /** A pipeline with a working calendar counts working days, and shows instants in its zone. */
    @Test
    void workingTimeReadsInWorkingDaysAndTheCalendarsZone() {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("stages", List.of(Map.of("key", "qualify", "standard", "P2D"), Map.of("key", "propose", "standard", "P2D"),
                Map.of("key", "won", "kind", "WON")));
        body.put("calendar", Map.of("zone", "Europe/Paris", "hours", Map.of("from", "09:00", "to", "18:00")));
        as(admin).contentType(ContentType.JSON).body(body).put("/api/v1/pipelines/office").then().statusCode(201);
        // Monday 09:00 to Wednesday 13:30 in Paris: 9 + 9 + 4.5 working hours, 2.5 working days of 9 h
        as(admin).contentType(ContentType.JSON).body(history("paris", "office", "ana", "qualify", "2026-01-05T08:00:00Z",
                "propose", "2026-01-07T12:30:00Z")).post("/api/v1/transitions").then().statusCode(200);
        String session = signIn(admin, "/ui/");
        browser(session).get("/ui/opportunities/paris?asOf=2026-01-07T14:00:00Z").then().statusCode(200)
                .body(containsString("<td>2026-01-05 09:00 Europe/Paris</td>"), containsString("<td>2.5 working days</td>"),
                        containsString("<td>2 working days</td>"), containsString("<td>+4 h 30 min working</td>"),
                        containsString("working time of the pipeline&#39;s calendar (Europe/Paris)"),
                        containsString("30 min working"));
    }

    @Test
    void securityHeadersOnEveryResponse() {
        String session = signIn(admin, "/ui/");
        for (Response response : List.of(browser().get("/ui/login"), browser(session).get("/ui/pipelines/std"),
                browser(session).get("/ui/pipelines/nope"), browser().get("/ui/pipelines/std"),
                browser().get("/ui/static/app.css"))) {
            response.then().header("Content-Security-Policy", allOf(containsString("default-src 'self'"),
                            containsString("frame-ancestors 'none'"), not(containsString("unsafe-inline"))))
                    .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin");
        }
    }

    @Test
    void errorsArePagesNamingTheProblem() {
        String session = signIn(admin, "/ui/");
        browser(session).get("/ui/pipelines/nope").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("No pipeline with id &#39;nope&#39;"));
        browser(session).get("/ui/opportunities/nope").then().statusCode(404).contentType(containsString("text/html"));
        browser(session).get("/ui/no/such/page").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("There is no page at /ui/no/such/page."));
        browser().get("/ui/static/app.css").then().statusCode(200).contentType(containsString("text/css"));
        browser(session).get("/ui/pipelines/std?asOf=yesterday").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("asOf must be"), containsString("yesterday"));
        browser(session).get("/ui/opportunities/mine?asOf=2026-02-30T00:00:00Z").then().statusCode(400);
        browser(session).get("/ui/reps/ana?pipelineId=nope").then().statusCode(404);
        browser(session).queryParam("asOf", "<script>").get("/ui/pipelines/std/frozen").then().statusCode(400)
                .body(not(containsString("<script>")), containsString("&lt;script&gt;"));
    }

    @Test
    void wrongMethodsAndUnknownPathsUnderUiArePages() {
        String session = signIn(admin, "/ui/");
        browser(session).contentType(ContentType.URLENC).post("/ui/pipelines/std").then().statusCode(405)
                .contentType(containsString("text/html")).header("Allow", allOf(containsString("GET"), not(containsString("POST"))))
                .body(containsString("POST is not supported at /ui/pipelines/std"));
        browser().delete("/ui/login").then().statusCode(405).contentType(containsString("text/html"))
                .header("Allow", allOf(containsString("GET"), containsString("POST")));
        browser().put("/ui/").then().statusCode(405).contentType(containsString("text/html"));
        browser().get("/ui/static/nope.css").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("There is no page at /ui/static/nope.css."));
        browser().contentType(ContentType.JSON).body("{\"key\":\"x\"}").post("/ui/login").then().statusCode(415)
                .contentType(containsString("text/html"))
                .body(containsString("is not accepted here; send application/x-www-form-urlencoded"));
        // the API keeps its problem+json
        as(admin).delete("/api/v1/pipelines").then().statusCode(405).contentType(containsString("application/problem+json"));
        as(admin).get("/api/v1/no-such-thing").then().statusCode(404).contentType(containsString("application/problem+json"));
    }

    /** The pages' figures are the API's: the pipelines page's counts, the view's funnel, statuses and learned standards. */
    @Test
    void pageFiguresAreTheApis() {
        String session = signIn(reader, "/ui/");
        List<Map<String, Object>> stages = as(reader).get("/api/v1/analytics/stages?pipelineId=std").then().statusCode(200)
                .extract().path("$");
        long open = sum(stages, "openVisits");
        long frozen = sum(stages, "frozen");
        assertThat(open, equalTo(2L));
        browser(session).get("/ui/").then().statusCode(200).body(containsString(
                "<td class=\"num\">" + open + "</td>\n    <td class=\"num\">" + frozen + "</td>"));

        String asOf = "2019-03-01T00:00:00Z";
        String view = browser(session).get("/ui/pipelines/std?asOf=" + asOf).then().statusCode(200).extract().asString();
        List<Map<String, Object>> then = as(reader).get("/api/v1/analytics/stages?pipelineId=std&asOf=" + asOf)
                .then().statusCode(200).extract().path("$");
        for (Map<String, Object> row : then) {
            long entered = sum(List.of(row), "closedVisits") + sum(List.of(row), "openVisits");
            assertThat(view, containsString("<tr><th scope=\"row\">" + row.get("stage") + "</th><td class=\"num\">"
                    + entered + "</td>"));
        }
        long closed = sum(then, "closedVisits");
        assertThat("closed visits (skipped ones included) to compare", closed, org.hamcrest.Matchers.greaterThan(0L));
        long[] counts = { closed - sum(then, "rushed") - sum(then, "slow") - sum(then, "skipped"), sum(then, "rushed"),
                sum(then, "slow"), sum(then, "skipped"), sum(then, "openVisits") - sum(then, "frozen"), sum(then, "frozen") };
        String[] labels = { "On track (closed)", "Rushed (closed)", "Slow (closed)", "Skipped (closed)", "Open, not frozen",
                "Frozen" };
        for (int i = 0; i < labels.length; i++) {
            assertThat(view, containsString("<tr><th scope=\"row\">" + labels[i] + "</th><td class=\"num\">" + counts[i]
                    + "</td></tr>"));
        }
        List<Map<String, Object>> learned = as(reader).get("/api/v1/analytics/standards?pipelineId=std&to=" + asOf)
                .then().statusCode(200).extract().path("$");
        for (Map<String, Object> row : learned) {
            assertThat(view, org.hamcrest.Matchers.matchesPattern("(?s).*<tr><th scope=\"row\">" + row.get("stage")
                    + "</th><td>[^<]*</td><td class=\"num\">" + row.get("wonVisits") + "</td>.*"));
        }
        assertThat(sum(learned, "wonVisits"), equalTo(2L));
    }

    private static long sum(List<Map<String, Object>> rows, String field) {
        return rows.stream().mapToLong(row -> ((Number) row.get(field)).longValue()).sum();
    }

    @Test
    void aRepSeesTheirOwnPageAndDealsOnly() {
        String session = signIn(ana, "/ui/reps/ana");
        browser(session).get("/ui/reps/ana").then().statusCode(200).body(containsString("href=\"/ui/opportunities/mine\""),
                not(containsString("bobs")));
        browser(session).get("/ui/opportunities/mine").then().statusCode(200);
        browser(session).get("/ui/opportunities/bobs").then().statusCode(404);
        browser(session).get("/ui/reps/bob?pipelineId=std").then().statusCode(403);
        for (String team : List.of("/ui/pipelines/std", "/ui/pipelines/std/frozen", "/ui/pipelines/std/frozen.csv")) {
            browser(session).get(team).then().statusCode(403).contentType(containsString("text/html"));
        }
        browser(session).get("/ui/").then().statusCode(200).body(containsString("/ui/reps/ana?pipelineId=std"),
                not(containsString("Frozen board")));
    }

    @Test
    void handOffFromTheBoardNeedsTheCsrfToken() {
        String session = signIn(admin, "/ui/");
        browser(session).contentType(ContentType.URLENC).formParam("reason", "quiet").post("/ui/opportunities/mine/handoffs")
                .then().statusCode(403).body(containsString("security token"));
        browser(session).contentType(ContentType.URLENC).formParam("reason", "quiet").formParam("csrf", "0".repeat(64))
                .post("/ui/opportunities/mine/handoffs").then().statusCode(403);
        as(admin).get("/api/v1/opportunities/mine").then().body("state", equalTo("OPEN"));

        String token = csrf(session, "/ui/pipelines/std/frozen");
        browser(session).contentType(ContentType.URLENC).formParam("reason", "buyer went quiet").formParam("csrf", token)
                .formParam("back", "/ui/pipelines/std/frozen").post("/ui/opportunities/mine/handoffs").then()
                .statusCode(303).header("Location", endsWith("/ui/pipelines/std/frozen"));
        as(admin).get("/api/v1/opportunities/mine").then().body("state", equalTo("NURTURING"))
                .body("handoffs[0].reason", equalTo("buyer went quiet"));
        browser(session).get("/ui/pipelines/std/frozen").then().statusCode(200)
                .body(not(containsString("/ui/opportunities/mine/handoffs")), containsString("/ui/opportunities/bobs/handoffs"));
        // a second hand-off of the same deal is refused by the state machine: a 409 page, not a 500
        browser(session).contentType(ContentType.URLENC).formParam("csrf", token).formParam("reason", "again")
                .post("/ui/opportunities/mine/handoffs").then().statusCode(409).contentType(containsString("text/html"));
        // another site's page cannot send the visitor anywhere but our own pages
        browser(session).contentType(ContentType.URLENC).formParam("csrf", token).formParam("reason", "r")
                .formParam("back", "//evil.example/")
                .post("/ui/opportunities/bobs/handoffs").then().statusCode(303).header("Location", endsWith("/ui/"));
    }

    @Test
    void aReadKeyCannotHandOffAndARepOnlyTheirOwn() {
        String session = signIn(reader, "/ui/");
        String token = csrf(session, "/ui/pipelines/std/frozen");
        browser(session).contentType(ContentType.URLENC).formParam("csrf", token).formParam("reason", "r")
                .post("/ui/opportunities/mine/handoffs").then().statusCode(403);
        String rep = signIn(ana, "/ui/reps/ana");
        String repToken = csrf(rep, "/ui/reps/ana");
        browser(rep).contentType(ContentType.URLENC).formParam("csrf", repToken).formParam("reason", "r")
                .post("/ui/opportunities/bobs/handoffs")
                .then().statusCode(404);
        browser(rep).contentType(ContentType.URLENC).formParam("csrf", repToken).formParam("reason", "r")
                .post("/ui/opportunities/mine/handoffs")
                .then().statusCode(303);
        as(admin).get("/api/v1/opportunities/mine").then().body("state", equalTo("NURTURING"))
                .body("handoffs[0].by", equalTo("ana"));
    }

    @Test
    void signOutEndsTheSession() {
        String session = signIn(admin, "/ui/");
        String token = csrf(session, "/ui/");
        browser(session).contentType(ContentType.URLENC).post("/ui/logout").then().statusCode(403);
        Response out = browser(session).contentType(ContentType.URLENC).formParam("csrf", token).post("/ui/logout");
        out.then().statusCode(303).header("Location", endsWith("/ui/login"));
        assertThat(out.getHeader("Set-Cookie"), allOf(containsString("Max-Age=0"), containsString("Path=/ui")));
        browser(session).get("/ui/").then().statusCode(303).header("Location", endsWith("/ui/login"));
    }

    @Test
    void revokingTheKeyEndsItsSessions() {
        String temp = as(admin).contentType(ContentType.JSON).body(Map.of("name", "Temp2", "roles", List.of("read")))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
        String tempId = as(admin).get("/api/v1/keys").then().extract().path("items.find { it.name == 'Temp2' }.id");
        String session = signIn(temp, "/ui/");
        browser(session).get("/ui/").then().statusCode(200);
        as(admin).delete("/api/v1/keys/{id}", tempId).then().statusCode(startsWith2xx());
        browser(session).get("/ui/").then().statusCode(303).header("Location", endsWith("/ui/login"));
    }

    @Test
    void sessionsEndWhenIdleOrOld() {
        String session = signIn(reader, "/ui/");
        clock.set(java.time.Instant.now().plus(Duration.ofHours(7)));
        browser(session).get("/ui/").then().statusCode(200);
        clock.set(java.time.Instant.now().plus(Duration.ofHours(7 + 8).plusMinutes(1)));
        browser(session).get("/ui/").then().statusCode(303);

        clock.reset();
        String busy = signIn(reader, "/ui/");
        for (int hours = 6; hours < 24; hours += 6) {
            clock.set(java.time.Instant.now().plus(Duration.ofHours(hours)));
            browser(busy).get("/ui/").then().statusCode(200);
        }
        clock.set(java.time.Instant.now().plus(Duration.ofHours(24).plusMinutes(1)));
        browser(busy).get("/ui/").then().statusCode(303);
    }

    private static org.hamcrest.Matcher<Integer> startsWith2xx() {
        return allOf(org.hamcrest.Matchers.greaterThanOrEqualTo(200), org.hamcrest.Matchers.lessThan(300));
    }
}
