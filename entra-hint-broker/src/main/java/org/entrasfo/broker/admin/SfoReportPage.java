package org.entrasfo.broker.admin;

import java.time.Instant;
import java.util.List;

import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The "SFO outcome reports" page of the admin console: an admin names a period and saving it fills in the realm's SFO
 * outcomes per factor and tenant for that period, from Keycloak's event store ({@link SfoOutcomeReport}). Saving an
 * existing report again brings it up to date.
 */
public class SfoReportPage extends AdminConsolePage {

    public static final String PROVIDER_ID = "SFO outcome reports";

    static final String TITLE = "title";
    static final String FROM = "from";
    static final String TO = "to";
    static final String SUMMARY = "summary";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Outcomes of the Entra second-factor-only sign-ins of this realm per factor and tenant, over a period you "
                + "choose. Create a report with a period; save it again to bring it up to date.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(TITLE).label("Report").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("A name for the report, for example the month it covers.").add()
                .property().name(FROM).label("From (date)").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("First day, as 2026-11-01 (UTC). Empty: seven days before the end.").add()
                .property().name(TO).label("To (date)").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Last day, included, as 2026-11-30 (UTC). Empty: now.").add()
                .property().name(SUMMARY).label("Outcomes").type(ProviderConfigProperty.TEXT_TYPE)
                .helpText("Filled in when the report is saved.").add()
                .build();
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) throws ComponentValidationException {
        SfoOutcomeReport.Period period;
        try {
            period = SfoOutcomeReport.Period.parse(model.get(FROM), model.get(TO));
        } catch (IllegalArgumentException e) {
            throw new ComponentValidationException("from/to: " + e.getMessage());
        }
        Instant start = period.from();
        Instant end = period.to();
        if (blank(model.get(TITLE))) {
            model.getConfig().putSingle(TITLE, start.toString().substring(0, 10) + " to " + end.minusSeconds(1).toString().substring(0, 10));
        }
        model.getConfig().putSingle(SUMMARY, text(SfoOutcomeReport.of(session, realm, period)));
    }

    static String text(SfoOutcomeReport.Report report) {
        StringBuilder text = new StringBuilder("Entra transactions from ").append(report.from()).append(" to ").append(report.to())
                .append(": ").append(report.transactions()).append(report.partial() ? " (partial: too many events)" : "").append('\n');
        report.byFactor().forEach((factor, counts) -> {
            text.append("Factor ").append(factor).append(": ").append(counts.success()).append(" succeeded, ")
                    .append(counts.error()).append(" refused");
            if (!counts.errors().isEmpty()) {
                text.append(" (");
                counts.errors().forEach((error, n) -> text.append(error).append(' ').append(n).append(", "));
                text.setLength(text.length() - 2);
                text.append(')');
            }
            text.append('\n');
        });
        report.byTenant().forEach((tenant, n) -> text.append("Tenant ").append(tenant).append(": ").append(n).append('\n'));
        return text.toString().trim();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
