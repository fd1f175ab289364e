package io.pipelinehealth.connector;

import java.util.List;
import java.util.Map;

/** The body of POST /api/v1/connectors and PUT /api/v1/connectors/{id}. */
public record ConnectorRequest(
        ConnectorKind kind,
        String name,
        List<StageMapping> stages,
        Map<String, String> owners,
        Map<String, String> attributes,
        String secret) {
}
