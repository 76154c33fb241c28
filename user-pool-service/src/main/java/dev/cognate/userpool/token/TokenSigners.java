package dev.cognate.userpool.token;

import dev.cognate.tokens.BoundedCache;
import dev.cognate.tokens.JwtSigner;
import dev.cognate.tokens.RsaImplementation;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The signer of each signing key, made once per key and kept (a key's private part never changes under its kid), by the
 * RSA implementation {@code cognate.tokens.rsa-implementation} names: {@code native} (default: OpenSSL's libcrypto, about
 * a third of the JDK's CPU per signature; checked at start-up, so a missing library stops the service with a message
 * instead of slowing it down unnoticed) or {@code java}.
 */
@Startup
@ApplicationScoped
public class TokenSigners {

    static final String CONFIG_KEY = "cognate.tokens.rsa-implementation";

    private static final Logger LOG = Logger.getLogger(TokenSigners.class);

    /** Active keys of as many pools as {@link SigningKeys} keeps; a signer evicted here is made again when needed. */
    private final BoundedCache<String, JwtSigner> byKid = new BoundedCache<>(SigningKeys.MAX_CACHED_POOLS);
    private final RsaImplementation rsa;

    public TokenSigners(@ConfigProperty(name = CONFIG_KEY, defaultValue = "native") String rsaImplementation) {
        this.rsa = RsaImplementation.parse(CONFIG_KEY, rsaImplementation).requireAvailable(CONFIG_KEY);
        LOG.infof("RSA signatures by %s", rsa == RsaImplementation.NATIVE ? "OpenSSL's libcrypto (native)" : "the JDK");
    }

    /** What signs this key's tokens (RS256, its kid in the header); the key must have its private part. */
    public JwtSigner of(SigningKey key) {
        return byKid.computeIfAbsent(key.kid(), kid -> JwtSigner.of(SigningKey.ALGORITHM, kid, key.privateKey(), rsa));
    }
}
