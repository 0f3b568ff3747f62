<#-- A refusal the user should understand before going back: the reason (the page's message), then a button that posts
     Entra's error answer (error, error_description, state) to Entra's redirect URI. No JavaScript needed. -->
<#import "template.ftl" as layout>
<#import "sfo-signing-in.ftl" as signingIn>
<@layout.registrationLayout; section>
    <#if section="header">
        ${msg("sfoEntraErrorTitle")}
    <#elseif section="form">
        <@signingIn.banner/>
        <form id="sfo-entra-answer" class="${properties.kcFormClass!}" action="${sfoEntraAnswer.action}" method="post">
            <input type="hidden" name="error" value="${sfoEntraAnswer.error}"/>
            <#if sfoEntraAnswer.description?has_content>
                <input type="hidden" name="error_description" value="${sfoEntraAnswer.description}"/>
            </#if>
            <#if sfoEntraAnswer.state?has_content>
                <input type="hidden" name="state" value="${sfoEntraAnswer.state}"/>
            </#if>
            <p class="${properties.kcInstructionClass!}">${msg("sfoEntraErrorBack")}</p>
            <div class="${properties.kcFormGroupClass!}">
                <button id="sfo-entra-answer-submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                        type="submit" autofocus>${msg("sfoEntraErrorButton")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
