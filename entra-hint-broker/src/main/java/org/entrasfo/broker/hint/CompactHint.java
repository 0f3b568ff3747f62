package org.entrasfo.broker.hint;

import java.util.Optional;

import org.entrasfo.factor.transaction.Digest;

/**
 * The hint's compact serialization, accepted only as Entra writes it: three parts separated by two dots, each in
 * canonical base64url. Checked before nimbus-jose-jwt parses it, whose decoder would accept other spellings of the
 * same bytes. What the replay marks are keyed on comes from here: the decoded signature, one value per signature
 * however it was spelled.
 */
final class CompactHint {

    private final String serialized;
    private final byte[] signature;

    private CompactHint(String serialized, byte[] signature) {
        this.serialized = serialized;
        this.signature = signature;
    }

    static CompactHint parse(String serialized) throws HintRejectedException {
        String[] parts = serialized.split("\\.", -1);
        if (parts.length != 3) {
            throw new HintRejectedException(HintRejection.MALFORMED, "id_token_hint does not have three parts");
        }
        decode(parts[0], "header");
        decode(parts[1], "payload");
        byte[] signature = decode(parts[2], "signature");
        return new CompactHint(serialized, signature);
    }

    private static byte[] decode(String part, String name) throws HintRejectedException {
        Optional<byte[]> decoded = CanonicalBase64Url.decode(part);
        if (decoded.isEmpty()) {
            throw new HintRejectedException(HintRejection.NON_CANONICAL, "hint " + name + " is not canonical base64url");
        }
        return decoded.get();
    }

    String serialized() {
        return serialized;
    }

    int signatureLength() {
        return signature.length;
    }

    /** SHA-256 of the decoded signature bytes: the hint's replay mark. */
    String signatureDigest() {
        return Digest.sha256(signature);
    }
}
