<#-- Push approval: the number to pick on the device, and a wait that continues by itself (resources/js/sfo-push-wait.js). -->
<#import "template.ftl" as layout>
<#import "sfo-signing-in.ftl" as signingIn>
<@layout.registrationLayout displayMessage=true; section>
    <#if section="header">
        ${msg("sfoPushTitle")}
    <#elseif section="form">
        <@signingIn.banner/>
        <#if sfoPushNumber?? && !sfoPushFinished>
            <p id="sfo-push-sent" class="${properties.kcInstructionClass!}">${msg("sfoPushSentTo", sfoPushDevices?join(", "))}</p>
            <p id="sfo-push-instruction" class="${properties.kcInstructionClass!}">${msg(sfoPushTyped?then("sfoPushInstructionType", "sfoPushInstructionChoose"))}</p>
            <#-- Large in any theme: our class in the entra-sfo theme, the title style of keycloak.v2 otherwise. -->
            <p id="sfo-push-number" class="sfo-push-number ${properties.kcLoginMainTitle!}" aria-describedby="sfo-push-instruction"><strong>${sfoPushNumber}</strong></p>
            <p id="sfo-push-status" class="${properties.kcInstructionClass!}" role="status" aria-live="polite">${msg("sfoPushWaiting", sfoPushSecondsLeft?c)}</p>
            <#-- The live countdown (resources/js/sfo-countdown.js) ticks silently; the status line above hears the few moments that matter. -->
            <p id="sfo-push-countdown" class="sfo-countdown ${properties.kcInstructionClass!}" hidden data-sfo-countdown
               data-seconds-left="${sfoPushSecondsLeft?c}" data-status-id="sfo-push-status"
               data-message-left="${msg("sfoSecondsLeft")}" data-message-over="${msg("sfoPushExpired")}">${msg("sfoPushTimeLeft")} <span class="sfo-countdown-clock"></span></p>
        </#if>
        <form id="sfo-push-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              <#if sfoPushStatusUrl?? && !sfoPushFinished>data-status-url="${sfoPushStatusUrl}" data-seconds-left="${sfoPushSecondsLeft?c}"</#if>
              data-done-state="approved"
              data-message-denied="${msg("sfoPushDenied")}" data-message-wrong_number="${msg("sfoPushWrongNumber")}"
              data-message-expired="${msg("sfoPushExpired")}" data-message-replaced="${msg("sfoPushReplaced")}"
              data-message-approved="${msg("sfoPushApproved")}" data-message-offline="${msg("sfoPushOffline")}">
            <div class="${properties.kcFormGroupClass!}">
                <#if sfoPushFinished>
                    <button id="sfo-push-resend" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                            type="submit" name="sfo-push-action" value="resend">${msg("sfoPushSendAgain")}</button>
                <#else>
                    <noscript>
                        <button id="sfo-push-check" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                                type="submit" name="sfo-push-action" value="check">${msg("sfoPushContinue")}</button>
                    </noscript>
                    <button id="sfo-push-resend" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                            type="submit" name="sfo-push-action" value="resend">${msg("sfoPushSendAgain")}</button>
                </#if>
                <button id="sfo-push-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="sfo-push-action" value="cancel">${msg("sfoCodeCancel")}</button>
            </div>
        </form>
        <script src="${url.resourcesPath}/js/sfo-push-wait.js" defer></script>
        <script src="${url.resourcesPath}/js/sfo-countdown.js" defer></script>
    </#if>
</@layout.registrationLayout>
