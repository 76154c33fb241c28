package dev.cognate.userpool.auth;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.UserRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code SELECT_CHALLENGE} of choice-based sign-in ({@link UserAuthFlow}): ANSWER names one of the AvailableChallenges
 * the session offered, and the ChallengeResponses carry that factor's parameters (PASSWORD, SRP_A, ...), as
 * InitiateAuth's AuthParameters would with PREFERRED_CHALLENGE. The chosen factor starts for the session's user: the
 * USERNAME the session was opened for, whatever the answer says, so a sign-in cannot change users half-way. An ANSWER
 * that was not offered is refused with {@code InvalidParameterException} and the session stays usable.
 */
@ApplicationScoped
public class SelectChallengeHandler implements ChallengeHandler {

    private final Pool db;
    private final UserRepository users;
    private final FirstAuthFactors factors;

    public SelectChallengeHandler(Pool db, UserRepository users, FirstAuthFactors factors) {
        this.db = db;
        this.users = users;
        this.factors = factors;
    }

    @Override
    public String challengeName() {
        return UserAuthFlow.SELECT_CHALLENGE;
    }

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        String answer = AuthParameters.require(context, "ANSWER");
        List<String> offered = Arrays.asList(session.data().getOrDefault(UserAuthFlow.OFFERED, "").split(","));
        if (!offered.contains(answer)) {
            throw CognitoException.invalidParameter("Invalid ANSWER " + answer + ": the available challenges are "
                    + String.join(", ", offered));
        }
        FirstAuthFactor factor = factors.find(answer).orElseThrow(() -> CognitoException.invalidParameter(
                "Invalid ANSWER " + answer + ": the available challenges are " + String.join(", ", offered)));
        Map<String, String> parameters = new HashMap<>(context.parameters());
        parameters.put("USERNAME", session.username());
        AuthContext chosen = new AuthContext(context.pool(), context.client(), context.admin(), session.authFlow(), Collections.unmodifiableMap(parameters),
                context.sourceIp(), context.clientMetadata(), context.validationData());
        if (session.sub() == null) {
            return factor.start(chosen, null);
        }
        return users.findBySub(db, context.pool().id(), session.sub(), false)
                .chain(found -> factor.start(chosen, found.orElse(null)));
    }
}
