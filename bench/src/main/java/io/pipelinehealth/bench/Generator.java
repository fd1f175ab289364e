package io.pipelinehealth.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Deterministic CRM stage history. The same seed gives the same events, relative to an anchor
 * (yesterday 00:00 UTC), so every timestamp is in the past. Each opportunity is generated from its
 * own random stream, so any slice ("namespace") can be generated independently of the others.
 *
 * Shape: four pipelines of 6 to 9 stages (won and lost included), 200 reps in four regions,
 * log-normal stage durations around the standard, per-rep habits (about one rep in eight is
 * systematically rushed at one stage, one in eight slow at one stage), deals that stall (frozen
 * when still open), re-entries to the previous stage, skipped stages, lost and won deals, open
 * deals, owner changes, region and segment attributes, log-normal amounts.
 */
public final class Generator {

    static final long DAY = 86_400;
    static final String[] REGIONS = {"emea", "amer", "apac", "latam"};
    static final String[] SEGMENTS = {"smb", "smb", "mid", "mid", "ent"};
    static final int REPS = 200;

    public record Stage(String key, String kind, long standardS, int order) {
        boolean open() {
            return kind.equals("OPEN");
        }
    }

    /** {@code calendar}: the pipeline document's calendar (JSON), or null for calendar time. */
    public record PipelineDef(String id, String name, List<Stage> stages, double weight, String calendar) {
        List<Stage> openStages() {
            return stages.stream().filter(Stage::open).toList();
        }

        /** The one override of each pipeline: EMEA takes 1.5 times longer at the second stage. */
        long standard(Stage stage, String region) {
            return region.equals("emea") && stage.order() == 1 ? stage.standardS() * 3 / 2 : stage.standardS();
        }

        /** PUT body for /api/v1/pipelines/{id}. */
        String json() {
            StringBuilder b = new StringBuilder("{\"name\":\"").append(name).append("\",\"stages\":[");
            for (int i = 0; i < stages.size(); i++) {
                Stage s = stages.get(i);
                b.append(i == 0 ? "" : ",").append("{\"key\":\"").append(s.key()).append("\",\"kind\":\"")
                        .append(s.kind()).append('"');
                if (s.open()) {
                    // whole days: on a calendar pipeline a declared day is a working day (rule 15)
                    b.append(",\"standard\":\"P").append(s.standardS() / DAY).append("D\"");
                }
                b.append('}');
            }
            Stage second = stages.get(1);
            b.append("],\"overrides\":[{\"when\":{\"region\":\"emea\"},\"stage\":\"").append(second.key())
                    .append("\",\"standard\":\"PT").append(second.standardS() * 3 / 2).append("S\"}]");
            if (calendar != null) {
                b.append(",\"calendar\":").append(calendar);
            }
            return b.append('}').toString();
        }
    }

    public record Event(String eventId, String opportunityId, String pipelineId, String stage, long epochSecond,
            String ownerId, String amount, String currency, String region, String segment) {

        Instant occurredAt() {
            return Instant.ofEpochSecond(epochSecond);
        }
    }

    private final long seed;
    private final long anchor;
    private final List<PipelineDef> pipelines;
    private final List<PipelineDef> twins;
    private final String[] repRegion = new String[REPS];
    private final int[] rushedAt = new int[REPS];
    private final int[] slowAt = new int[REPS];

    public Generator(long seed) {
        this(seed, Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS).getEpochSecond());
    }

    Generator(long seed, long anchorEpochSecond) {
        this.seed = seed;
        this.anchor = anchorEpochSecond;
        this.pipelines = List.of(
                pipeline("bench-new-business", "New business", 0.40,
                        "qualify:3", "discover:7", "demo:5", "propose:6", "negotiate:5"),
                pipeline("bench-renewal", "Renewal", 0.25, "contact:2", "review:5", "quote:4", "sign:3"),
                pipeline("bench-enterprise", "Enterprise", 0.15, "qualify:5", "discover:14", "solution:10",
                        "security:12", "propose:7", "legal:10", "negotiate:7"),
                pipeline("bench-partner", "Partner", 0.20, "register:2", "qualify:4", "discover:6", "propose:5",
                        "negotiate:4", "commit:3"));
        this.twins = List.of(
                twin("bench-calendar-time", "New business, calendar time", null,
                        "qualify:3", "discover:7", "demo:5", "propose:6", "negotiate:5"),
                twin("bench-working-time", "New business, working time", workingCalendar(anchor),
                        "qualify:3", "discover:7", "demo:5", "propose:6", "negotiate:5"));
        SplittableRandom reps = new SplittableRandom(seed);
        for (int r = 0; r < REPS; r++) {
            repRegion[r] = REGIONS[r % REGIONS.length];
            double habit = reps.nextDouble();
            rushedAt[r] = habit < 0.125 ? reps.nextInt(4) : -1;
            slowAt[r] = habit >= 0.125 && habit < 0.25 ? reps.nextInt(4) : -1;
        }
    }

    private static PipelineDef twin(String id, String name, String calendar, String... openStages) {
        return define(id, name, 1, calendar, openStages);
    }

    private static PipelineDef pipeline(String id, String name, double weight, String... openStages) {
        return define(id, name, weight, null, openStages);
    }

    /**
     * Paris office hours on weekdays, and the French fixed-date public holidays of every year the
     * histories cover (two years back from the anchor) and the next one.
     */
    private static String workingCalendar(long anchor) {
        int year = Instant.ofEpochSecond(anchor).atZone(java.time.ZoneOffset.UTC).getYear();
        StringBuilder holidays = new StringBuilder();
        for (int y = year - 2; y <= year + 1; y++) {
            for (String day : List.of("01-01", "05-01", "05-08", "07-14", "08-15", "11-01", "11-11", "12-25")) {
                holidays.append(holidays.isEmpty() ? "" : ",").append('"').append(y).append('-').append(day).append('"');
            }
        }
        return "{\"zone\":\"Europe/Paris\",\"workdays\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"],"
                + "\"hours\":{\"from\":\"09:00\",\"to\":\"18:00\"},\"holidays\":[" + holidays + "]}";
    }

    private static PipelineDef define(String id, String name, double weight, String calendar,
            String... openStages) {
        List<Stage> stages = new ArrayList<>();
        for (String s : openStages) {
            String[] parts = s.split(":");
            stages.add(new Stage(parts[0], "OPEN", Long.parseLong(parts[1]) * DAY, stages.size()));
        }
        stages.add(new Stage("won", "WON", 0, stages.size()));
        stages.add(new Stage("lost", "LOST", 0, stages.size()));
        return new PipelineDef(id, name, stages, weight, calendar);
    }

    public List<PipelineDef> pipelines() {
        return pipelines;
    }

    /** Two pipelines alike but for the working-time calendar of the second (issue 12). */
    public List<PipelineDef> twins() {
        return twins;
    }

    public long anchor() {
        return anchor;
    }

    static String rep(int r) {
        return String.format("rep-%03d", r);
    }

    static String opportunityId(String namespace, int index) {
        return namespace + "-o" + index;
    }

    /** The events of one opportunity, in time order. */
    public List<Event> opportunity(String namespace, int index) {
        return opportunity(namespace, namespace, index, null);
    }

    /**
     * The same, in the given pipeline: the history is drawn from {@code seedNamespace} (so the
     * twins' opportunities of one index have identical histories) and named in {@code namespace}.
     */
    public List<Event> opportunity(String seedNamespace, String namespace, int index, PipelineDef forced) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + seedNamespace.hashCode() * 7_919L + index);
        PipelineDef drawn = pickPipeline(r.nextDouble());
        PipelineDef p = forced != null ? forced : drawn;
        List<Stage> open = p.openStages();
        Stage won = p.stages().get(open.size());
        Stage lost = p.stages().get(open.size() + 1);
        int owner = r.nextInt(REPS);
        String region = repRegion[owner];
        String segment = SEGMENTS[r.nextInt(SEGMENTS.length)];
        double scale = segment.equals("ent") ? 80_000 : segment.equals("mid") ? 25_000 : 6_000;
        String amount = String.format("%.2f", scale * Math.exp(0.7 * r.nextGaussian()));
        String currency = region.equals("amer") || region.equals("latam") ? "USD" : "EUR";
        String oid = opportunityId(namespace, index);
        int stall = r.nextDouble() < 0.06 ? r.nextInt(open.size()) : -1;

        List<Event> events = new ArrayList<>();
        long t = anchor - (long) (r.nextDouble() * 730 * DAY) - r.nextInt(86_400);
        int at = r.nextDouble() < 0.9 ? 0 : 1 + r.nextInt(2);
        int reentries = 0;
        while (true) {
            events.add(new Event(oid + "-e" + events.size(), oid, p.id(), open.get(at).key(), t, rep(owner), amount,
                    currency, region, segment));
            double factor = Math.exp(0.6 * r.nextGaussian());
            if (rushedAt[owner] == at) {
                factor *= 0.3;
            } else if (slowAt[owner] == at) {
                factor *= 2.4;
            }
            if (stall == at) {
                factor *= 8;
            }
            t += Math.max(60, (long) (p.standard(open.get(at), region) * factor));
            if (t > anchor || events.size() > 25) {
                return events; // still open at the anchor
            }
            if (r.nextDouble() < 0.03) {
                owner = r.nextInt(REPS);
            }
            double u = r.nextDouble();
            if (u < 0.10) {
                events.add(new Event(oid + "-e" + events.size(), oid, p.id(), lost.key(), t, rep(owner), amount,
                        currency, region, segment));
                return events;
            } else if (u < 0.15 && at > 0 && reentries < 2) {
                at--;
                reentries++;
            } else if (u < 0.23 && at + 2 < open.size()) {
                at += 2;
            } else {
                at++;
            }
            if (at >= open.size()) {
                events.add(new Event(oid + "-e" + events.size(), oid, p.id(), won.key(), t, rep(owner), amount,
                        currency, region, segment));
                return events;
            }
        }
    }

    private PipelineDef pickPipeline(double u) {
        double sum = 0;
        for (PipelineDef p : pipelines) {
            sum += p.weight();
            if (u < sum) {
                return p;
            }
        }
        return pipelines.get(pipelines.size() - 1);
    }

    /** Whole opportunities of a namespace, in order, until at least {@code events} events. */
    public Slice slice(String namespace, long events) {
        return new Slice(namespace, namespace, events, null);
    }

    /** Whole opportunities of {@code pipeline}, histories drawn from {@code seedNamespace}. */
    public Slice slice(String seedNamespace, String namespace, long events, PipelineDef pipeline) {
        return new Slice(seedNamespace, namespace, events, pipeline);
    }

    public final class Slice implements Iterator<Event> {
        final String seedNamespace;
        final String namespace;
        final long target;
        final PipelineDef pipeline;
        long emitted;
        int opportunities;
        Iterator<Event> current = List.<Event>of().iterator();

        Slice(String seedNamespace, String namespace, long target, PipelineDef pipeline) {
            this.seedNamespace = seedNamespace;
            this.namespace = namespace;
            this.target = target;
            this.pipeline = pipeline;
        }

        @Override
        public boolean hasNext() {
            return current.hasNext() || emitted < target;
        }

        @Override
        public Event next() {
            if (!current.hasNext()) {
                if (emitted >= target) {
                    throw new NoSuchElementException();
                }
                current = opportunity(seedNamespace, namespace, opportunities++, pipeline).iterator();
            }
            emitted++;
            return current.next();
        }

        /** Up to n events, or an empty list at the end. Synchronized: client threads share a slice. */
        public synchronized List<Event> take(int n) {
            List<Event> batch = new ArrayList<>(Math.min(n, 16_384));
            while (batch.size() < n && hasNext()) {
                batch.add(next());
            }
            return batch;
        }

        public int opportunities() {
            return opportunities;
        }
    }
}
