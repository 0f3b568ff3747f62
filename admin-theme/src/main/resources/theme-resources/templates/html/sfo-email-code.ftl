<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("sfoEmailCodeBodyHtml", code, validMinutes, application))?no_esc}
</@layout.emailLayout>
