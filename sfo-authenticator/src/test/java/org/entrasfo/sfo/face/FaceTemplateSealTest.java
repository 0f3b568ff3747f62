package org.entrasfo.sfo.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;
import org.keycloak.credential.CredentialModel;

class FaceTemplateSealTest {

    private static final FaceTemplate ALICE = new FaceTemplate("face-service/human-faceres",
            "embedding of alice, 1024 floats".getBytes(StandardCharsets.UTF_8));

    @Test
    void aSealedTemplateOpensWithItsRealmKeyForItsUserOnly() throws Exception {
        SecretKey key = aesKey();
        String sealed = FaceTemplateSeal.seal("kid-1", key, "alice-id", ALICE);

        assertThat(FaceTemplateSeal.keyId(sealed)).contains("kid-1");
        assertThat(FaceTemplateSeal.open(key, sealed, "alice-id")).contains(ALICE);
        // Moved onto another user's credential in the database: it does not open for them.
        assertThat(FaceTemplateSeal.open(key, sealed, "mallory-id")).isEmpty();
    }

    @Test
    void theDatabaseAloneHoldsNoTemplate() throws Exception {
        String sealed = FaceTemplateSeal.seal("kid-1", aesKey(), "alice-id", ALICE);

        assertThat(sealed).doesNotContain(Base64.getEncoder().encodeToString(ALICE.data()));
        assertThat(new String(Base64.getUrlDecoder().decode(sealed.split("\\.")[3]), StandardCharsets.ISO_8859_1))
                .doesNotContain("alice").doesNotContain("faceres");
        assertThat(FaceTemplateSeal.open(aesKey(), sealed, "alice-id")).isEmpty();
    }

    @Test
    void aTamperedOrForeignSealOpensToNothingNeverAnError() throws Exception {
        SecretKey key = aesKey();
        String sealed = FaceTemplateSeal.seal("kid-1", key, "alice-id", ALICE);
        String[] parts = sealed.split("\\.");
        char last = parts[3].charAt(0);
        parts[3] = (last == 'A' ? 'B' : 'A') + parts[3].substring(1);

        assertThat(FaceTemplateSeal.open(key, String.join(".", parts), "alice-id")).isEmpty();
        assertThat(FaceTemplateSeal.open(key, "not a jwe", "alice-id")).isEmpty();
        assertThat(FaceTemplateSeal.keyId("not a jwe")).isEmpty();
    }

    @Test
    void theCredentialKeepsOnlyTheSealedTemplateAsSecretAndNeverPrintsIt() throws Exception {
        String sealed = FaceTemplateSeal.seal("kid-1", aesKey(), "alice-id", ALICE);
        FaceCredential face = new FaceCredential("cred-1", ALICE.engineId(), 1_700_000_000L, 5, sealed);

        CredentialModel model = face.toModel();

        assertThat(model.getType()).isEqualTo("sfo-face");
        assertThat(model.getCredentialData()).doesNotContain(sealed);
        assertThat(model.getSecretData()).contains(sealed);
        assertThat(FaceCredential.fromModel(model)).isEqualTo(face);
        assertThat(face.toString()).doesNotContain(sealed);
    }

    private static SecretKey aesKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(128);
        return generator.generateKey();
    }
}
