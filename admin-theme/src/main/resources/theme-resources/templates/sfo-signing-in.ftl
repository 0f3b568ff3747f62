<#-- Who is signing in, as Entra knows them (display name and UPN of the validated hint), and to which application:
     shown at the top of every page of ours, in any login theme. Values are escaped by FreeMarker's HTML output format. -->
<#macro banner>
    <#-- The organisation's branding (realm attributes set on the admin page or by provisioning, checked there); checked
         again here, so only #rrggbb ever reaches CSS and only https or data:image addresses reach the logo. -->
    <#assign sfoBrandColour = (realm.getAttribute("entraSfoBrandColour"))!"">
    <#assign sfoBrandLogo = (realm.getAttribute("entraSfoBrandLogo"))!"">
    <#if sfoBrandColour?matches("#[0-9a-f]{6}")>
        <style>
            :root {
                --pf-v5-global--primary-color--100: ${sfoBrandColour};
                --pf-v5-global--primary-color--200: ${sfoBrandColour};
                --pf-v5-global--link--Color: ${sfoBrandColour};
                --pf-v5-global--link--Color--hover: ${sfoBrandColour};
                --sfo-brand-colour: ${sfoBrandColour};
            }
        </style>
    </#if>
    <#if sfoBrandLogo?starts_with("https://") || sfoBrandLogo?starts_with("data:image/")>
        <p class="sfo-brand"><img id="sfo-brand-logo" class="sfo-brand-logo" referrerpolicy="no-referrer" style="max-width: 100%; max-height: 4rem;" src="${sfoBrandLogo}" alt="${(realm.displayName)!realm.name}"/></p>
    </#if>
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
