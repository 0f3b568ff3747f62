package org.entrasfo.sfo.face.remote;

import static org.assertj.core.api.Assertions.assertThat;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;

/** The face engine's API key at rest: no realm representation, export or copied attribute yields the key. */
class EngineApiKeysTest {

    private static final String KEY = "compreface-detection-key-0001";

    @Test
    void aSealedKeyIsNotTheKeyAndOpensOnlyForItsRealmAndAttribute() throws Exception {
        SecretKey aes = KeyGenerator.getInstance("AES").generateKey();

        String sealed = EngineApiKeys.seal("kid-1", aes, "realm-a", RemoteEngineSettings.API_KEY, KEY);

        assertThat(sealed).startsWith(EngineApiKeys.SEALED_PREFIX).doesNotContain(KEY);
        assertThat(EngineApiKeys.open(aes, "realm-a", RemoteEngineSettings.API_KEY, sealed)).contains(KEY);
        assertThat(EngineApiKeys.open(aes, "realm-b", RemoteEngineSettings.API_KEY, sealed)).as("copied into another realm").isEmpty();
        assertThat(EngineApiKeys.open(aes, "realm-a", RemoteEngineSettings.VERIFICATION_KEY, sealed)).as("moved to another attribute").isEmpty();
        assertThat(EngineApiKeys.open(KeyGenerator.getInstance("AES").generateKey(), "realm-a", RemoteEngineSettings.API_KEY, sealed))
                .as("another realm key").isEmpty();
    }

    @Test
    void twoSealsOfOneKeyDiffer() throws Exception {
        SecretKey aes = KeyGenerator.getInstance("AES").generateKey();

        assertThat(EngineApiKeys.seal("kid", aes, "r", RemoteEngineSettings.API_KEY, KEY))
                .isNotEqualTo(EngineApiKeys.seal("kid", aes, "r", RemoteEngineSettings.API_KEY, KEY));
    }

    /** A key written as itself into the attribute (past the provisioning call) is readable by view-realm admins: not used. */
    @Test
    void aKeyStoredAsPlainTextIsNotUsed() {
        assertThat(EngineApiKeys.isPlain(KEY)).isTrue();
        assertThat(EngineApiKeys.resolve(null, null, RemoteEngineSettings.API_KEY, KEY)).isEmpty();
        assertThat(EngineApiKeys.isPlain("${vault.face_engine_key}")).isFalse();
        assertThat(EngineApiKeys.isPlain(EngineApiKeys.SEALED_PREFIX + "a.b.c")).isFalse();
        assertThat(EngineApiKeys.isPlain(" ")).isFalse();
    }

    @Test
    void aVaultReferenceIsKeptAsTheNameOfWhereTheKeyIs() {
        assertThat(EngineApiKeys.isVaultReference("${vault.face_engine_key}")).isTrue();
        assertThat(EngineApiKeys.isVaultReference("${vault.}")).isFalse();
        assertThat(EngineApiKeys.isVaultReference("plain-key")).isFalse();
        assertThat(EngineApiKeys.isVaultReference(null)).isFalse();
    }
}
