package dev.cognate.userpool.federation.oidc;

import dev.cognate.internalapi.HostedLoginResponses.SignedInUser;
import dev.cognate.userpool.federation.ExternalIdentity;
import dev.cognate.userpool.federation.FederatedSignIn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Enabled only by {@link FederationTestProfile}: records each verified identity the OIDC engine hands to
 * {@link FederatedSignIn} and answers the federated user Cognito would name ({@code {ProviderName}_{subject}}), so the
 * engine's tests assert exactly what crossed into the user write path. The write path itself is fedusers'.
 */
@Alternative
@ApplicationScoped
public class RecordingFederatedSignIn implements FederatedSignIn {

    public record Call(String clientId, ExternalIdentity identity, String ipAddress) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public Uni<SignedInUser> signIn(String clientId, ExternalIdentity identity, String ipAddress) {
        calls.add(new Call(clientId, identity, ipAddress));
        String username = identity.provider().providerName() + "_" + identity.subject();
        return Uni.createFrom().item(new SignedInUser("sub-of-" + username, username, 1_700_000_000L));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public Call last() {
        return calls.get(calls.size() - 1);
    }

    public int count() {
        return calls.size();
    }
}
