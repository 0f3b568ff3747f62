package org.entrasfo.it.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The attack cases the security note counts: every test of this package, and the tests elsewhere that perform an
 * attack of the issue's list (the SSO cookie, replays, another user's device, the policy, lockouts).
 */
final class AttackCatalogue {

    /** Tests outside this package that perform an attack; named here so the note's figure includes them. */
    static final List<String> ELSEWHERE = List.of(
            "org.entrasfo.it.face.FaceFactorIT#aVerdictSimilarityOrChallengePostedByTheBrowserChangesNothing",
            "org.entrasfo.it.face.FaceFactorIT#anotherPersonsFaceCountsTowardLockoutAndALockedUserNeverReachesTheEngine",
            "org.entrasfo.it.face.FaceSignInIT#anotherPersonFollowingTheChallengeIsNotRecognisedAndEntraGetsNothing",
            "org.entrasfo.it.face.FaceSignInIT#aStillPictureOfTheEnrolledPersonFailsLivenessAndEntraGetsNothing",
            "org.entrasfo.it.face.FaceSignInIT#framesOfAnAcceptedSignInReplayedIntoANewSignInWithOtherTurnsAreRefused",
            "org.entrasfo.it.face.FaceSignInIT#aFacePassedInTheSignInDoesNotLetTheFaceBeReplaced",
            "org.entrasfo.it.face.FaceFactorIT#reloadingTheFacePageOrSayingNoCameraDrawsNoNewChallenge",
            "org.entrasfo.it.broker.SsoSessionIT#neverLetsTheSsoCookieStandInForTheSecondFactor",
            "org.entrasfo.it.broker.SsoSessionIT#neverAnswersAPassiveRequestWithAToken",
            "org.entrasfo.it.broker.SsoSessionIT#endsAnotherUsersSessionOnASharedBrowserInsteadOfStopping",
            "org.entrasfo.it.broker.ReplayIT#refusesAHintThatAlreadyCompletedATransaction",
            "org.entrasfo.it.broker.ReplayIT#refusesANonceThatAlreadyCompletedATransaction",
            "org.entrasfo.it.broker.ReplayIT#refusesAClientRequestIdThatAlreadyCompletedATransaction",
            "org.entrasfo.it.broker.ReplayIT#letsOnlyOneOfTwoRacingBrowsersComplete",
            "org.entrasfo.it.cluster.ClusterIT#refusesOnOneNodeAHintThatCompletedOnTheOther",
            "org.entrasfo.it.cluster.ClusterIT#wrongCodesTypedOnBothNodesAddUpAndLockTheUserOnEach",
            "org.entrasfo.it.factors.push.PushApprovalIT#aDeviceOfAnotherUserCannotSeeOrAnswerTheChallenge",
            "org.entrasfo.it.factors.push.PushApprovalIT#anApprovalServesOnlyTheAuthSessionOfItsChallenge",
            "org.entrasfo.it.factors.push.PushApprovalIT#aNewSignInReplacesTheChallengeAndTheOldOneCannotBeApproved",
            "org.entrasfo.it.factors.push.PushApprovalIT#refusesAnApprovalSignedByAnotherKey",
            "org.entrasfo.it.factors.push.PushApprovalIT#refusesAReplayedApprovalAndASecondAnswer",
            "org.entrasfo.it.factors.push.PushApprovalIT#answersGarbageWithAClearErrorNeverAServerErrorAndStoresNoEvent",
            "org.entrasfo.it.policy.SecondFactorPolicyIT#offersOnlyTheFactorsThePolicyAllows",
            "org.entrasfo.it.factors.otp.OtpFactorIT#acceptsATimeBasedCodeOnlyOnce",
            "org.entrasfo.it.factors.otp.OtpFactorIT#locksTheUserOutAfterRepeatedWrongCodesAsTheRealmSays",
            "org.entrasfo.it.factors.helpdesk.HelpdeskCodeIT#aWrongCodeCountsAsAFailedAttempt",
            "org.entrasfo.it.factors.helpdesk.HelpdeskCodeIT#onlyOperatorsAndUserAdminsIssueCodesAndEveryRefusalNamesItsField",
            "org.entrasfo.it.factors.passkey.PasskeyIT#cliniciansSharingOneKeyEachSignInAsThemselvesAndAKeyOfAnotherUserIsRefused",
            "org.entrasfo.it.factors.passkey.PasskeyIT#refusesAKeyTheAdminRemovedWhileThePageWasOpen",
            "org.entrasfo.it.factors.passkey.PasskeyIT#refusesAnAnswerWithoutUserVerificationWhenTheRealmRequiresIt",
            "org.entrasfo.it.factors.passkey.PasskeyIT#refusesToRegisterAKeyOnceThePassedFactorIsNoLongerFresh",
            "org.entrasfo.it.factors.passkey.PasskeyIT#registeringAKeyFromTheAccountConsoleAsksForTheFactorFirst",
            "org.entrasfo.it.factors.passkey.PasskeyEnrolmentIT#openingTheRegistrationPageAgainDoesNotLengthenTheCeremony",
            "org.entrasfo.it.factors.passkey.PasskeyEnrolmentIT#aRegistrationPostWithoutTheKeysAnswerGetsAPageAndAnEventNeverAServerError",
            "org.entrasfo.it.factors.passkey.PasskeyEnrolmentIT#aUserWhoHasAFactorIsAskedForItAndNotOfferedAKeyInTheWindow",
            "org.entrasfo.it.factors.passkey.PasskeyEnrolmentIT#aFactorGivenToTheUserWhileTheRegistrationPageIsOpenEndsThatEnrolment",
            "org.entrasfo.it.factors.passkey.PasskeyAccountConsoleIT#theAccountConsolesSetUpLinkAsksForAFreshFactorThenRegistersAKeyThatIsListedAndRemovable",
            "org.entrasfo.it.factors.passkey.PasskeyAccountConsoleIT#aPasswordlessKeyOfTheUserNeverCountsAsThePasskeyFactor",
            "org.entrasfo.it.face.FaceEnrolmentIT#anSsoSessionFromAnotherClientCannotAddAFaceWithoutAFreshFactor",
            "org.entrasfo.it.face.FaceEnrolmentIT#aFactorPassedLongerAgoThanTheWindowAddsNoFace",
            "org.entrasfo.it.theme.SigningInPagesIT#cancelOnTheFactorChoicePageCannotBeUsedToSkipTheFactor",
            "org.entrasfo.it.theme.SigningInPagesIT#noPageHasKeycloaksUsernameBoxOrTheRestartLink",
            "org.entrasfo.it.factors.otp.PreferredFactorIT#aRememberedFactorThePolicyNoLongerOffersIsNeitherStartedNorListed",
            "org.entrasfo.it.scim.ScimClientAttacksIT#theProvisioningTokenOpensNoDoorOfTheAdminApi",
            "org.entrasfo.it.scim.ScimClientAttacksIT#refusesATokenOfAnotherRealmsProvisioningClient",
            "org.entrasfo.it.scim.ScimClientAttacksIT#refusesToFillOrChangeAGroupThatCarriesRoles",
            "org.entrasfo.it.scim.ScimClientAttacksIT#refusesToChangeOrDeleteAUserWhoHoldsRoles",
            "org.entrasfo.it.scim.ScimClientAttacksIT#refusesAnAttributeTheMappingDoesNotNameAndChangesNothing",
            "org.entrasfo.it.scim.ScimClientAttacksIT#refusesToMoveAnEntraObjectIdOntoAnotherUser",
            "org.entrasfo.it.scim.ScimClientAttacksIT#refusesAMobileNumberTheSmsFactorWouldNotSendTo",
            "org.entrasfo.it.scim.ScimProvisionedSignInIT#aUserEntraDisabledIsRefusedAtOnceWithAnEvent",
            "org.entrasfo.it.scim.ScimUserAttacksIT#aForgedProvisioningTokenProbesNothingAndWritesNoEvent",
            "org.entrasfo.it.scim.ScimUserAttacksIT#refusesToClearOrChangeABoundEntraObjectIdSoItCannotMoveInTwoSteps",
            "org.entrasfo.it.scim.ScimUserAttacksIT#aScimDeleteDisablesTheClinicianAndKeepsTheirFactorsAndNoSecondAccountComesBack",
            "org.entrasfo.it.scim.ScimUserAttacksIT#activeTrueLeavesAUserAnAdminDisabledDisabled",
            "org.entrasfo.it.scim.ScimUserAttacksIT#anAddressSomeoneElseSetIsNotMarkedVerifiedByAScimWrite",
            "org.entrasfo.it.scim.ScimUserAttacksIT#theProvisioningTokenUnderDpopOrBeforeASecondHeaderOpensNoDoorOfTheAdminApi",
            "org.entrasfo.it.scim.ScimUserAttacksIT#aServiceAccountWithManageUsersIssuesNoHelpdeskCode",
            "org.entrasfo.it.scim.ScimGroupAttacksIT#entraCannotFillRenameOrDeleteAGroupAnAdminMade",
            "org.entrasfo.it.scim.ScimGroupAttacksIT#entraCannotPutAnyoneInAGroupThatOpensAnEnrolmentWindow",
            "org.entrasfo.it.scim.ScimGroupAttacksIT#entraCannotDeleteItsGroupOnceAnAdminHungAGroupWithRolesUnderIt",
            "org.entrasfo.it.scim.ScimGroupAttacksIT#anOperatorSlippedInAmongOrdinaryMembersIsRefusedAndNobodyJoins",
            "org.entrasfo.it.scim.ScimGroupAttacksIT#entraCannotRemoveAnOperatorAnAdminPlacedInItsGroup",
            "org.entrasfo.it.scim.ScimShapeAttacksIT#aGroupJoinAnObjectIdAndAReEnableHiddenInTheEnvelopeOfAUserPatchAreRefused",
            "org.entrasfo.it.scim.ScimShapeAttacksIT#aValueWrappedInAnObjectNamedAfterItsAttributeIsRefused",
            "org.entrasfo.it.scim.ScimShapeAttacksIT#anOperatorInAMemberShapeEntraNeverSendsJoinsNoGroup",
            "org.entrasfo.it.scim.ScimShapeAttacksIT#entraCannotDeleteItsGroupWhileAnOperatorAnAdminPlacedIsInIt");

    private AttackCatalogue() {
    }

    /** The tests of this package that run, as {@code Class#method}. */
    static List<String> inThisPackage() {
        return testsOfThisPackage(false);
    }

    /** The tests of this package kept disabled: attacks that still work, each with its reason. */
    static List<String> disabledInThisPackage() {
        return testsOfThisPackage(true);
    }

    private static List<String> testsOfThisPackage(boolean disabled) {
        Path root;
        try {
            root = Path.of(AttackCatalogue.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String pkg = AttackCatalogue.class.getPackageName();
        List<String> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve(pkg.replace('.', '/')))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("IT.class")).sorted().toList()) {
                String name = file.getFileName().toString();
                Class<?> type = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()));
                Arrays.stream(type.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Test.class))
                        .filter(m -> m.isAnnotationPresent(Disabled.class) == disabled)
                        .map(m -> type.getName() + "#" + m.getName()).sorted().forEach(tests::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return tests;
    }

    /** The references of {@link #ELSEWHERE} that no longer name a test (renamed or removed since). */
    static List<String> missingReferences() {
        return ELSEWHERE.stream().filter(reference -> !exists(reference)).toList();
    }

    private static boolean exists(String reference) {
        String[] parts = reference.split("#");
        try {
            // Not initialised: an integration test's static set-up must not run to be looked at.
            for (Method method : Class.forName(parts[0], false, AttackCatalogue.class.getClassLoader()).getDeclaredMethods()) {
                if (method.getName().equals(parts[1]) && method.isAnnotationPresent(Test.class)) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
