package org.entrasfo.broker.hint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EntraAuthorityTest {

    @Test
    void eachCloudIsPinnedToItsOwnHost() {
        assertThat(EntraCloud.GLOBAL.authority().jwksUrl()).isEqualTo("https://login.microsoftonline.com/common/discovery/v2.0/keys");
        assertThat(EntraCloud.US_GOVERNMENT.authority().redirectUri())
                .isEqualTo("https://login.microsoftonline.us/common/federation/externalauthprovider");
        assertThat(EntraCloud.CHINA.authority().issuerFor("t")).isEqualTo("https://login.partner.microsoftonline.cn/t/v2.0");
        assertThat(EntraCloud.GLOBAL.authority().custom()).isFalse();
    }

    @Test
    void anOverrideReplacesOnlyWhatWasGiven() {
        EntraAuthority jwksOnly = EntraAuthority.of(EntraCloud.CHINA, null, "http://127.0.0.1:9/keys");
        assertThat(jwksOnly.issuerBaseUrl()).isEqualTo("https://login.partner.microsoftonline.cn");
        assertThat(jwksOnly.jwksUrl()).isEqualTo("http://127.0.0.1:9/keys");
        assertThat(jwksOnly.custom()).isTrue();

        EntraAuthority both = EntraAuthority.of(EntraCloud.GLOBAL, "http://127.0.0.1:9/", " ");
        assertThat(both.redirectUri()).isEqualTo("http://127.0.0.1:9/common/federation/externalauthprovider");
        assertThat(both.jwksUrl()).isEqualTo("https://login.microsoftonline.com/common/discovery/v2.0/keys");
    }

    @Test
    void refusesAnOverrideThatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> EntraAuthority.of(EntraCloud.GLOBAL, "ftp://example", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntraAuthority.of(EntraCloud.GLOBAL, null, "not a url")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cloudsParseByNameOrHost() {
        assertThat(EntraCloud.parse("us-government")).contains(EntraCloud.US_GOVERNMENT);
        assertThat(EntraCloud.parse("login.partner.microsoftonline.cn")).contains(EntraCloud.CHINA);
        assertThat(EntraCloud.parse("moon")).isEmpty();
    }
}
