package dev.cognate.identitypool.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code cognate.credentials.vendor} is read as the service reads it at start (SmallRye Config, the same mapping). */
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
    void anUnknownVendorStopsTheStartNamingTheValue() {
        assertThatThrownBy(() -> config(Map.of("cognate.credentials.vendor", "aws-sts")))
                .hasStackTraceContaining("aws-sts")
                .hasStackTraceContaining("cognate.credentials.vendor");
    }
}
