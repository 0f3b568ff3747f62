<#-- Enrolling a push device (SFO flow and required action): QR code, typed code, and a wait that continues by itself. -->
<#import "template.ftl" as layout>
<#import "sfo-signing-in.ftl" as signingIn>
<@layout.registrationLayout displayMessage=true; section>
    <#if section="header">
        ${msg("sfoPushEnrolTitle")}
    <#elseif section="form">
        <@signingIn.banner/>
        <ol id="sfo-push-enrol-steps" class="${properties.kcListClass!}">
            <li>
                <p>${msg("sfoPushEnrolScan")}</p>
                <img id="sfo-push-enrol-qr" src="data:image/png;base64, ${sfoPushEnrolQrCode}" alt="${msg("sfoPushEnrolQrAlt")}" width="240" height="240"/>
                <p><a id="sfo-push-enrol-link" href="${sfoPushEnrolLink}" rel="noreferrer">${msg("sfoPushEnrolOpenHere")}</a></p>
            </li>
            <li>
                <p>${msg("sfoPushEnrolCodeInstead", sfoPushAppUrl)}</p>
                <p><code id="sfo-push-enrol-code">${sfoPushEnrolCode}</code></p>
            </li>
            <li><p>${msg("sfoPushEnrolName")}</p></li>
        </ol>
        <p id="sfo-push-status" class="${properties.kcInstructionClass!}" role="status" aria-live="polite">${msg("sfoPushEnrolWaiting", (sfoPushSecondsLeft / 60)?ceiling?c)}</p>
        <form id="sfo-push-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              data-status-url="${sfoPushStatusUrl}" data-seconds-left="${sfoPushSecondsLeft?c}" data-done-state="enrolled"
              data-message-enrolled="${msg("sfoPushEnrolDone")}" data-message-expired="${msg("sfoPushEnrolExpired")}"
              data-message-offline="${msg("sfoPushOffline")}">
            <div class="${properties.kcFormGroupClass!}">
                <button id="sfo-push-check" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="sfo-push-action" value="check">${msg("sfoPushEnrolContinue")}</button>
                <button id="sfo-push-resend" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="sfo-push-action" value="resend">${msg("sfoPushEnrolNewCode")}</button>
                <#if isAppInitiatedAction??>
                    <button id="sfo-push-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                            type="submit" name="cancel-aia" value="true" formnovalidate>${msg("doCancel")}</button>
                <#else>
                    <button id="sfo-push-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                            type="submit" name="sfo-push-action" value="cancel">${msg("sfoCodeCancel")}</button>
                </#if>
            </div>
        </form>
        <script src="${url.resourcesPath}/js/sfo-push-wait.js" defer></script>
    </#if>
</@layout.registrationLayout>
