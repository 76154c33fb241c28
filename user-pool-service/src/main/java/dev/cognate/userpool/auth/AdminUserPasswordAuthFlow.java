package dev.cognate.userpool.auth;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** AdminInitiateAuth {@code ADMIN_USER_PASSWORD_AUTH} and its legacy name {@code ADMIN_NO_SRP_AUTH}: a server-side password check. */
@ApplicationScoped
public class AdminUserPasswordAuthFlow implements AuthFlowHandler {

    private final PasswordSignIn passwords;
    private final SignInCompletion completion;

    public AdminUserPasswordAuthFlow(PasswordSignIn passwords, SignInCompletion completion) {
        this.passwords = passwords;
        this.completion = completion;
    }

    @Override
    public List<String> flows() {
        return List.of("ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH");
    }

    @Override
    public boolean servedBy(boolean adminCall) {
        return adminCall;
    }

    @Override
    public List<String> allowedBy() {
        return List.of("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH");
    }

    @Override
    public Uni<AuthResponse> start(AuthContext context) {
        String username = AuthParameters.require(context, "USERNAME");
        String password = AuthParameters.require(context, "PASSWORD");
        return passwords.verify(context, username, password).chain(user -> completion.afterFirstFactor(context, user));
    }
}
