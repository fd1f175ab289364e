package io.pipelinehealth.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The pages' Qute templates (src/main/resources/templates), checked against these types at build time. */
@CheckedTemplate
final class Views {

    private Views() {
    }

    static native TemplateInstance login(String error, String csrf);

    static native TemplateInstance error(Chrome chrome, int status, String message);

    static native TemplateInstance home(Chrome chrome, HomeModel model);

    static native TemplateInstance pipeline(Chrome chrome, PipelineModel model);

    static native TemplateInstance frozen(Chrome chrome, FrozenModel model);

    static native TemplateInstance opportunity(Chrome chrome, OpportunityModel model);

    static native TemplateInstance rep(Chrome chrome, RepModel model);
}
