package dev.cognate.userpool.auth;

import dev.cognate.userpool.domain.User;
import dev.cognate.userpool.repository.UserRepository;
import dev.cognate.userpool.trigger.ChallengeResult;
import dev.cognate.userpool.trigger.VerifyAuthChallengeResponseTrigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * {@code CUSTOM_CHALLENGE} (RespondToAuthChallenge and AdminRespondToAuthChallenge): ChallengeResponses USERNAME and
 * ANSWER. VerifyAuthChallengeResponse gets the answer with the challenge's private parameters; a wrong answer counts
 * towards the lockout; the result (with the challenge's metadata) joins the history, and DefineAuthChallenge decides
 * what follows ({@link CustomAuthSteps}). A locked user is refused before the function sees the answer.
 */
@ApplicationScoped
public class CustomChallenge implements ChallengeHandler {

    private final Pool db;
    private final UserRepository users;
    private final SignInAudit audit;
    private final VerifyAuthChallengeResponseTrigger verify;
    private final CustomAuthSteps steps;

    public CustomChallenge(Pool db, UserRepository users, SignInAudit audit, VerifyAuthChallengeResponseTrigger verify, CustomAuthSteps steps) {
        this.db = db;
        this.users = users;
        this.audit = audit;
        this.verify = verify;
        this.steps = steps;
    }

    @Override
    public String challengeName() {
        return CustomAuthSteps.CUSTOM_CHALLENGE;
    }

    @Override
    public Uni<AuthResponse> respond(AuthContext context, AuthSession session) {
        AuthParameters.require(context, "USERNAME");
        String answer = AuthParameters.require(context, "ANSWER");
        CustomAuthState state = CustomAuthState.fromData(session.data());
        Uni<Optional<User>> found = session.sub() == null ? Uni.createFrom().item(Optional.empty())
                : users.findBySub(db, context.pool().id(), session.sub(), false);
        return found.chain(user -> {
            User known = user.orElse(null);
            Uni<Void> unlocked = known == null ? Uni.createFrom().voidItem() : audit.checkNotLocked(context, known);
            return unlocked
                    .chain(() -> verify.run(CustomAuthSteps.triggerContext(context, known, session.username()),
                            steps.openPrivate(context.pool().id(), session), answer))
                    .call(correct -> correct || known == null ? Uni.createFrom().voidItem()
                            : audit.wrongChallengeAnswer(context, known, "wrong_challenge_answer"))
                    .chain(correct -> steps.next(context, known, session.username(), state.answered(
                            new ChallengeResult(CustomAuthSteps.CUSTOM_CHALLENGE, correct, session.data().get(CustomAuthSteps.METADATA)), false)));
        });
    }
}
