<#-- The factor the user passed last comes first: this page picks it as the "Try another way" page would (Keycloak
     checks the pick against the factors it offers) and submits itself (resources/js/sfo-auto-submit.js); without
     JavaScript the user presses the button. -->
<#import "template.ftl" as layout>
<#import "sfo-signing-in.ftl" as signingIn>
<@layout.registrationLayout; section>
    <#if section="header">
        ${msg("sfoRememberedFactorTitle")}
    <#elseif section="form">
        <@signingIn.banner/>
        <form id="sfo-remembered-factor" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              data-sfo-auto-submit="true">
            <input type="hidden" name="authenticationExecution" value="${sfoRememberedFactor.authExecId}"/>
            <p class="${properties.kcInstructionClass!}">${msg("sfoRememberedFactorIntro", msg(sfoRememberedFactor.displayName))}</p>
            <div class="${properties.kcFormGroupClass!}">
                <button id="sfo-remembered-factor-continue" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit">${msg("sfoRememberedFactorContinue")}</button>
            </div>
        </form>
        <script src="${url.resourcesPath}/js/sfo-auto-submit.js" defer></script>
    </#if>
</@layout.registrationLayout>
