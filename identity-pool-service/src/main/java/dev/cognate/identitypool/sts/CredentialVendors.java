package dev.cognate.identitypool.sts;

import dev.cognate.identitypool.config.CognateConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Makes the vendor {@code cognate.credentials.vendor} names the {@link CredentialVendor} bean: {@code built-in} (the
 * default) or {@code external}. Any other value stops the start (the configuration cannot be converted); so does
 * {@code external} without {@code cognate.credentials.external.endpoint}.
 */
@ApplicationScoped
public class CredentialVendors {

    static final String MISSING_ENDPOINT = "cognate.credentials.vendor=external needs cognate.credentials.external.endpoint"
            + " (the URL of the STS to call AssumeRoleWithWebIdentity on)";

    private final CognateConfig config;

    public CredentialVendors(CognateConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    CredentialVendor vendor(Instance<BuiltInCredentialVendor> builtIn, Instance<ExternalCredentialVendor> external) {
        return switch (config.credentials().vendor()) {
            case BUILT_IN -> builtIn.get();
            case EXTERNAL -> external.get();
        };
    }

    /** Refuses to start with an external vendor that has nowhere to go, rather than failing the first request. */
    public void check(@Observes StartupEvent started) {
        if (config.credentials().vendor() == CognateConfig.Credentials.Vendor.EXTERNAL
                && config.credentials().external().endpoint().filter(endpoint -> !endpoint.isBlank()).isEmpty()) {
            throw new IllegalStateException(MISSING_ENDPOINT);
        }
    }
}
