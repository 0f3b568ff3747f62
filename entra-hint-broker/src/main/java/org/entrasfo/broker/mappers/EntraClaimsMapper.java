package org.entrasfo.broker.mappers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.entrasfo.factor.transaction.EntraTransaction;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.IDToken;

/**
 * Makes the id_token say exactly what Entra accepts (contract 4): {@code sub} is the hint's sub, {@code acr} the one
 * requested value the factor satisfied, {@code amr} a one-element array naming the factor really used. Keycloak's
 * own sub, acr and AMR mappers must not be on the Entra client: they would emit the user id, a number, or pwd.
 */
public class EntraClaimsMapper extends AbstractOIDCProtocolMapper implements OIDCIDTokenMapper {

    public static final String PROVIDER_ID = "entra-external-mfa-claims";
    public static final String INCLUDE_TENANT_AND_OBJECT_ID = "include.tid.oid";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Entra external MFA claims";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Sets sub (the Entra hint's sub), acr and amr (one value, the factor used) as Microsoft Entra ID requires "
                + "from an external MFA provider. Only for the Entra client.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(INCLUDE_TENANT_AND_OBJECT_ID).label("Add tid and oid")
                .helpText("Also add the Entra tenant ID and object ID, which Entra allows but does not require.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .build();
    }

    /** Runs after every other mapper, so nothing can overwrite sub, acr or amr afterwards. */
    @Override
    public int getPriority() {
        return Integer.MAX_VALUE;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        AuthenticatedClientSessionModel clientSession = clientSessionCtx.getClientSession();
        String sub = clientSession.getNote(EntraTransaction.CLAIM_SUB);
        String acr = clientSession.getNote(EntraTransaction.CLAIM_ACR);
        String amr = clientSession.getNote(EntraTransaction.CLAIM_AMR);
        if (sub == null || acr == null || amr == null) {
            // No completed Entra transaction behind this token: claim nothing rather than something untrue.
            return;
        }
        token.setSubject(sub);
        token.setAcr(acr);
        token.getOtherClaims().put("amr", List.of(amr));
        if (Boolean.parseBoolean(mappingModel.getConfig().getOrDefault(INCLUDE_TENANT_AND_OBJECT_ID, "true"))) {
            token.getOtherClaims().put("tid", clientSession.getNote(EntraTransaction.CLAIM_TID));
            token.getOtherClaims().put("oid", clientSession.getNote(EntraTransaction.CLAIM_OID));
        }
    }

    public static ProtocolMapperModel create(String name) {
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setName(name);
        mapper.setProtocolMapper(PROVIDER_ID);
        mapper.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        Map<String, String> config = new HashMap<>();
        config.put(INCLUDE_TENANT_AND_OBJECT_ID, "true");
        config.put("id.token.claim", "true");
        mapper.setConfig(config);
        return mapper;
    }
}
