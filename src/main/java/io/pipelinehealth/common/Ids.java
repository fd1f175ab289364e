package io.pipelinehealth.common;

/** Identifier rules shared by every resource: CRM ids are 1 to 256 characters. */
public final class Ids {

    public static final int MAX_LENGTH = 256;

    private Ids() {
    }

    /** A description of what is wrong with the id, or null when it is acceptable. */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "is required and must not be empty";
        }
        String text = Text.problem(id, MAX_LENGTH);
        if (text != null) {
            return text;
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }
}
