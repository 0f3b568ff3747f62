<#-- The OTP token factor: a code from the user's authenticator app or key fob; the token is chosen when there are several. -->
<#import "template.ftl" as layout>
<#import "sfo-signing-in.ftl" as signingIn>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('otp'); section>
    <#if section="header">
        ${msg("sfoOtpTitle")}
    <#elseif section="form">
        <@signingIn.banner/>
        <form id="sfo-otp-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#if sfoOtpCredentials?size gt 1>
                <fieldset class="${properties.kcFormGroupClass!}">
                    <legend class="${properties.kcLabelClass!}">${msg("sfoOtpChooseToken")}</legend>
                    <#list sfoOtpCredentials as credential>
                        <div>
                            <input type="radio" id="sfo-otp-credential-${credential?index}" name="selectedCredentialId"
                                   value="${credential.id}" <#if credential.id == sfoOtpSelected>checked</#if>/>
                            <label for="sfo-otp-credential-${credential?index}">${credential.label}</label>
                        </div>
                    </#list>
                </fieldset>
            <#else>
                <input type="hidden" name="selectedCredentialId" value="${sfoOtpSelected}"/>
            </#if>
            <div class="${properties.kcFormGroupClass!}">
                <label for="otp" class="${properties.kcLabelClass!}">${msg("sfoOtpLabel")}</label>
                <input id="otp" name="otp" type="text" class="${properties.kcInputClass!}" inputmode="numeric"
                       autocomplete="one-time-code" autofocus required pattern="[0-9 ]*" aria-describedby="sfo-otp-hint"
                       aria-invalid="<#if messagesPerField.existsError('otp')>true<#else>false</#if>"/>
                <p id="sfo-otp-hint" class="${properties.kcInputHelperTextItemTextClass!}">${msg("sfoOtpHint")}</p>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button id="sfo-otp-submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit">${msg("sfoCodeSubmit")}</button>
                <button id="sfo-otp-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="cancel" value="true" formnovalidate>${msg("sfoCodeCancel")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
