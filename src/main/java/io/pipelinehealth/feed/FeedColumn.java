package io.pipelinehealth.feed;

/** The visit fields a feed read may filter on (REST parameters and OData $filter): a whitelist of columns. */
public enum FeedColumn {
    PIPELINE_ID("pipelineId", "v.pipeline_id", false),
    STAGE("stage", "v.stage", false),
    OWNER_ID("ownerId", "v.owner_id", false),
    ENTERED_AT("enteredAt", "v.entered_at", true),
    LEFT_AT("leftAt", "v.left_at", true);

    private final String field;
    private final String column;
    private final boolean instant;

    FeedColumn(String field, String column, boolean instant) {
        this.field = field;
        this.column = column;
        this.instant = instant;
    }

    public String field() {
        return field;
    }

    String column() {
        return column;
    }

    public boolean instant() {
        return instant;
    }

    public static FeedColumn ofField(String field) {
        for (FeedColumn c : values()) {
            if (c.field.equals(field)) {
                return c;
            }
        }
        return null;
    }
}
