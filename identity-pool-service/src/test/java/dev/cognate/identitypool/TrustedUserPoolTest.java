package dev.cognate.identitypool;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CreateIdentityPoolRequest;
import software.amazon.awssdk.services.cognitoidentity.model.RoleMapping;

import java.net.URL;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the credential tests start from: identity pools that trust one user pool of {@link LocalUserPoolIssuer} (its ID
 * tokens are their logins), an operator client (the real AWS SDK, SigV4 with the operator key) that makes them, and an
 * unsigned client as an app calls GetId and GetCredentialsForIdentity; fresh pools so tests never share state.
 */
public abstract class TrustedUserPoolTest {

    @TestHTTPResource("/")
    protected URL endpoint;

    protected LocalUserPoolIssuer issuer;
    protected CognitoIdentityClient operator;
    protected CognitoIdentityClient anonymous;
    /** The user pool's provider name, the key of its ID tokens in {@code Logins}. */
    protected String provider;

    private final String userPool;

    protected TrustedUserPoolTest(String userPool) {
        this.userPool = userPool;
    }

    @BeforeEach
    void openClients() {
        issuer = LocalUserPoolIssuer.get();
        provider = issuer.providerName(userPool);
        operator = CognitoIdentityClients.operator(endpoint);
        anonymous = CognitoIdentityClients.anonymous(endpoint);
    }

    @AfterEach
    void closeClients() {
        operator.close();
        anonymous.close();
    }

    /**
     * A new identity pool named {@code <label>-<8 random characters>} that trusts the app client {@code clientId} of the
     * user pool; {@code settings} sets the rest of CreateIdentityPool (guests, classic flow). SetIdentityPoolRoles then
     * gives it {@code roles} and, unless null, {@code roleMappings}.
     */
    protected String identityPool(String label, String clientId, Consumer<CreateIdentityPoolRequest.Builder> settings,
                                  Map<String, String> roles, Map<String, RoleMapping> roleMappings) {
        String pool = operator.createIdentityPool(r -> settings.accept(r.identityPoolName(label + "-" + UUID.randomUUID().toString().substring(0, 8))
                .cognitoIdentityProviders(p -> p.providerName(provider).clientId(clientId)))).identityPoolId();
        operator.setIdentityPoolRoles(r -> {
            r.identityPoolId(pool).roles(roles);
            if (roleMappings != null) {
                r.roleMappings(roleMappings);
            }
        });
        return pool;
    }
}
