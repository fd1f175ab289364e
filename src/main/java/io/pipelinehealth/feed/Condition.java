package io.pipelinehealth.feed;

/** One comparison of a feed filter: a whitelisted column, one of three operators, a bound value. */
public record Condition(FeedColumn column, Op op, Object value) {

    /** eq, ge and lt: enough for half-open windows (Power BI's RangeStart/RangeEnd) and exact matches. */
    public enum Op {
        EQ("="), GE(">="), LT("<");

        final String sql;

        Op(String sql) {
            this.sql = sql;
        }
    }
}
