package org.entrasfo.broker.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.realm.JsonAnswer;
import org.entrasfo.broker.EntraHintBrokerAuthenticatorFactory;
import org.entrasfo.broker.EntraHintBrokerConfig;
import org.entrasfo.broker.keys.KeyFetchStatus;
import org.entrasfo.broker.keys.MicrosoftSigningKeys;
import org.entrasfo.factor.ServerClock;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code GET /realms/{realm}/entra-sfo/health}: can this node check Entra's hints for this realm right now? 200 when
 * Microsoft's signing keys are fresh, 200 with {@code DEGRADED} while stale keys serve through a Microsoft outage,
 * 503 when none are usable. Public and cheap, for a load balancer or monitoring; it names only public URLs.
 */
public class SigningKeysHealthResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    public SigningKeysHealthResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        EntraHintBrokerAuthenticatorFactory factory = (EntraHintBrokerAuthenticatorFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(Authenticator.class, EntraHintBrokerAuthenticatorFactory.PROVIDER_ID);
        MicrosoftSigningKeys keys = factory.signingKeys();
        List<KeyFetchStatus.Freshness> sources = jwksUrls().stream().map(url -> keys.freshness(url, ServerClock.now())).toList();
        String status = sources.isEmpty() ? "UNCONFIGURED"
                : sources.stream().anyMatch(s -> s.state() == KeyFetchStatus.State.UNAVAILABLE) ? "DOWN"
                : sources.stream().anyMatch(s -> s.state() == KeyFetchStatus.State.STALE) ? "DEGRADED" : "UP";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("realm", realm.getName());
        body.put("microsoftSigningKeys", sources.stream().map(SigningKeysHealthResource::describe).toList());
        return JsonAnswer.status("DOWN".equals(status) ? 503 : 200, body).build();
    }

    private static Map<String, Object> describe(KeyFetchStatus.Freshness freshness) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("jwksUrl", freshness.jwksUrl());
        source.put("state", freshness.state().name());
        source.put("lastFetched", freshness.lastFetched() == null ? null : freshness.lastFetched().toString());
        source.put("lastFailure", freshness.lastFailure() == null ? null : freshness.lastFailure().toString());
        return source;
    }

    /** The JWKS of every Entra hint step in the realm's flows. */
    private List<String> jwksUrls() {
        return realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(e -> EntraHintBrokerAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator()))
                .map(e -> e.getAuthenticatorConfig() == null ? null : realm.getAuthenticatorConfigById(e.getAuthenticatorConfig()))
                .filter(Objects::nonNull)
                .map(config -> {
                    try {
                        return EntraHintBrokerConfig.of(config).authority().jwksUrl();
                    } catch (RuntimeException e) {
                        return null;
                    }
                })
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }
}
