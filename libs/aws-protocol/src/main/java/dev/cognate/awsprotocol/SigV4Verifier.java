package dev.cognate.awsprotocol;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

import java.io.ByteArrayInputStream;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies AWS Signature Version 4 on operator calls. The expected signature is computed by the
 * AWS SDK's own {@link Aws4Signer} over exactly the headers the caller listed in
 * {@code SignedHeaders}, at the caller's {@code X-Amz-Date}, and compared in constant time; so
 * whatever the SDKs and the CLI sign, we sign the same way.
 *
 * <p>Why {@link Aws4Signer} and not the SDK's newer {@code AwsV4HttpSigner}: the newer one always
 * adds and signs {@code x-amz-content-sha256}, which botocore (AWS CLI, boto3) and curl do not
 * send, so their valid signatures would be refused. {@link Aws4Signer} signs the headers it is
 * given and nothing else; a client that did sign {@code x-amz-content-sha256} (the Java SDK v2)
 * sent that header, so it is among the signed headers passed in.
 *
 * <p>Errors are AWS's: no {@code Authorization} header is {@code MissingAuthenticationTokenException},
 * a malformed one {@code IncompleteSignatureException}, an unknown access key
 * {@code UnrecognizedClientException}, a wrong signature or a date more than 5 minutes away from
 * now {@code InvalidSignatureException}.
 */
public final class SigV4Verifier {

    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature"
            + " you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private final Function<String, Optional<String>> secretsByAccessKey;
    private final Clock clock;
    @SuppressWarnings("deprecation") // see the class comment
    private final Aws4Signer signer = Aws4Signer.create();

    /**
     * @param secretsByAccessKey the secret access key of a configured operator access key id, if any
     */
    public SigV4Verifier(Function<String, Optional<String>> secretsByAccessKey, Clock clock) {
        this.secretsByAccessKey = secretsByAccessKey;
        this.clock = clock;
    }

    public static SigV4Verifier forKeys(Map<String, String> secretsByAccessKey) {
        return new SigV4Verifier(key -> Optional.ofNullable(secretsByAccessKey.get(key)), Clock.systemUTC());
    }

    /**
     * Verifies the request's signature for {@code service} and returns the caller's access key id.
     *
     * @throws CognitoException with AWS's exception type when the request is not validly signed
     */
    public String verify(AwsJsonRequest request, String service) {
        String authorization = request.header("authorization")
                .orElseThrow(() -> new CognitoException("MissingAuthenticationTokenException", "Missing Authentication Token", 403));
        AuthorizationHeader auth = AuthorizationHeader.parse(authorization);
        if (!service.equals(auth.service())) {
            throw invalidSignature("Credential should be scoped to correct service: '" + service + "'.");
        }
        String secret = secretsByAccessKey.apply(auth.accessKeyId())
                .orElseThrow(() -> new CognitoException("UnrecognizedClientException",
                        "The security token included in the request is invalid."));
        String amzDate = request.header("x-amz-date").orElseThrow(() -> new CognitoException("IncompleteSignatureException",
                "Authorization header requires existence of a 'X-Amz-Date' header. Authorization=" + authorization));
        Instant signedAt = parseAmzDate(amzDate);
        if (!amzDate.startsWith(auth.date())) {
            throw invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + auth.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        checkFreshness(signedAt);
        if (!auth.signedHeaders().contains("host")) {
            throw invalidSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        String expected = expectedSignature(request, auth, secret, signedAt);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw invalidSignature(SIGNATURE_MISMATCH);
        }
        return auth.accessKeyId();
    }

    private void checkFreshness(Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_CLOCK_SKEW))) {
            throw invalidSignature("Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_CLOCK_SKEW)) + " (" + AMZ_DATE.format(now) + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw invalidSignature("Signature not yet current: " + AMZ_DATE.format(signedAt) + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_CLOCK_SKEW)) + " (" + AMZ_DATE.format(now) + " + 5 min.)");
        }
    }

    @SuppressWarnings("deprecation") // see the class comment
    private String expectedSignature(AwsJsonRequest request, AuthorizationHeader auth, String secret, Instant signedAt) {
        byte[] body = request.body();
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .encodedPath(request.rawPath())
                .contentStreamProvider(() -> new ByteArrayInputStream(body));
        HostAndPort.parse(request.header("host").orElse("")).applyTo(unsigned);
        addQueryParameters(unsigned, request.rawQuery());
        for (String name : auth.signedHeaders()) {
            List<String> values = request.headers().get(name);
            if (values != null && !name.equals("authorization")) {
                unsigned.putHeader(name, values);
            }
        }
        Aws4SignerParams params = Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(auth.accessKeyId(), secret))
                .signingName(auth.service())
                .signingRegion(Region.of(auth.region()))
                .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC))
                .build();
        String computed = signer.sign(unsigned.build(), params).firstMatchingHeader("Authorization").orElse("");
        return AuthorizationHeader.parse(computed).signature();
    }

    private static void addQueryParameters(SdkHttpFullRequest.Builder builder, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            builder.appendRawQueryParameter(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }

    private static Instant parseAmzDate(String amzDate) {
        try {
            return Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw new CognitoException("IncompleteSignatureException",
                    "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static CognitoException invalidSignature(String message) {
        return new CognitoException("InvalidSignatureException", message);
    }

    /** The parts of {@code AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=a;b, Signature=hex}. */
    record AuthorizationHeader(String accessKeyId, String date, String region, String service,
                               List<String> signedHeaders, String signature) {

        static AuthorizationHeader parse(String header) {
            if (!header.startsWith(ALGORITHM + " ")) {
                throw incomplete(header);
            }
            String credential = null;
            String signedHeaders = null;
            String signature = null;
            for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
                String trimmed = part.trim();
                int eq = trimmed.indexOf('=');
                if (eq < 0) {
                    throw incomplete(header);
                }
                String value = trimmed.substring(eq + 1);
                switch (trimmed.substring(0, eq)) {
                    case "Credential" -> credential = value;
                    case "SignedHeaders" -> signedHeaders = value;
                    case "Signature" -> signature = value;
                    default -> throw incomplete(header);
                }
            }
            if (credential == null || signedHeaders == null || signature == null) {
                throw incomplete(header);
            }
            String[] scope = credential.split("/");
            if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
                throw new CognitoException("IncompleteSignatureException",
                        "Credential should be scoped to a valid region, service and terminator 'aws4_request'. Credential=" + credential);
            }
            return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3],
                    List.of(signedHeaders.toLowerCase(java.util.Locale.ROOT).split(";")), signature);
        }

        private static CognitoException incomplete(String header) {
            return new CognitoException("IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=" + header);
        }
    }

    /** The {@code Host} header as the signer needs it: host, port and a protocol for which that port is explicit or default. */
    private record HostAndPort(String host, int port, String protocol) {

        static HostAndPort parse(String hostHeader) {
            int colon = hostHeader.lastIndexOf(':');
            boolean hasPort = colon > 0 && colon > hostHeader.lastIndexOf(']');
            if (!hasPort) {
                return new HostAndPort(hostHeader.isEmpty() ? "localhost" : hostHeader, 443, "https");
            }
            try {
                int port = Integer.parseInt(hostHeader.substring(colon + 1));
                return new HostAndPort(hostHeader.substring(0, colon), port, port == 443 ? "https" : "http");
            } catch (NumberFormatException e) {
                throw new CognitoException("InvalidSignatureException", SIGNATURE_MISMATCH);
            }
        }

        void applyTo(SdkHttpFullRequest.Builder builder) {
            builder.protocol(protocol).host(host).port(port);
        }
    }
}
