package org.entrasfo.sfo.face.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.entrasfo.factor.FactorRealmSettings;
import org.entrasfo.sfo.face.FaceMatchPolicy;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

/** What an admin may set for a realm's face engine, and the threshold each engine kind allows. */
class FaceEngineRealmSettingsTest {

    private final FaceEngineRealmSettings settings = new FaceEngineRealmSettings();

    private List<String> problems(Map<String, String> values) {
        return settings.check(null, null, values).stream().map(FactorRealmSettings.Problem::property).toList();
    }

    @Test
    void acceptsTheBuiltInServiceWithItsKey() {
        assertThat(problems(Map.of("faceEngineUrl", "http://127.0.0.1:8091", "faceEngineApiKey", "k-123"))).isEmpty();
        assertThat(problems(Map.of("faceEngineUrl", "https://faces.example.org/compreface", "faceEngineKind", "compreface",
                "faceEngineApiKey", "det", "faceEngineVerificationApiKey", "${vault.face_verify}", "faceMatchThreshold", "0.9"))).isEmpty();
    }

    @Test
    void refusesAnEngineUrlThatIsNotHttpOrCarriesCredentialsOrAQuery() {
        for (String url : List.of("ftp://faces.example.org", "file:///etc/passwd", "http://user:pw@faces.example.org",
                "http://faces.example.org/?x=1", "javascript:alert(1)", "not a url", "//faces.example.org")) {
            assertThat(problems(Map.of("faceEngineUrl", url, "faceEngineApiKey", "k"))).as(url).containsExactly("faceEngineUrl");
        }
    }

    @Test
    void refusesAnEngineWithoutItsKeyAndAKeyWithoutAnEngine() {
        assertThat(problems(Map.of("faceEngineUrl", "http://127.0.0.1:8091"))).containsExactly("faceEngineApiKey");
        assertThat(problems(Map.of("faceEngineUrl", "http://127.0.0.1:8091", "faceEngineApiKey", FactorRealmSettings.UNCHANGED_SECRET)))
                .as("the mask keeps a key only where the realm has one").containsExactly("faceEngineApiKey");
        assertThat(problems(Map.of("faceEngineApiKey", "k"))).containsExactly("faceEngineUrl");
        assertThat(problems(Map.of("faceEngineUrl", "http://127.0.0.1:8091", "faceEngineApiKey", "two words")))
                .containsExactly("faceEngineApiKey");
    }

    @Test
    void refusesAThresholdOutsideTheKindsRangeSoNoAdminCanOpenTheFactorToStrangers() {
        Map<String, String> engine = Map.of("faceEngineUrl", "http://127.0.0.1:8091", "faceEngineApiKey", "k");
        assertThat(problems(with(engine, "faceMatchThreshold", "0.55"))).as("below the measured impostor scores").containsExactly("faceMatchThreshold");
        assertThat(problems(with(engine, "faceMatchThreshold", "0.97"))).containsExactly("faceMatchThreshold");
        assertThat(problems(with(engine, "faceMatchThreshold", "NaN"))).containsExactly("faceMatchThreshold");
        assertThat(problems(with(engine, "faceMatchThreshold", "0.75"))).isEmpty();
        assertThat(problems(with(with(engine, "faceEngineKind", "compreface"), "faceMatchThreshold", "0.97"))).isEmpty();
        assertThat(problems(with(engine, "faceEngineKind", "deepface"))).containsExactly("faceEngineKind");
    }

    @Test
    void eachKindHasItsOwnScaleAndAnOverrideOnlyWithinIt() {
        assertThat(EngineKind.BUILT_IN.policyWith(null)).isEqualTo(FaceMatchPolicy.BUILT_IN);
        assertThat(EngineKind.COMPREFACE.policyWith("").matchThreshold()).isEqualTo(0.85);
        assertThat(EngineKind.BUILT_IN.policyWith("0.8").matchThreshold()).isEqualTo(0.8);
        assertThat(EngineKind.BUILT_IN.policyWith("0.3").matchThreshold()).as("a stored value out of range takes the default").isEqualTo(0.70);
        assertThat(EngineKind.parse(null)).contains(EngineKind.BUILT_IN);
        assertThat(EngineKind.parse("CompreFace")).contains(EngineKind.COMPREFACE);
    }

    @Test
    void theKeysArePasswordFieldsKeycloakMasks() {
        assertThat(settings.properties()).filteredOn(ProviderConfigProperty::isSecret).extracting(ProviderConfigProperty::getName)
                .containsExactlyInAnyOrder("faceEngineApiKey", "faceEngineVerificationApiKey");
        assertThat(settings.properties()).extracting(ProviderConfigProperty::getName).allMatch(name -> !name.contains("."));
    }

    private static Map<String, String> with(Map<String, String> values, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(values);
        copy.put(key, value);
        return copy;
    }
}
