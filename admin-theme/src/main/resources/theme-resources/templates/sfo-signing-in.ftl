<#-- Who is signing in, as Entra knows them (display name and UPN of the validated hint), and to which application:
     shown at the top of every page of ours, in any login theme. Values are escaped by FreeMarker's HTML output format. -->
<#macro banner>
    <#if sfoSigningInAs??>
        <p id="sfo-signing-in" class="sfo-signing-in ${properties.kcInstructionClass!}">
            <span class="sfo-signing-in-label">${msg("sfoSigningInAs")}</span>
            <strong id="sfo-signing-in-name" class="sfo-signing-in-name">${sfoSigningInAs.name}</strong>
            <#if sfoSigningInAs.account??>
                <span id="sfo-signing-in-account" class="sfo-signing-in-account">${sfoSigningInAs.account}</span>
            </#if>
        </p>
    </#if>
    <#if sfoApplication?has_content>
        <p id="sfo-application" class="${properties.kcInstructionClass!}">${msg("sfoSigningInTo", sfoApplication)}</p>
    </#if>
</#macro>
