package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The one-time sign-in codes sent by SMS or email ({@code auth/SignInCodes}), prefix {@code cognate.sign-in-codes}. */
@ConfigMapping(prefix = "cognate.sign-in-codes")
public interface SignInCodesConfig {

    /**
     * How many codes one user may be sent in a {@link #window()}; the next sign-in that would send one answers
     * {@code TooManyRequestsException} and sends nothing. Bounds what a script can make Cognate send to a victim's phone.
     */
    @WithDefault("5")
    int maxPerUser();

    /** The fixed window the codes are counted in. */
    @WithDefault("PT15M")
    Duration window();
}
