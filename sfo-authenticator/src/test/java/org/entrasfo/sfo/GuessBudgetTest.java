package org.entrasfo.sfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserLoginFailureProvider;
import org.keycloak.models.UserModel;

/**
 * The guess budget's freeing after a right code, against a store that keeps keys as Keycloak's does (put-if-absent,
 * remove answers what it removed) and counts the calls: every held slot is freed, and a sign-in without wrong guesses
 * costs the store three calls, not one per slot of the failure factor.
 */
class GuessBudgetTest {

    private static final int FAILURE_FACTOR = 30;

    private final Map<String, Map<String, String>> held = new HashMap<>();
    private int calls;
    /** Failures Keycloak's brute-force protector has counted for the user. */
    private int counted;
    private final KeycloakSession session = stub(KeycloakSession.class, Map.of("singleUseObjects", stub(SingleUseObjectProvider.class, Map.of()),
            "loginFailures", stub(UserLoginFailureProvider.class, Map.of())));
    private final RealmModel realm = stub(RealmModel.class, Map.of("isBruteForceProtected", true, "getWaitIncrementSeconds", 60,
            "getFailureFactor", FAILURE_FACTOR, "getId", "realm-1"));
    private final UserModel user = stub(UserModel.class, Map.of("getId", "user-1"));

    @Test
    void aRightCodeWithoutWrongOnesCostsThreeStoreCallsNotOnePerSlotOfTheFailureFactor() {
        GuessBudget right = new GuessBudget(session, realm);
        assertThat(right.tryClaim(user)).isTrue();
        right.clear(user);
        assertThat(held).isEmpty();
        assertThat(calls).isEqualTo(3);
    }

    @Test
    void aRightCodeFreesTheWrongGuessesHeldBeforeItAndThoseStillInFlightAfterIt() {
        for (int i = 0; i < 4; i++) {
            assertThat(new GuessBudget(session, realm).tryClaim(user)).isTrue();
        }
        GuessBudget right = new GuessBudget(session, realm);
        assertThat(right.tryClaim(user)).isTrue();
        // Two guesses sent at the same time as the right one claim the slots after it.
        assertThat(new GuessBudget(session, realm).tryClaim(user)).isTrue();
        assertThat(new GuessBudget(session, realm).tryClaim(user)).isTrue();
        right.clear(user);
        assertThat(held).isEmpty();
    }

    @Test
    void theBudgetIsSpentAfterTheFailureFactorOfWrongGuessesAndWholeAgainAfterARightOne() {
        for (int i = 0; i < FAILURE_FACTOR - 1; i++) {
            assertThat(new GuessBudget(session, realm).tryClaim(user)).isTrue();
        }
        GuessBudget right = new GuessBudget(session, realm);
        assertThat(right.tryClaim(user)).isTrue();
        assertThat(new GuessBudget(session, realm).tryClaim(user)).as("a guess past the budget").isFalse();
        right.clear(user);
        for (int i = 0; i < FAILURE_FACTOR; i++) {
            assertThat(new GuessBudget(session, realm).tryClaim(user)).isTrue();
        }
        assertThat(new GuessBudget(session, realm).tryClaim(user)).as("a guess past the budget").isFalse();
    }

    @Test
    void aGuessThatDidNotCountGivesItsSlotBackSoRefusedUploadsCannotSpendEveryFactorsBudget() {
        for (int i = 0; i < FAILURE_FACTOR * 2; i++) {
            GuessBudget refusedUpload = new GuessBudget(session, realm);
            assertThat(refusedUpload.tryClaim(user)).as("post %s", i).isTrue();
            refusedUpload.release(user);
        }
        assertThat(held).isEmpty();
        assertThat(new GuessBudget(session, realm).tryClaim(user)).isTrue();
    }

    @Test
    void aBurstSentAsALockoutEndsGetsOneGuessCheckedNotAWholeFailureFactor() {
        counted = FAILURE_FACTOR; // Keycloak locked the user once; every further failure locks again

        assertThat(new GuessBudget(session, realm).tryClaim(user)).as("the first guess of the burst").isTrue();
        assertThat(new GuessBudget(session, realm).tryClaim(user)).as("a second guess in flight").isFalse();
    }

    @Test
    void beforeTheFirstLockoutTheWholeFailureFactorMayBeInFlight() {
        counted = FAILURE_FACTOR - 1;

        for (int i = 0; i < FAILURE_FACTOR; i++) {
            assertThat(new GuessBudget(session, realm).tryClaim(user)).isTrue();
        }
    }

    /** The store's two calls the budget makes, as Keycloak's single-use store answers them; every other model getter from the map. */
    private <T> T stub(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "putIfAbsent" -> {
                    calls++;
                    return held.putIfAbsent((String) args[0], Map.of()) == null;
                }
                case "getUserLoginFailure" -> {
                    return counted == 0 ? null : stub(UserLoginFailureModel.class, Map.of("getNumFailures", counted));
                }
                case "remove" -> {
                    calls++;
                    return held.remove((String) args[0]);
                }
                default -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                    }
                    return answers.get(method.getName());
                }
            }
        }));
    }
}
