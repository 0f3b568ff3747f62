package org.entrasfo.sfo.face;

import org.keycloak.events.Errors;

/**
 * Why a face was not accepted: the reason an admin reads in the event, the error code, the message key the user reads
 * and whether it counts as a failed attempt for brute-force detection. Capture problems (no face, too dark, several
 * faces) tell the user how to retry and do not count; a face that did not match, or a challenge not followed, is an
 * attempt at someone's factor and counts.
 */
public enum FaceRefusal {

    NO_FACE("no face in a frame", "sfo_face_no_face", "sfoFaceNoFace", false),
    SEVERAL_FACES("more than one face in a frame", "sfo_face_several_faces", "sfoFaceSeveralFaces", false),
    TOO_DARK("a frame too dark to compare", "sfo_face_too_dark", "sfoFaceTooDark", false),
    CHALLENGE_NOT_FOLLOWED("head movements did not follow the challenge", "sfo_face_challenge_not_followed",
            "sfoFaceChallengeNotFollowed", true),
    NO_MATCH("face does not match the enrolled face", Errors.INVALID_USER_CREDENTIALS, "sfoFaceNoMatch", true);

    private final String reason;
    private final String error;
    private final String message;
    private final boolean countsAsFailure;

    FaceRefusal(String reason, String error, String message, boolean countsAsFailure) {
        this.reason = reason;
        this.error = error;
        this.message = message;
        this.countsAsFailure = countsAsFailure;
    }

    public String reason() {
        return reason;
    }

    public String error() {
        return error;
    }

    public String message() {
        return message;
    }

    public boolean countsAsFailure() {
        return countsAsFailure;
    }
}
