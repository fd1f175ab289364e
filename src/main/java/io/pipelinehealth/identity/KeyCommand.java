package io.pipelinehealth.identity;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Ids;
import io.pipelinehealth.common.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** A validated key request. */
record KeyCommand(String name, List<String> roles, String ownerId, Instant expiresAt) {

    static final int MAX_NAME = 200;

    /** {@code mayGrantOperator}: only an operator key can make another operator key. */
    static KeyCommand parse(KeyRequest request, Instant now, boolean mayGrantOperator) {
        if (request == null) {
            throw invalid(List.of(FieldError.of("body", "a key request is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        String name = request.name();
        if (name == null || name.isBlank()) {
            errors.add(FieldError.of("name", "is required and must not be blank"));
        } else if (name.codePointCount(0, name.length()) > MAX_NAME) {
            errors.add(FieldError.of("name", "must be at most " + MAX_NAME + " characters"));
        }
        List<String> roles = roles(request.roles(), mayGrantOperator, errors);
        if (request.ownerId() != null) {
            String problem = Ids.problem(request.ownerId());
            if (problem != null) {
                errors.add(FieldError.of("ownerId", problem));
            }
        } else if (roles.contains(Roles.REP)) {
            errors.add(FieldError.of("ownerId", "is required for role rep: the rep whose deals the key sees"));
        }
        Instant expiresAt = null;
        if (request.expiresAt() != null) {
            try {
                expiresAt = Instants.parse(request.expiresAt());
                if (!expiresAt.isAfter(now)) {
                    errors.add(FieldError.of("expiresAt", "must be in the future"));
                }
            } catch (Instants.InvalidInstant e) {
                errors.add(FieldError.of("expiresAt", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new KeyCommand(name.strip(), roles, request.ownerId(), expiresAt);
    }

    private static List<String> roles(List<String> requested, boolean mayGrantOperator, List<FieldError> errors) {
        if (requested == null || requested.isEmpty()) {
            errors.add(FieldError.of("roles", "at least one role is required, of " + Roles.ALL));
            return List.of();
        }
        LinkedHashSet<String> roles = new LinkedHashSet<>();
        for (String role : requested) {
            if (!Roles.ALL.contains(role)) {
                errors.add(FieldError.of("roles", "unknown role '" + role + "'; roles are " + Roles.ALL));
            } else if (role.equals(Roles.OPERATOR) && !mayGrantOperator) {
                errors.add(FieldError.of("roles", "only an operator key can grant the operator role"));
            } else {
                roles.add(role);
            }
        }
        return List.copyOf(roles);
    }

    private static ApiException invalid(List<FieldError> errors) {
        return ApiException.unprocessable("invalid-key", "Invalid key request",
                errors.size() + " problem(s) in the key request; see errors", errors);
    }
}
