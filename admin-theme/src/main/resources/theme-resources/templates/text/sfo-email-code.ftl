<#ftl output_format="plainText">
${msg("sfoEmailCodeBody", code, validMinutes, application)}
