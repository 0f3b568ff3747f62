package org.entrasfo.entrasim;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The exact form POST Entra sends to an external MFA provider (contract 2). Any parameter can be changed or removed. */
public final class AuthorizationRequest {

    /** The amr values Entra asks for, in the order it sends them. */
    public static final List<String> STANDARD_AMR = List.of(
            "face", "fido", "fpt", "hwk", "iris", "otp", "pop", "retina", "sc", "sms", "swk", "tel", "vbm");

    private final Map<String, String> parameters = new LinkedHashMap<>();

    private AuthorizationRequest() {
    }

    public static AuthorizationRequest entra(String clientId, String redirectUri, String hint) {
        AuthorizationRequest request = new AuthorizationRequest();
        request.parameters.put("scope", "openid");
        request.parameters.put("response_type", "id_token");
        request.parameters.put("response_mode", "form_post");
        request.parameters.put("client_id", clientId);
        request.parameters.put("redirect_uri", redirectUri);
        request.parameters.put("nonce", UUID.randomUUID().toString());
        request.parameters.put("state", "state-" + UUID.randomUUID());
        request.parameters.put("id_token_hint", hint);
        request.parameters.put("claims", claims(List.of("possessionorinherence"), STANDARD_AMR));
        request.parameters.put("client-request-id", UUID.randomUUID().toString());
        return request;
    }

    /** The claims parameter as Entra builds it: essential acr and amr value lists. */
    public static String claims(List<String> acrValues, List<String> amrValues) {
        return "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":" + jsonArray(acrValues)
                + "},\"amr\":{\"essential\":true,\"values\":" + jsonArray(amrValues) + "}}}";
    }

    public AuthorizationRequest set(String name, String value) {
        if (value == null) {
            parameters.remove(name);
        } else {
            parameters.put(name, value);
        }
        return this;
    }

    public AuthorizationRequest without(String name) {
        parameters.remove(name);
        return this;
    }

    public String get(String name) {
        return parameters.get(name);
    }

    public Map<String, String> formParameters() {
        return new LinkedHashMap<>(parameters);
    }

    public URI asGetUri(URI authorizationEndpoint) {
        return URI.create(authorizationEndpoint + "?" + urlEncoded());
    }

    public String urlEncoded() {
        return parameters.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** What Entra serves the browser: a page that posts this request to the provider by itself. */
    public String htmlAutoSubmitForm(URI authorizationEndpoint) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body onload=\"document.forms[0].submit()\">")
                .append("<form method=\"post\" action=\"").append(Html.escape(authorizationEndpoint.toString())).append("\">");
        parameters.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(Html.escape(name))
                .append("\" value=\"").append(Html.escape(value)).append("\">"));
        return html.append("<noscript><button type=\"submit\">Continue</button></noscript></form></body></html>").toString();
    }

    private static String jsonArray(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
