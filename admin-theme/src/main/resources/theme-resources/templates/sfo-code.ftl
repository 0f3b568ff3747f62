<#-- One-time code form of the SFO factors whose code the user types (email, SMS, help desk). Works inside any login theme. -->
<#import "template.ftl" as layout>
<#import "sfo-signing-in.ftl" as signingIn>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
    <#if section="header">
        ${msg("sfoCodeTitle")}
    <#elseif section="form">
        <@signingIn.banner/>
        <#if sfoCodePending!true>
            <p id="sfo-code-sent" class="${properties.kcInstructionClass!}">${msg("sfoCodeSentTo_" + sfoFactor, sfoDestination)}</p>
        <#else>
            <p id="sfo-code-sent" class="${properties.kcInstructionClass!}">${msg("sfoCodeNoneValid", sfoDestination)}</p>
        </#if>
        <#if sfoValidMinutes??>
            <p id="sfo-code-validity" class="${properties.kcInstructionClass!}" aria-live="polite">${msg("sfoCodeValidFor", sfoValidMinutes)}</p>
        </#if>
        <#-- Live countdowns (resources/js/sfo-countdown.js); hidden until the script starts them, the words above stand without it. -->
        <#if sfoCodeSecondsLeft??>
            <p id="sfo-code-countdown" class="sfo-countdown ${properties.kcInstructionClass!}" hidden data-sfo-countdown
               data-seconds-left="${sfoCodeSecondsLeft?c}" data-status-id="sfo-countdown-status"
               data-message-left="${msg("sfoSecondsLeft")}" data-message-over="${msg("sfoCodeExpiredNow")}">${msg("sfoCodeTimeLeft")} <span class="sfo-countdown-clock"></span></p>
        </#if>
        <#if (sfoResend!true) && (sfoResendSecondsLeft!0) gt 0>
            <p id="sfo-resend-countdown" class="sfo-countdown ${properties.kcInstructionClass!}" hidden data-sfo-countdown
               data-seconds-left="${sfoResendSecondsLeft?c}" data-message-over="${msg("sfoResendNow")}">${msg("sfoResendIn")} <span class="sfo-countdown-clock"></span></p>
        </#if>
        <p id="sfo-countdown-status" class="${properties.kcInstructionClass!}" role="status"></p>
        <form id="sfo-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="code" class="${properties.kcLabelClass!}">${msg("sfoCodeLabel")}</label>
                <input id="code" name="code" type="text" class="${properties.kcInputClass!}" inputmode="numeric"
                       autocomplete="one-time-code" autofocus required pattern="[0-9 -]*"
                       aria-describedby="sfo-code-sent<#if sfoValidMinutes??> sfo-code-validity</#if>" aria-invalid="<#if message?has_content && message.type = 'error'>true<#else>false</#if>"/>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button id="sfo-code-submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="verify" value="true">${msg("sfoCodeSubmit")}</button>
                <#if sfoResend!true>
                <button id="sfo-code-resend" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="resend" value="true" formnovalidate>${msg("sfoCodeResend")}</button>
                </#if>
                <button id="sfo-code-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="cancel" value="true" formnovalidate>${msg("sfoCodeCancel")}</button>
            </div>
        </form>
        <script src="${url.resourcesPath}/js/sfo-countdown.js" defer></script>
    </#if>
</@layout.registrationLayout>
