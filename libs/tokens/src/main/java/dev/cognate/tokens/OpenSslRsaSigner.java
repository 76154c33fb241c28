package dev.cognate.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Set;

/** Nimbus's {@link JWSSigner} for RS256/384/512 by {@link OpenSslRsa}: the key imported into libcrypto once. */
final class OpenSslRsaSigner implements JWSSigner {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

    private final OpenSslRsa.Key key;
    private final JCAContext jcaContext = new JCAContext();

    OpenSslRsaSigner(PrivateKey key) {
        if (key instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() < 2048) {
            throw new IllegalArgumentException("The RSA key size must be at least 2048 bits"); // as Nimbus's RSASSASigner
        }
        this.key = new OpenSslRsa.Key(key);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new JOSEException("OpenSSL signs RS256, RS384 and RS512 here, not " + header.getAlgorithm());
        }
        try {
            return Base64URL.encode(key.sign(header.getAlgorithm().getName(), signingInput));
        } catch (IllegalStateException e) {
            throw new JOSEException(e.getMessage(), e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
