package io.pipelinehealth.connector;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A connector as the API shows it: never with its secret. */
public record Connector(
        String id,
        ConnectorKind kind,
        String name,
        List<StageMapping> stages,
        Map<String, String> owners,
        Map<String, String> attributes,
        String inboundUrl,
        Instant createdAt,
        Instant updatedAt) {

    Connector withInboundUrl(String url) {
        return new Connector(id, kind, name, stages, owners, attributes, url, createdAt, updatedAt);
    }
}
