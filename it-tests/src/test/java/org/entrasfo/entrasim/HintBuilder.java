package org.entrasfo.entrasim;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.entrasfo.it.secrets.RunSecrets;

/**
 * Builds an Entra v2.0 id token as Entra sends it in {@code id_token_hint} (contract 3), and the forgeries the
 * tests need. By default the hint is "issued in the expired state": {@code exp = iat - 1}.
 */
public final class HintBuilder {

    private final RSAKey signingKey;
    private final RSAKey publishedKey;
    private String issuer;
    private String audience;
    private Instant issuedAt = Instant.now();
    private Instant notBefore;
    private Instant expiresAt;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private int padToLength;
    private boolean withKid = true;

    HintBuilder(RSAKey signingKey, RSAKey publishedKey) {
        this.signingKey = signingKey;
        this.publishedKey = publishedKey;
        claims.put("sub", "sub-" + UUID.randomUUID());
        claims.put("oid", UUID.randomUUID().toString());
        claims.put("ver", "2.0");
        // Entra gives every token a unique id, so two hints for the same user in the same second still differ.
        claims.put("uti", UUID.randomUUID().toString().replace("-", "").substring(0, 22));
    }

    /** Issuer and tid of a tenant in a cloud: {@code https://HOST/{tid}/v2.0}. */
    public HintBuilder tenant(MicrosoftCloud cloud, String tenantId) {
        return tenant(cloud.issuerBase(), tenantId);
    }

    public HintBuilder tenant(String issuerBase, String tenantId) {
        this.issuer = issuerBase + "/" + tenantId + "/v2.0";
        claims.put("tid", tenantId);
        return this;
    }

    public HintBuilder issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public HintBuilder audience(String appId) {
        this.audience = appId;
        return this;
    }

    public HintBuilder user(String oid, String sub, String preferredUsername, String name) {
        claims.put("oid", oid);
        claims.put("sub", sub);
        claims.put("preferred_username", preferredUsername);
        claims.put("name", name);
        return this;
    }

    public HintBuilder issuedAt(Instant iat) {
        this.issuedAt = iat;
        return this;
    }

    public HintBuilder notBefore(Instant nbf) {
        this.notBefore = nbf;
        return this;
    }

    public HintBuilder expiresAt(Instant exp) {
        this.expiresAt = exp;
        return this;
    }

    /** Sets (or with null removes) any claim, e.g. {@code claim("sub", null)}. */
    public HintBuilder claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    /** Adds a filler claim so the compact hint is about {@code length} characters (Entra's are 1.5 to 3 KB). */
    public HintBuilder padToLength(int length) {
        this.padToLength = length;
        return this;
    }

    /** Entra's unique token id; two hints with the same {@code uti} are the same token as far as replay goes. */
    public HintBuilder uti(String uti) {
        return claim("uti", uti);
    }

    public String uti() {
        return (String) claims.get("uti");
    }

    public HintBuilder withoutKid() {
        this.withKid = false;
        return this;
    }

    public String subject() {
        return (String) claims.get("sub");
    }

    public String objectId() {
        return (String) claims.get("oid");
    }

    /** RS256 with the simulator's current key: what Entra sends. */
    public String sign() {
        return signWith(signingKey);
    }

    /** RS256 with a key that is not in the simulator's JWKS. */
    public String signWithUnpublishedKey(RSAKey unpublished) {
        return signWith(unpublished);
    }

    /** An unsecured JWT, {@code alg: none}. */
    public String unsigned() {
        return new PlainJWT(claimsSet(0)).serialize();
    }

    /** HS256 with the published RSA public key's bytes as the HMAC secret: the classic key-confusion attack. */
    public String hs256WithPublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publishedKey.getKeyID()).build(), claimsSet(0));
            jwt.sign(new MACSigner(publishedKey.toPublicKey().getEncoded()));
            RunSecrets.hint(jwt.serialize());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A correct signature over other claims: the payload swapped after signing. */
    public String withTamperedPayload(String otherSubject) {
        String[] genuine = sign().split("\\.");
        JWTClaimsSet forged = new JWTClaimsSet.Builder(claimsSet(0)).subject(otherSubject).build();
        return genuine[0] + "." + Base64URL.encode(forged.toString()) + "." + genuine[2];
    }

    /** A header that carries its own key (jwk) and key URL (jku); an honest validator ignores both. */
    public String signWithEmbeddedJwk(RSAKey attackerKey) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attackerKey.getKeyID())
                    .jwk(attackerKey.toPublicJWK()).jwkURL(java.net.URI.create("https://attacker.example/keys")).build();
            SignedJWT jwt = new SignedJWT(header, claimsSet(0));
            jwt.sign(new RSASSASigner(attackerKey));
            RunSecrets.hint(jwt.serialize());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String signWith(RSAKey key) {
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
            if (withKid) {
                header.keyID(key.getKeyID());
            }
            String compact = sign(header.build(), key, 0);
            // base64url grows by 4/3: adjust the filler until the hint is within a few characters of the target.
            int filler = 0;
            for (int round = 0; padToLength > 0 && round < 6 && Math.abs(padToLength - compact.length()) > 3; round++) {
                filler = Math.max(1, filler + (padToLength - compact.length()) * 3 / 4);
                compact = sign(header.build(), key, filler);
            }
            RunSecrets.hint(compact);
            return compact;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(JWSHeader header, RSAKey key, int filler) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claimsSet(filler));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private JWTClaimsSet claimsSet(int filler) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        if (issuer != null) {
            builder.issuer(issuer);
        }
        if (audience != null) {
            builder.audience(audience);
        }
        if (issuedAt != null) {
            builder.issueTime(Date.from(issuedAt));
            builder.expirationTime(Date.from(expiresAt != null ? expiresAt : issuedAt.minusSeconds(1)));
            builder.notBeforeTime(Date.from(notBefore != null ? notBefore : issuedAt));
        }
        claims.forEach(builder::claim);
        if (filler > 0) {
            builder.claim("xms_filler", "f".repeat(filler));
        }
        return builder.build();
    }
}
