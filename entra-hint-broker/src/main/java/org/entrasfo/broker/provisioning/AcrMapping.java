package org.entrasfo.broker.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.models.Constants;
import org.keycloak.util.JsonSerialization;

/**
 * Keycloak's ACR-to-LoA mapping of the realm with every acr value Entra may send (contract 2 and 4), so no request dies
 * on Keycloak's 400 for an unmapped essential acr. Values an admin mapped otherwise stay as they are.
 */
public final class AcrMapping implements ProvisioningStep {

    public static final List<String> ENTRA_ACR_VALUES = List.of(
            "possessionorinherence", "knowledgeorpossession", "knowledgeorinherence",
            "knowledgeorpossessionorinherence", "knowledge", "possession", "inherence");

    @Override
    public void apply(TenantRealmSetup setup) {
        String current = setup.realm().getAttribute(Constants.ACR_LOA_MAP);
        String wanted = withEntraValues(current, setup.levelOfAuthentication());
        if (!wanted.equals(current)) {
            setup.realm().setAttribute(Constants.ACR_LOA_MAP, wanted);
        }
    }

    /** The mapping as JSON, with each of Entra's acr values that is missing mapped to {@code level}. */
    static String withEntraValues(String json, int level) {
        Map<String, Integer> map = read(json);
        ENTRA_ACR_VALUES.forEach(acr -> map.putIfAbsent(acr, level));
        try {
            return JsonSerialization.writeValueAsString(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> read(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return new LinkedHashMap<>(JsonSerialization.readValue(json, new TypeReference<Map<String, Integer>>() {
            }));
        } catch (IOException e) {
            return new LinkedHashMap<>();
        }
    }
}
