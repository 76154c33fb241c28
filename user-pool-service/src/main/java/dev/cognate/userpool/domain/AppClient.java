package dev.cognate.userpool.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cognate.awsprotocol.CognitoException;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * An app client as stored, without its secrets (they live encrypted in {@code app_client_secrets}).
 *
 * @param settings the client's configuration members in their Cognito wire form (CallbackURLs,
 *                 AllowedOAuthFlows, ExplicitAuthFlows, token validities, ...), defaults filled in
 */
public record AppClient(String clientId, String userPoolId, String clientName, ObjectNode settings,
                        Instant creationDate, Instant lastModifiedDate) {

    /** The settings as a typed view, read from {@link #settings()} (read it once per operation). */
    public ClientSettings config() {
        return ClientSettings.of(settings);
    }

    /** {@code PreventUserExistenceErrors}: ENABLED (the default) unless the client says LEGACY. */
    public boolean preventsUserExistenceErrors() {
        return config().preventsUserExistenceErrors();
    }

    /**
     * Refuses attributes a user flow of this client (SignUp) may not write: those not in its {@code WriteAttributes}. A
     * client without {@code WriteAttributes} writes every attribute of the schema but the {@code email_verified} and
     * {@code phone_number_verified} flags, which only a client naming them may set (else anyone signing up could claim
     * an address they do not own).
     */
    public void checkWritable(Collection<String> names) {
        List<String> allowed = config().writeAttributes();
        for (String name : names) {
            boolean permitted = allowed.isEmpty() ? !name.endsWith("_verified") : allowed.contains(name);
            if (!permitted) {
                throw new CognitoException("NotAuthorizedException", "A client attempted to write unauthorized attribute");
            }
        }
    }
}
