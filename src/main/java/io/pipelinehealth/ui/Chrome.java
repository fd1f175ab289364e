package io.pipelinehealth.ui;

/**
 * What every page around its content shows: the title, who is signed in, the sign-out form's CSRF
 * token, and the links the viewer may follow.
 */
public record Chrome(String title, String viewerName, String csrf, String homeLink, boolean team) {

    static Chrome of(String title, Viewer viewer) {
        return new Chrome(title, viewer.name(), viewer.csrf(), viewer.home(), viewer.seesTeam());
    }

    /** Error pages can be reached without a session. */
    static Chrome anonymous(String title) {
        return new Chrome(title, null, null, "/ui/login", false);
    }

    public boolean signedIn() {
        return viewerName != null;
    }
}
