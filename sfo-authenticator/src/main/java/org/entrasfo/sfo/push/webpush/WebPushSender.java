package org.entrasfo.sfo.push.webpush;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import org.entrasfo.factor.http.HttpTimeouts;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;

/**
 * Delivers one encrypted message to one subscription (RFC 8030), with VAPID. Only allowed push services are ever
 * contacted; a subscription the push service reports gone (404, 410) is the caller's to forget. Logs name the push
 * service's origin, never the endpoint (a capability URL) or the keys.
 */
public final class WebPushSender {

    private static final Logger LOG = Logger.getLogger(WebPushSender.class);
    /** What a sender without the server's options waits: the push factor's defaults. */
    private static final HttpTimeouts DEFAULT_TIMEOUTS = HttpTimeouts.ofMillis(5000, 5000);

    public enum Outcome { DELIVERED, GONE, FAILED, REFUSED }

    public record Delivery(Outcome outcome, String reason) {
    }

    private final CloseableHttpClient client;
    private final PushServiceAllowList allowList;
    private final KeyPair vapidKeys;
    private final String vapidSubject;
    private final RequestConfig request;

    public WebPushSender(CloseableHttpClient client, PushServiceAllowList allowList, KeyPair vapidKeys, String vapidSubject) {
        this(client, allowList, vapidKeys, vapidSubject, DEFAULT_TIMEOUTS);
    }

    public WebPushSender(CloseableHttpClient client, PushServiceAllowList allowList, KeyPair vapidKeys, String vapidSubject,
                         HttpTimeouts timeouts) {
        this.client = client;
        this.allowList = allowList;
        this.vapidKeys = vapidKeys;
        this.vapidSubject = vapidSubject;
        // No redirects: a redirect would lead past the allow-list.
        this.request = timeouts.requestConfig().setRedirectsEnabled(false).build();
    }

    public Delivery send(PushSubscription subscription, byte[] plaintext, Duration ttl) {
        if (!allowList.allows(subscription.endpoint())) {
            return new Delivery(Outcome.REFUSED, "push service not allowed: " + Vapid.origin(subscription.endpoint()));
        }
        HttpPost post = new HttpPost(subscription.endpoint());
        post.setConfig(request);
        post.setHeader("TTL", Long.toString(Math.max(0, ttl.toSeconds())));
        post.setHeader("Urgency", "high");
        post.setHeader("Content-Encoding", "aes128gcm");
        post.setHeader("Authorization", Vapid.authorizationHeader(subscription.endpoint(), vapidKeys, vapidSubject,
                Instant.ofEpochMilli(Time.currentTimeMillis())));
        post.setEntity(new ByteArrayEntity(WebPushEncryption.encrypt(plaintext, subscription), ContentType.APPLICATION_OCTET_STREAM));
        try (CloseableHttpResponse response = client.execute(post)) {
            int status = response.getStatusLine().getStatusCode();
            EntityUtils.consumeQuietly(response.getEntity());
            if (status == 200 || status == 201 || status == 202) {
                return new Delivery(Outcome.DELIVERED, null);
            }
            if (status == 404 || status == 410) {
                return new Delivery(Outcome.GONE, "subscription gone (HTTP " + status + ")");
            }
            LOG.warnf("Push service %s answered HTTP %d", Vapid.origin(subscription.endpoint()), status);
            return new Delivery(Outcome.FAILED, "HTTP " + status);
        } catch (IOException e) {
            LOG.warnf("Push service %s unreachable: %s", Vapid.origin(subscription.endpoint()), e.getClass().getSimpleName());
            return new Delivery(Outcome.FAILED, e.getClass().getSimpleName());
        }
    }
}
