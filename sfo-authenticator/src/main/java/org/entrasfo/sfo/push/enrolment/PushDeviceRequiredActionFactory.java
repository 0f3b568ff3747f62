package org.entrasfo.sfo.push.enrolment;

import org.entrasfo.sfo.GuardedEnrolmentActionFactory;

/** The push device enrolment action ({@link PushDeviceRequiredAction}), guarded by a fresh factor of the user. */
public class PushDeviceRequiredActionFactory extends GuardedEnrolmentActionFactory {

    public static final String PROVIDER_ID = "sfo-push-enrol";

    public PushDeviceRequiredActionFactory() {
        super(PROVIDER_ID, "Set up push approval", new PushDeviceRequiredAction());
    }
}
