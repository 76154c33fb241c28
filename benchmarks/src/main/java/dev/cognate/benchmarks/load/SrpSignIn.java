package dev.cognate.benchmarks.load;

import dev.cognate.userpool.crypto.Srp;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.math.BigInteger;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * initiate-auth-srp's sign-in: USER_SRP_AUTH as amazon-cognito-identity-js runs it (InitiateAuth with SRP_A, then
 * RespondToAuthChallenge PASSWORD_VERIFIER), with the server's own SRP maths (dev.cognate.userpool.crypto.Srp).
 */
final class SrpSignIn {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US);

    private SrpSignIn() {
    }

    static void signIn(CognitoIdentityProviderClient idp, String clientId, String poolId, String username, String password) {
        BigInteger a = Srp.randomPrivate();
        BigInteger largeA = Srp.G.modPow(a, Srp.N);
        var challenge = idp.initiateAuth(r -> r.clientId(clientId).authFlow("USER_SRP_AUTH")
                .authParameters(Map.of("USERNAME", username, "SRP_A", largeA.toString(16))));
        Map<String, String> p = challenge.challengeParameters();
        String userId = p.get("USER_ID_FOR_SRP");
        String poolName = Srp.poolName(poolId);
        BigInteger serverB = new BigInteger(p.get("SRP_B"), 16);
        BigInteger x = Srp.x(poolName, userId, password, new BigInteger(p.get("SALT"), 16));
        BigInteger u = Srp.u(largeA, serverB);
        byte[] key = Srp.hkdf(Srp.clientSecret(serverB, x, a, u), u);
        String timestamp = ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP);
        String signature = Base64.getEncoder().encodeToString(Srp.claimSignature(key, poolName, userId,
                Base64.getDecoder().decode(p.get("SECRET_BLOCK")), timestamp));
        idp.respondToAuthChallenge(r -> r.clientId(clientId).challengeName("PASSWORD_VERIFIER").session(challenge.session())
                .challengeResponses(Map.of("USERNAME", p.get("USERNAME"), "PASSWORD_CLAIM_SECRET_BLOCK", p.get("SECRET_BLOCK"),
                        "TIMESTAMP", timestamp, "PASSWORD_CLAIM_SIGNATURE", signature)));
    }
}
