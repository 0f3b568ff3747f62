package org.entrasfo.factor.transaction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The acr and amr values Entra asked for in the {@code claims} parameter, and which of our factors could honestly
 * answer them. Contract 4: the acr must be one requested value that the factor's type satisfies, the amr one requested
 * value naming the factor used; anything else is an error, never a token with another value.
 */
public record RequestedAuthentication(List<String> acrValues, List<String> amrValues) {

    /** What a request without a {@code claims} parameter gets: any factor, reported as this acr. */
    static final String DEFAULT_ACR = "possessionorinherence";

    private static final ObjectMapper JSON = new ObjectMapper();

    public RequestedAuthentication {
        acrValues = List.copyOf(acrValues);
        amrValues = List.copyOf(amrValues);
    }

    /** Reads Entra's {@code claims} JSON; an unreadable one is refused by the caller as an invalid request. */
    public static RequestedAuthentication fromClaimsParameter(String claims) throws IllegalArgumentException {
        if (claims == null || claims.isBlank()) {
            return new RequestedAuthentication(List.of(DEFAULT_ACR), List.of());
        }
        JsonNode idToken;
        try {
            idToken = JSON.readTree(claims).path("id_token");
        } catch (IOException e) {
            throw new IllegalArgumentException("claims is not JSON");
        }
        List<String> acr = valuesOf(idToken.path("acr"));
        return new RequestedAuthentication(acr.isEmpty() ? List.of(DEFAULT_ACR) : acr, valuesOf(idToken.path("amr")));
    }

    /** The acr to report for a completed factor, or empty when none of the requested values is honest for it. */
    public Optional<String> acrFor(AuthenticationMethod method) {
        if (!amrValues.isEmpty() && !amrValues.contains(method.amr())) {
            return Optional.empty();
        }
        return acrValues.stream().filter(acr -> typesOf(acr).contains(method.type())).findFirst();
    }

    public boolean admits(AuthenticationMethod method) {
        return acrFor(method).isPresent();
    }

    /** Whether any factor at all could answer: false for, say, acr {@code knowledge} only. */
    public boolean admitsAny(Set<AuthenticationMethod> offered) {
        return offered.stream().anyMatch(this::admits);
    }

    /** Entra's acr values are factor types joined by "or", e.g. {@code knowledgeorpossession}. */
    static Set<FactorType> typesOf(String acr) {
        Set<FactorType> types = EnumSet.noneOf(FactorType.class);
        for (String word : acr.split("or(?=knowledge|possession|inherence)")) {
            Optional<FactorType> type = FactorType.parse(word);
            if (type.isEmpty()) {
                return EnumSet.noneOf(FactorType.class);
            }
            type.ifPresent(types::add);
        }
        return types;
    }

    private static List<String> valuesOf(JsonNode claim) {
        List<String> values = new ArrayList<>();
        JsonNode array = claim.path("values");
        if (array.isArray()) {
            array.forEach(v -> {
                if (v.isTextual()) {
                    values.add(v.asText());
                }
            });
        }
        JsonNode single = claim.path("value");
        if (single.isTextual()) {
            values.add(single.asText());
        }
        return values;
    }
}
