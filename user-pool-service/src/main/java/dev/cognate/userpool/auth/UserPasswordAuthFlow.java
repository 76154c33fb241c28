package dev.cognate.userpool.auth;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** InitiateAuth {@code USER_PASSWORD_AUTH}: USERNAME and PASSWORD in clear over TLS, checked against the Argon2id hash. */
@ApplicationScoped
public class UserPasswordAuthFlow implements AuthFlowHandler {

    private final PasswordSignIn passwords;
    private final SignInCompletion completion;

    public UserPasswordAuthFlow(PasswordSignIn passwords, SignInCompletion completion) {
        this.passwords = passwords;
        this.completion = completion;
    }

    @Override
    public List<String> flows() {
        return List.of("USER_PASSWORD_AUTH");
    }

    @Override
    public boolean servedBy(boolean adminCall) {
        return !adminCall;
    }

    @Override
    public List<String> allowedBy() {
        return List.of("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH");
    }

    @Override
    public Uni<AuthResponse> start(AuthContext context) {
        String username = AuthParameters.require(context, "USERNAME");
        String password = AuthParameters.require(context, "PASSWORD");
        return passwords.verify(context, username, password).chain(user -> completion.afterFirstFactor(context, user));
    }
}
