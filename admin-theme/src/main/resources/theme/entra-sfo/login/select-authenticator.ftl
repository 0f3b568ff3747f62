<#-- Keycloak's "Try another way" page in the product's theme: who is signing in, then each factor as a real button
     (keyboard and screen readers need no script) with its own icon and a one-line description. The order is Keycloak's:
     the factors whose credential the user holds first, in the user's credential priority, which the factors update to
     the one last passed; the list holds only what the flow offers. Icons: theme property kcAuthenticator.<factor id>,
     else Keycloak's icon for the credential type. -->
<#import "template.ftl" as layout>
<#import "sfo-signing-in.ftl" as signingIn>
<@layout.registrationLayout displayInfo=false; section>
    <#if section = "header">
        ${msg("sfoChooseFactorTitle")}
    <#elseif section = "form">
        <@signingIn.banner/>
        <p id="sfo-choose-factor-intro" class="${properties.kcInstructionClass!}">${msg("sfoChooseFactorIntro")}</p>
        <ul id="sfo-factor-list" class="sfo-factor-list" role="list">
            <#list auth.authenticationSelections as option>
                <#assign factorId = option.authenticationExecution.authenticator!("flow-" + option?index)>
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
            </#list>
        </ul>
    </#if>
</@layout.registrationLayout>
