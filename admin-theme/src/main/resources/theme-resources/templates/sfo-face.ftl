<#-- The face factor: consent, the camera, the server's random head turns as instructions; frames go to Keycloak, which decides. -->
<#import "template.ftl" as layout>
<#import "sfo-signing-in.ftl" as signingIn>
<@layout.registrationLayout displayMessage=true; section>
    <#if section="header">
        <#if sfoFaceEnrolling>${msg("sfoFaceEnrolTitle")}<#else>${msg("sfoFaceTitle")}</#if>
    <#elseif section="form">
        <@signingIn.banner/>
        <form id="sfo-face-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              data-max-frames="${sfoFaceMaxFrames?c}">
            <p id="sfo-face-intro"><#if sfoFaceEnrolling>${msg("sfoFaceEnrolIntro")}<#else>${msg("sfoFaceIntro")}</#if></p>
            <div class="${properties.kcFormGroupClass!}">
                <input type="checkbox" id="sfo-face-consent" name="consent" value="yes" required/>
                <label for="sfo-face-consent"><#if sfoFaceEnrolling>${msg("sfoFaceEnrolConsent")}<#else>${msg("sfoFaceConsent")}</#if></label>
            </div>
            <video id="sfo-face-video" autoplay muted playsinline width="320" height="240" aria-hidden="true"></video>
            <ol id="sfo-face-steps" aria-live="polite">
                <li data-pose="FRONT">${msg("sfoFaceLookFront")}</li>
                <#list sfoFaceTurns as turn>
                    <li data-pose="${turn}">${msg("sfoFaceTurn_" + turn)}</li>
                </#list>
            </ol>
            <p id="sfo-face-status" role="status" aria-live="assertive"></p>
            <div id="sfo-face-frames"></div>
            <noscript><p>${msg("sfoFaceNoScript")}</p></noscript>
            <div class="${properties.kcFormGroupClass!}">
                <button id="sfo-face-start" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                        type="button">${msg("sfoFaceStart")}</button>
                <#-- Started from the Account Console: Keycloak's own cancel, back to the console with nothing changed. -->
                <button id="sfo-face-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="<#if isAppInitiatedAction??>cancel-aia<#else>cancel</#if>" value="true" formnovalidate>${msg("sfoCodeCancel")}</button>
            </div>
            <span id="sfo-face-messages" hidden data-no-camera="${msg("sfoFaceNoCamera")}"
                  data-hold="${msg("sfoFaceHold")}" data-sending="${msg("sfoFaceSending")}"
                  data-consent="${msg("sfoFaceConsentMissing")}"></span>
        </form>
        <script src="${url.resourcesPath}/js/sfo-face.js" defer></script>
    </#if>
</@layout.registrationLayout>
