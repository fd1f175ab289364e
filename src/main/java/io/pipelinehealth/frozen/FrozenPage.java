package io.pipelinehealth.frozen;

import java.util.List;

/** The JSON shape of a page of the frozen list, for the OpenAPI document (the resource answers a Response). */
public record FrozenPage(List<FrozenItem> items, String nextCursor) {
}
