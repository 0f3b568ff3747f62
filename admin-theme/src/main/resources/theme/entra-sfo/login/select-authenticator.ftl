<#-- Keycloak's "Try another way" page in the product's theme: who is signing in (in the page layout), then each factor
     as a real button (keyboard and screen readers need no script) with its own icon and a one-line description. The
     factor the user passed last comes first (sfoPreferredFactor, set for tenant realms by the product's page
     rendering), then Keycloak's order; the list holds only what the flow offers. Icons: theme property
     kcAuthenticator.<factor id>, else Keycloak's icon for the credential type. Cancel goes back to Entra with
     access_denied, posted to the factor the user left for this page. -->
<#import "template.ftl" as layout>
<#import "sfo-signing-in.ftl" as signingIn>
<#macro factorOption option>
    <#assign factorId = option.authenticationExecution.authenticator!("flow-" + option.authExecId)>
    <#assign icon = properties["kcAuthenticator." + factorId]!(properties[option.iconCssClass]!option.iconCssClass)>
    <li class="sfo-factor-option">
        <form id="sfo-factor-${factorId}" action="${url.loginAction}" method="post">
            <input type="hidden" name="authenticationExecution" value="${option.authExecId}">
            <button type="submit" id="sfo-factor-${factorId}-choose" class="sfo-factor-button"
                    aria-describedby="sfo-factor-${factorId}-help">
                <i class="sfo-factor-icon ${icon}" aria-hidden="true"></i>
                <span class="sfo-factor-name">${msg(option.displayName)}</span>
                <span id="sfo-factor-${factorId}-help" class="sfo-factor-help">${msg(option.helpText)}</span>
            </button>
        </form>
    </li>
</#macro>
<@layout.registrationLayout displayInfo=false; section>
    <#if section = "header">
        ${msg("sfoChooseFactorTitle")}
    <#elseif section = "form">
        <@signingIn.banner/>
        <#assign preferred = sfoPreferredFactor!"">
        <p id="sfo-choose-factor-intro" class="${properties.kcInstructionClass!}">${msg("sfoChooseFactorIntro")}</p>
        <ul id="sfo-factor-list" class="sfo-factor-list" role="list">
            <#list auth.authenticationSelections as option>
                <#if preferred?has_content && (option.authenticationExecution.authenticator!"") == preferred>
                    <@factorOption option=option/>
                </#if>
            </#list>
            <#list auth.authenticationSelections as option>
                <#if !(preferred?has_content && (option.authenticationExecution.authenticator!"") == preferred)>
                    <@factorOption option=option/>
                </#if>
            </#list>
        </ul>
        <form id="sfo-choose-factor-cancel-form" class="${properties.kcFormClass!} ${properties.kcMarginTopClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button id="sfo-choose-factor-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" name="sfo-cancel-choice" value="true">${msg("sfoChooseFactorCancel")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
