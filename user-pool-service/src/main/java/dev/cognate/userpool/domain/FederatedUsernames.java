package dev.cognate.userpool.domain;

import java.util.Locale;

/**
 * The username Cognito gives the federated user of a provider identity: {@code {ProviderName}_{subject}}, lower-cased in
 * pools whose usernames ignore case ({@code UsernameConfiguration.CaseSensitive} false), as Cognito names them there
 * ({@code google_1071...}, {@code loginwithamazon_amzn1.account...}).
 */
public final class FederatedUsernames {

    private FederatedUsernames() {
    }

    public static String of(UserPool pool, String providerName, String subject) {
        String username = providerName + "_" + subject;
        return SignInIdentifiers.of(pool.settings()).caseSensitive() ? username : username.toLowerCase(Locale.ROOT);
    }
}
