package dev.cognate.identitypool.config;

import dev.cognate.identitypool.sts.CredentialVendors;
import dev.cognate.identitypool.token.IdentityTokenKeyRotationJob;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The credentials and key rotation configuration is read as the service reads it at start (SmallRye Config, the same
 * mapping), and what cannot work stops the start with a message naming the keys.
 */
class CredentialVendorConfigTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(CognateConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }

    @Test
    void builtInIsTheDefaultAndExternalIsRead() {
        assertThat(config(Map.of()).getConfigMapping(CognateConfig.class).credentials().vendor())
                .isEqualTo(CognateConfig.Credentials.Vendor.BUILT_IN);
        assertThat(config(Map.of("cognate.credentials.vendor", "built-in")).getConfigMapping(CognateConfig.class).credentials().vendor())
                .isEqualTo(CognateConfig.Credentials.Vendor.BUILT_IN);
        CognateConfig external = config(Map.of("cognate.credentials.vendor", "external",
                "cognate.credentials.external.endpoint", "https://sts.example.test")).getConfigMapping(CognateConfig.class);
        assertThat(external.credentials().vendor()).isEqualTo(CognateConfig.Credentials.Vendor.EXTERNAL);
        assertThat(external.credentials().external().endpoint()).hasValue("https://sts.example.test");
    }

    @Test
    void anExternalVendorWithoutEndpointStopsTheStart() {
        CognateConfig config = config(Map.of("cognate.credentials.vendor", "external")).getConfigMapping(CognateConfig.class);
        assertThatThrownBy(() -> new CredentialVendors(config).check(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cognate.credentials.vendor=external needs cognate.credentials.external.endpoint"
                        + " (the URL of the STS to call AssumeRoleWithWebIdentity on)");
        new CredentialVendors(config(Map.of()).getConfigMapping(CognateConfig.class)).check(null);
    }

    @Test
    void aKeyScheduleThatCannotPublishAheadStopsTheStart() {
        CognateConfig config = config(Map.of("cognate.identity-tokens.key-rotation-interval", "PT1H",
                "cognate.identity-tokens.key-publish-ahead", "PT2H")).getConfigMapping(CognateConfig.class);
        assertThatThrownBy(() -> new IdentityTokenKeyRotationJob(null, null, config).check(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cognate.identity-tokens.key-rotation-interval (PT1H) must be longer than"
                        + " cognate.identity-tokens.key-publish-ahead (PT2H)");
    }

    @Test
    void anUnknownVendorStopsTheStartNamingTheValue() {
        assertThatThrownBy(() -> config(Map.of("cognate.credentials.vendor", "aws-sts")))
                .hasStackTraceContaining("aws-sts")
                .hasStackTraceContaining("cognate.credentials.vendor");
    }
}
