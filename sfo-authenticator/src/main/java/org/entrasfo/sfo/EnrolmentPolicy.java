package org.entrasfo.sfo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.entrasfo.factor.FactorSetup;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Whether a user may set a factor up inside the SFO flow. Off by default: with only Entra's first factor behind them,
 * whoever holds the password could otherwise add their own second factor. An admin opens a window instead, by setting
 * {@value #WINDOW_ATTRIBUTE} on the user or on one of their groups (an ISO instant, or a date meaning the end of that
 * day in UTC).
 */
public enum EnrolmentPolicy {

    NEVER, WINDOW;

    public static final String CONFIG_KEY = "enrolment";
    public static final String WINDOW_ATTRIBUTE = "sfo_enrolment_until";
    /** The window is the admins' to open: a user who could set it would open their own. */
    public static final FactorSetup.UserAttribute WINDOW_USER_ATTRIBUTE =
            new FactorSetup.UserAttribute(WINDOW_ATTRIBUTE, "Second factor enrolment open until", false, false);

    public static EnrolmentPolicy of(AuthenticatorConfigModel config) {
        Map<String, String> settings = config == null || config.getConfig() == null ? Map.of() : config.getConfig();
        return "window".equalsIgnoreCase(settings.getOrDefault(CONFIG_KEY, "").trim()) ? WINDOW : NEVER;
    }

    public boolean allows(UserModel user, Instant now) {
        return this == WINDOW && user != null && windowEnd(user).map(now::isBefore).orElse(false);
    }

    /** The latest window end set on the user or any group they are in, parents included. */
    static Optional<Instant> windowEnd(UserModel user) {
        Stream<String> own = user.getAttributeStream(WINDOW_ATTRIBUTE);
        Stream<String> groups = user.getGroupsStream().flatMap(EnrolmentPolicy::withParents)
                .flatMap(group -> group.getAttributeStream(WINDOW_ATTRIBUTE));
        return Stream.concat(own, groups).map(EnrolmentPolicy::parse).flatMap(Optional::stream).max(Instant::compareTo);
    }

    private static Stream<GroupModel> withParents(GroupModel group) {
        return group.getParent() == null ? Stream.of(group) : Stream.concat(Stream.of(group), withParents(group.getParent()));
    }

    static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Optional.of(LocalDate.parse(value.trim()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    public static ProviderConfigProperty configProperty(String what) {
        return ProviderConfigurationBuilder.create()
                .property().name(CONFIG_KEY).label("Enrolment in the flow").type(ProviderConfigProperty.LIST_TYPE)
                .options("never", "window").defaultValue("never")
                .helpText("never: only " + what + " set up beforehand (by an admin, the directory or the Account Console) "
                        + "can be used. window: a user without one may set it up here while an admin-set enrolment "
                        + "window is open (user or group attribute '" + WINDOW_ATTRIBUTE + "': an ISO instant or a date).")
                .add().build().get(0);
    }
}
