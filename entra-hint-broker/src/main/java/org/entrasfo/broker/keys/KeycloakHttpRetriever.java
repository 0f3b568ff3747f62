package org.entrasfo.broker.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.entrasfo.factor.http.HttpTimeouts;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Fetches Microsoft's JWKS through Keycloak's {@link HttpClientProvider}, so the admin's proxy mappings and
 * truststore apply exactly as they do to Keycloak's own outbound calls.
 */
final class KeycloakHttpRetriever implements ResourceRetriever {

    private static final int MAX_BYTES = 512 * 1024;

    private final KeycloakSessionFactory sessionFactory;
    private final RequestConfig timeouts;

    KeycloakHttpRetriever(KeycloakSessionFactory sessionFactory, HttpTimeouts timeouts) {
        this.sessionFactory = sessionFactory;
        this.timeouts = timeouts.requestConfig().build();
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, session -> {
                HttpGet get = new HttpGet(url.toString());
                get.setConfig(timeouts);
                get.setHeader("Accept", "application/json");
                try (CloseableHttpResponse response = session.getProvider(HttpClientProvider.class).getHttpClient().execute(get)) {
                    int status = response.getStatusLine().getStatusCode();
                    if (status != 200) {
                        throw new IOException("JWKS endpoint answered HTTP " + status);
                    }
                    HttpEntity entity = response.getEntity();
                    String contentType = entity.getContentType() == null ? null : entity.getContentType().getValue();
                    return new Resource(readLimited(entity), contentType);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String readLimited(HttpEntity entity) throws IOException {
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new IOException("JWKS larger than " + MAX_BYTES + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
