<#-- Enrolment of a destination (a mobile number) for a code factor; the number is saved only after its code came back. -->
<#import "template.ftl" as layout>
<#import "sfo-signing-in.ftl" as signingIn>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('destination'); section>
    <#if section="header">
        ${msg("sfoEnrolTitle_" + sfoFactor)}
    <#elseif section="form">
        <@signingIn.banner/>
        <p id="sfo-enrol-intro" class="${properties.kcInstructionClass!}">${msg("sfoEnrolIntro_" + sfoFactor)}</p>
        <form id="sfo-enrol-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="destination" class="${properties.kcLabelClass!}">${msg("sfoEnrolLabel_" + sfoFactor)}</label>
                <input id="destination" name="destination" type="tel" class="${properties.kcInputClass!}" autocomplete="tel"
                       autofocus required aria-describedby="sfo-enrol-hint"
                       aria-invalid="<#if message?has_content && message.type = 'error'>true<#else>false</#if>"/>
                <p id="sfo-enrol-hint" class="${properties.kcInputHelperTextItemTextClass!}">${msg("sfoEnrolHint_" + sfoFactor)}</p>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button id="sfo-enrol-submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit">${msg("sfoEnrolSubmit")}</button>
                <button id="sfo-enrol-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="cancel" value="true" formnovalidate>${msg("sfoCodeCancel")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
