package io.pipelinehealth.identity;

import java.util.List;

/** The body of POST /api/v1/keys; loosely typed so one 422 can name every bad field. */
public record KeyRequest(String name, List<String> roles, String ownerId, String expiresAt) {
}
