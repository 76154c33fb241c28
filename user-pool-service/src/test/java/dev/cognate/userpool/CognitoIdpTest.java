package dev.cognate.userpool;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.net.URI;
import java.util.UUID;

/**
 * What every SDK test of this module starts from: the real AWS SDK for Java v2 client, signed with the
 * operator key, pointed at the service under test; and fresh pools so tests never share state.
 */
public abstract class CognitoIdpTest {

    @TestHTTPResource("/")
    protected URI endpoint;

    protected CognitoIdentityProviderClient cognito;

    @BeforeEach
    void connectSdk() {
        cognito = CognitoIdpClients.operator(endpoint);
    }

    @AfterEach
    void closeSdk() {
        cognito.close();
    }

    /** A new user pool named {@code "<label> <unique suffix>"}; returns its id. */
    protected String newPool(String label) {
        return cognito.createUserPool(r -> r.poolName(label + " " + unique())).userPool().id();
    }

    /** A suffix no other test run uses, valid in pool, group and client names. */
    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 13);
    }
}
