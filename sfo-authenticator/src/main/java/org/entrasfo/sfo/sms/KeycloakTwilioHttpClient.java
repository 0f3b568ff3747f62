package org.entrasfo.sfo.sms;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.http.NameValuePair;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.entity.UrlEncodedFormEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.message.BasicNameValuePair;
import org.apache.http.util.EntityUtils;
import org.entrasfo.factor.http.HttpTimeouts;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Twilio's SDK speaking through Keycloak's {@link HttpClientProvider}: the admin's proxy mappings and truststore apply
 * as they do to Keycloak's own calls, and the timeouts keep a slow Twilio well inside Entra's five minutes. The base
 * URL replaces {@code https://api.twilio.com} only when the operator set another one (a regional edge, or a test
 * stand-in).
 */
final class KeycloakTwilioHttpClient extends HttpClient {

    private final KeycloakSession session;
    private final URI baseUrl;
    private final RequestConfig timeouts;

    KeycloakTwilioHttpClient(KeycloakSession session, URI baseUrl, HttpTimeouts timeouts) {
        this.session = session;
        this.baseUrl = baseUrl;
        this.timeouts = timeouts.requestConfig().build();
    }

    @Override
    public Response makeRequest(Request request) {
        URI target = rebase(URI.create(request.constructURL().toString()));
        RequestBuilder builder = RequestBuilder.create(request.getMethod().toString()).setUri(target);
        if (!request.getPostParams().isEmpty()) {
            builder.setEntity(new UrlEncodedFormEntity(formOf(request.getPostParams()), StandardCharsets.UTF_8));
        }
        HttpRequestBase call = (HttpRequestBase) builder.build();
        call.setConfig(timeouts);
        call.setHeader("Accept", "application/json");
        call.setHeader("Accept-Encoding", "utf-8");
        if (request.requiresAuthentication()) {
            call.setHeader("Authorization", request.getAuthString());
        }
        request.getHeaderParams().forEach((name, values) -> values.forEach(value -> call.addHeader(name, value)));
        try (CloseableHttpResponse response = session.getProvider(HttpClientProvider.class).getHttpClient().execute(call)) {
            String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new Response(body, response.getStatusLine().getStatusCode());
        } catch (IOException e) {
            // The SDK turns this into its connection error; the message names the host, never the credentials.
            throw new ApiConnectionException("Twilio could not be reached at " + target.getHost() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private URI rebase(URI twilioUri) {
        if (baseUrl == null) {
            return twilioUri;
        }
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/$", "");
        return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path + twilioUri.getRawPath()
                + (twilioUri.getRawQuery() == null ? "" : "?" + twilioUri.getRawQuery()));
    }

    private static List<NameValuePair> formOf(Map<String, List<String>> params) {
        return params.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> (NameValuePair) new BasicNameValuePair(e.getKey(), v)))
                .toList();
    }
}
