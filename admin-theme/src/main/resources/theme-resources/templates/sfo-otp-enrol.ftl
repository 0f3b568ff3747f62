<#-- Setting up an authenticator app inside the SFO flow: QR code and the same secret as text, then a first code. -->
<#import "template.ftl" as layout>
<#import "sfo-signing-in.ftl" as signingIn>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp'); section>
    <#if section="header">
        ${msg("sfoOtpEnrolTitle")}
    <#elseif section="form">
        <@signingIn.banner/>
        <ol id="sfo-otp-steps" class="${properties.kcListClass!}">
            <li><p>${msg("sfoOtpEnrolInstall")}</p></li>
            <li>
                <p>${msg("sfoOtpEnrolScan")}</p>
                <img id="sfo-otp-qr" src="data:image/png;base64, ${sfoOtpQrCode}" alt="${msg("sfoOtpEnrolQrAlt")}" width="200" height="200"/>
                <p>${msg("sfoOtpEnrolManual")}</p>
                <p><code id="sfo-otp-secret">${sfoOtpSecret}</code></p>
                <p id="sfo-otp-settings">${msg("sfoOtpEnrolSettings", sfoOtpPolicy.type?upper_case, sfoOtpPolicy.algorithmKey, sfoOtpPolicy.digits, sfoOtpPolicy.period)}</p>
                <p><a id="sfo-otp-uri" href="${sfoOtpUri}">${msg("sfoOtpEnrolOpenApp")}</a></p>
            </li>
            <li><p>${msg("sfoOtpEnrolConfirm")}</p></li>
        </ol>
        <form id="sfo-otp-enrol-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="totp" class="${properties.kcLabelClass!}">${msg("sfoCodeLabel")}</label>
                <input id="totp" name="totp" type="text" class="${properties.kcInputClass!}" inputmode="numeric"
                       autocomplete="one-time-code" required pattern="[0-9 ]*"
                       aria-invalid="<#if messagesPerField.existsError('totp')>true<#else>false</#if>"/>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <label for="userLabel" class="${properties.kcLabelClass!}">${msg("sfoOtpEnrolDeviceName")}</label>
                <input id="userLabel" name="userLabel" type="text" class="${properties.kcInputClass!}" autocomplete="off" maxlength="100"/>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button id="sfo-otp-enrol-submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit">${msg("sfoCodeSubmit")}</button>
                <button id="sfo-otp-enrol-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="cancel" value="true" formnovalidate>${msg("sfoCodeCancel")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
