package io.pipelinehealth.pipeline;

import java.util.Set;

/**
 * What a pipeline's replacement asks of the visits derived from it. The visit package implements
 * it (it derives visits from pipelines, so it sits above this package); this package only calls
 * it, so no import runs back up.
 */
public interface DerivedVisits {

    /** The stages that stored events or hand-offs of the pipeline name: a replacement must keep them. */
    Set<String> stagesInUse(String tenantId, String pipelineId);

    /** Re-derives every visit of the pipeline under its new definition, in the caller's transaction. */
    void rederive(String tenantId, Pipeline pipeline);
}
