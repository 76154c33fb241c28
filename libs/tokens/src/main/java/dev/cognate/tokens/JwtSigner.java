package dev.cognate.tokens;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;

import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.util.Objects;

/**
 * Signs claims as a compact JWS with one algorithm, one key and its {@code kid}.
 *
 * <p>The bytes on the wire are chosen here, not by the library: the header is {@code {"kid":…,"alg":…}} (then
 * {@code "typ"} when set), the order Cognito's tokens have, and the payload is the claims exactly as the caller built
 * them (Cognito's claim order). Nimbus computes the signature over those bytes.
 *
 * <p>Immutable and thread-safe.
 */
public final class JwtSigner {

    private final SigningAlgorithm algorithm;
    private final String kid;
    private final String type;
    private final JWSSigner signer;
    private final JWSHeader header;

    private JwtSigner(SigningAlgorithm algorithm, String kid, String type, JWSSigner signer) {
        this.algorithm = algorithm;
        this.kid = kid;
        this.type = type;
        this.signer = signer;
        this.header = header(algorithm, kid, type);
    }

    /**
     * A signer of {@code algorithm} with {@code key} (RSA of at least 2048 bits for {@code RS*}/{@code PS*}; an EC key on
     * the algorithm's curve for {@code ES*}).
     *
     * @throws IllegalArgumentException when the key does not fit the algorithm
     */
    public static JwtSigner of(SigningAlgorithm algorithm, String kid, PrivateKey key) {
        return of(algorithm, kid, key, RsaImplementation.JAVA);
    }

    /**
     * As {@link #of(SigningAlgorithm, String, PrivateKey)}, with RSA signatures computed by {@code rsa} (the JDK or
     * OpenSSL's libcrypto: the same bytes, a third of the CPU). Create one signer per key and keep it: with
     * {@link RsaImplementation#NATIVE} the key is imported into libcrypto here.
     */
    public static JwtSigner of(SigningAlgorithm algorithm, String kid, PrivateKey key, RsaImplementation rsa) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(rsa, "rsa");
        if (kid == null || kid.isEmpty()) {
            throw new IllegalArgumentException("a signing key needs a kid");
        }
        return new JwtSigner(algorithm, kid, null, signer(algorithm, key, rsa));
    }

    /** The same signer adding {@code "typ": type} to the header (e.g. {@code "JWT"}). */
    public JwtSigner withType(String type) {
        return new JwtSigner(algorithm, kid, Objects.requireNonNull(type, "type"), signer);
    }

    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    public String kid() {
        return kid;
    }

    /** {@code base64url(header).base64url(claims).base64url(signature)}. */
    public String sign(ObjectNode claims) {
        JWSObject jws = new JWSObject(header, new Payload(Base64URL.encode(Json.bytes(claims))));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(algorithm + " signing failed", e);
        }
        return jws.serialize();
    }

    private static JWSSigner signer(SigningAlgorithm algorithm, PrivateKey key, RsaImplementation rsa) {
        JWSSigner signer;
        try {
            signer = switch (algorithm.family()) {
                case RSA -> rsa == RsaImplementation.NATIVE && algorithm.name().startsWith("RS") ? new OpenSslRsaSigner(key)
                        : new RSASSASigner(key);
                case EC -> {
                    if (!(key instanceof ECPrivateKey ec)) {
                        throw new IllegalArgumentException(algorithm + " needs an EC private key");
                    }
                    yield new ECDSASigner(ec);
                }
            };
        } catch (JOSEException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the key cannot sign " + algorithm + ": " + e.getMessage(), e);
        }
        if (!signer.supportedJWSAlgorithms().contains(algorithm.jws())) {
            throw new IllegalArgumentException("the key cannot sign " + algorithm);
        }
        return signer;
    }

    /** The header, parsed from the exact bytes we want on the wire: Nimbus then signs those bytes, not its own rendering. */
    private static JWSHeader header(SigningAlgorithm algorithm, String kid, String type) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("kid", kid).put("alg", algorithm.name());
        if (type != null) {
            json.put("typ", type);
        }
        try {
            return JWSHeader.parse(Base64URL.encode(Json.bytes(json)));
        } catch (ParseException e) {
            throw new IllegalStateException("our own header always parses", e);
        }
    }
}
