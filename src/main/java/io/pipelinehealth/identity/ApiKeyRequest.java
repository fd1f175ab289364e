package io.pipelinehealth.identity;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer key presented by a request, on its way to {@link ApiKeyIdentityProvider}. */
public class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
