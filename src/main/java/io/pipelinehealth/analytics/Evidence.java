package io.pipelinehealth.analytics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The evidence behind one rep's pattern at one stage (DOMAIN rule 11). Shares and their 95 %
 * Wilson intervals are null without a closed visit, team shares without a team, p-values (and so
 * q-values) below {@code minVisits} or without a team. Rows carry it unwrapped: its fields are
 * columns of theirs in JSON and CSV.
 */
@JsonPropertyOrder({ "pattern", "rushedShare", "rushedShareLow", "rushedShareHigh", "slowShare", "slowShareLow",
        "slowShareHigh", "teamRushedShare", "teamSlowShare", "rushedP", "slowP", "rushedQ", "slowQ" })
public record Evidence(
        RepPattern pattern,
        Double rushedShare,
        Double rushedShareLow,
        Double rushedShareHigh,
        Double slowShare,
        Double slowShareLow,
        Double slowShareHigh,
        Double teamRushedShare,
        Double teamSlowShare,
        Double rushedP,
        Double slowP,
        Double rushedQ,
        Double slowQ) {
}
