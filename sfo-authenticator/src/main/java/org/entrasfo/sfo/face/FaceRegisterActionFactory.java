package org.entrasfo.sfo.face;

import org.entrasfo.sfo.GuardedEnrolmentActionFactory;

/** The face enrolment action ({@link FaceRegisterAction}), guarded by a fresh factor of the user. */
public class FaceRegisterActionFactory extends GuardedEnrolmentActionFactory {

    public static final String PROVIDER_ID = "sfo-face-register";
    public static final String DISPLAY_TEXT = "Set up face";

    public FaceRegisterActionFactory() {
        super(PROVIDER_ID, DISPLAY_TEXT, new FaceRegisterAction());
    }
}
