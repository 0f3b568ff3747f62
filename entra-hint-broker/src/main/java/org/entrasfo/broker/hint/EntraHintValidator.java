package org.entrasfo.broker.hint;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Validates Entra's {@code id_token_hint} by every rule of contract section 3, in an order where no claim is
 * believed before the signature has been checked with a key from the pinned JWKS.
 */
public final class EntraHintValidator {

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Hints are a few KB; anything far larger is not from Entra and is not worth parsing. */
    static final int MAX_HINT_LENGTH = 16 * 1024;

    private final HintPolicy policy;
    private final JWKSource<SecurityContext> keys;

    public EntraHintValidator(HintPolicy policy, JWKSource<SecurityContext> keys) {
        this.policy = policy;
        this.keys = keys;
    }

    public EntraHint validate(String compactHint, Instant now) throws HintRejectedException {
        CompactHint compact = canonical(compactHint);
        SignedJWT jwt = parseSigned(compact);
        verifySignature(jwt, compact);
        JWTClaimsSet claims = claimsOf(jwt);
        String tenantId = requiredString(claims, "tid");
        checkIssuer(claims, tenantId);
        checkTenant(tenantId);
        checkAudience(claims);
        String subject = requiredString(claims, "sub");
        String objectId = requiredString(claims, "oid");
        Instant issuedAt = checkLifetime(claims, now);
        return new EntraHint(subject, objectId, tenantId,
                optionalString(claims, "preferred_username"), optionalString(claims, "name"), issuedAt,
                compact.signatureDigest(), optionalString(claims, "uti"));
    }

    // Contract 3.8: one signature, one spelling; otherwise a spent hint re-spelled would pass as new.
    private static CompactHint canonical(String compactHint) throws HintRejectedException {
        if (compactHint == null || compactHint.isBlank()) {
            throw new HintRejectedException(HintRejection.MISSING, "no id_token_hint in the request");
        }
        if (compactHint.length() > MAX_HINT_LENGTH) {
            throw new HintRejectedException(HintRejection.MALFORMED, "id_token_hint longer than " + MAX_HINT_LENGTH);
        }
        return CompactHint.parse(compactHint);
    }

    // Contract 3.1: RS256 with a kid, and nothing else; embedded jwk/jku/x5u headers are never consulted.
    private static SignedJWT parseSigned(CompactHint compact) throws HintRejectedException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(compact.serialized());
        } catch (ParseException e) {
            throw new HintRejectedException(HintRejection.MALFORMED, "id_token_hint is not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw new HintRejectedException(HintRejection.UNSUPPORTED_ALGORITHM, "unsigned hint (alg none)");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new HintRejectedException(HintRejection.MALFORMED, "id_token_hint is not a signed JWT");
        }
        JWSHeader header = signed.getHeader();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            throw new HintRejectedException(HintRejection.UNSUPPORTED_ALGORITHM, "hint alg " + shown(String.valueOf(header.getAlgorithm())) + " is not RS256");
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw new HintRejectedException(HintRejection.MISSING_KEY_ID, "hint header has no kid");
        }
        return signed;
    }

    // Contract 3.3: keys only from the pinned JWKS; an unknown kid makes the key source refetch once, rate-limited.
    private void verifySignature(SignedJWT jwt, CompactHint compact) throws HintRejectedException {
        String kid = jwt.getHeader().getKeyID();
        JWKMatcher matcher = new JWKMatcher.Builder()
                .keyType(KeyType.RSA)
                .keyID(kid)
                .keyUses(KeyUse.SIGNATURE, null)
                .build();
        List<JWK> candidates;
        try {
            candidates = keys.get(new JWKSelector(matcher), null);
        } catch (KeySourceException e) {
            throw new HintRejectedException(HintRejection.KEYS_UNAVAILABLE, "Microsoft signing keys unavailable: " + e.getMessage());
        }
        if (candidates.isEmpty()) {
            throw new HintRejectedException(HintRejection.UNKNOWN_KEY, "no published key with kid " + shown(kid));
        }
        for (JWK candidate : candidates) {
            Optional<RsaKeyVerifiers.ReadyKey> key = RsaKeyVerifiers.of((RSAKey) candidate);
            // RFC 8017 8.2.2: the signature is exactly as long as the modulus. A zero byte added or dropped in front
            // would be another spelling of the same signature, so it is refused here, whatever the JCA provider does.
            if (key.isEmpty() || compact.signatureLength() != key.get().modulusLength()) {
                continue;
            }
            try {
                if (jwt.verify(key.get().verifier())) {
                    return;
                }
            } catch (JOSEException e) {
                // an unusable key simply does not verify; the next candidate may
            }
        }
        throw new HintRejectedException(HintRejection.BAD_SIGNATURE, "signature does not verify with key " + shown(kid));
    }

    private static JWTClaimsSet claimsOf(SignedJWT jwt) throws HintRejectedException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new HintRejectedException(HintRejection.MALFORMED, "hint payload is not a JSON claims set");
        }
    }

    // Contract 3.2: the issuer is the trusted host, path /{tid}/v2.0, and that GUID is the token's own tid.
    private void checkIssuer(JWTClaimsSet claims, String tenantId) throws HintRejectedException {
        String issuer = claims.getIssuer();
        String prefix = policy.authority().issuerBaseUrl() + "/";
        if (issuer == null || !issuer.startsWith(prefix) || !issuer.endsWith("/v2.0")) {
            throw new HintRejectedException(HintRejection.UNTRUSTED_ISSUER, "issuer is not " + prefix + "{tid}/v2.0");
        }
        String issuerTenant = issuer.substring(prefix.length(), issuer.length() - "/v2.0".length());
        Matcher guid = GUID.matcher(issuerTenant);
        if (!guid.matches()) {
            throw new HintRejectedException(HintRejection.UNTRUSTED_ISSUER, "issuer path is not /{tenant GUID}/v2.0");
        }
        if (!issuerTenant.equalsIgnoreCase(tenantId)) {
            throw new HintRejectedException(HintRejection.ISSUER_TENANT_MISMATCH, "issuer tenant differs from tid");
        }
    }

    // Contract 3.4: one realm serves one tenant.
    private void checkTenant(String tenantId) throws HintRejectedException {
        if (!tenantId.toLowerCase(Locale.ROOT).equals(policy.tenantId().toLowerCase(Locale.ROOT))) {
            throw new HintRejectedException(HintRejection.WRONG_TENANT, "tid " + tenantId + " is not this realm's tenant");
        }
    }

    // Contract 3.5: aud is the App ID the admin configured.
    private void checkAudience(JWTClaimsSet claims) throws HintRejectedException {
        List<String> audiences = claims.getAudience();
        boolean accepted = audiences != null && audiences.stream().anyMatch(policy.acceptedAudiences()::contains);
        if (!accepted) {
            throw new HintRejectedException(HintRejection.WRONG_AUDIENCE, "aud " + audiences + " is not the configured App ID");
        }
    }

    // Contract 3.7: Entra issues hints already expired, so exp is not checked; iat and nbf bound the hint instead.
    private Instant checkLifetime(JWTClaimsSet claims, Instant now) throws HintRejectedException {
        Date issuedAt = claims.getIssueTime();
        if (issuedAt == null) {
            throw new HintRejectedException(HintRejection.MISSING_CLAIM, "hint has no iat");
        }
        Duration skew = policy.allowedClockSkew();
        Instant latestAcceptable = now.plus(skew);
        if (issuedAt.toInstant().isAfter(latestAcceptable)) {
            throw new HintRejectedException(HintRejection.NOT_YET_VALID, "hint iat is in the future");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(latestAcceptable)) {
            throw new HintRejectedException(HintRejection.NOT_YET_VALID, "hint nbf is in the future");
        }
        if (issuedAt.toInstant().isBefore(now.minus(policy.maxHintAge()).minus(skew))) {
            throw new HintRejectedException(HintRejection.TOO_OLD, "hint iat older than " + policy.maxHintAge().toSeconds() + "s");
        }
        return issuedAt.toInstant();
    }

    // Contract 3.6: sub, oid and tid must be present.
    private static String requiredString(JWTClaimsSet claims, String name) throws HintRejectedException {
        String value = optionalString(claims, name);
        if (value == null || value.isBlank()) {
            throw new HintRejectedException(HintRejection.MISSING_CLAIM, "hint has no " + name);
        }
        return value;
    }

    private static String optionalString(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    /** Header values are the sender's words until the signature holds: shown in events short and printable only. */
    static String shown(String value) {
        String printable = value == null ? "" : value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 64 ? printable : printable.substring(0, 64) + "...";
    }
}
