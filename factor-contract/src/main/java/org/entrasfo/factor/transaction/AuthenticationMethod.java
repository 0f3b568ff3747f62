package org.entrasfo.factor.transaction;

import java.util.Arrays;
import java.util.Optional;

/**
 * The amr values Entra can request (contract 4), each with the factor type it proves. A factor of this product
 * names exactly one of them, the one that honestly describes what the user just did.
 */
public enum AuthenticationMethod {

    FIDO("fido", FactorType.POSSESSION),
    HWK("hwk", FactorType.POSSESSION),
    OTP("otp", FactorType.POSSESSION),
    POP("pop", FactorType.POSSESSION),
    SC("sc", FactorType.POSSESSION),
    SMS("sms", FactorType.POSSESSION),
    SWK("swk", FactorType.POSSESSION),
    TEL("tel", FactorType.POSSESSION),
    FACE("face", FactorType.INHERENCE),
    FPT("fpt", FactorType.INHERENCE),
    IRIS("iris", FactorType.INHERENCE),
    RETINA("retina", FactorType.INHERENCE),
    VBM("vbm", FactorType.INHERENCE);

    private final String amr;
    private final FactorType type;

    AuthenticationMethod(String amr, FactorType type) {
        this.amr = amr;
        this.type = type;
    }

    public String amr() {
        return amr;
    }

    public FactorType type() {
        return type;
    }

    /**
     * Whether passing it may confirm a change to the user's factors (adding, replacing or removing one). A face can be
     * rendered turning from one photo of its owner: enough for a sign-in where the realm accepts that, never for a
     * change that would let whoever had the photo stay signed in for good or take the owner's other factors away.
     */
    public boolean confirmsFactorChanges() {
        return this != FACE;
    }

    public static Optional<AuthenticationMethod> fromAmr(String amr) {
        return Arrays.stream(values()).filter(m -> m.amr.equals(amr)).findFirst();
    }
}
