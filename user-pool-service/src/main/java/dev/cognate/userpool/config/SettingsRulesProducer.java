package dev.cognate.userpool.config;

import dev.cognate.userpool.validation.LambdaConfigRules;
import dev.cognate.userpool.validation.UserPoolSettingsRules;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one set of pool configuration rules (with the operator's trigger allow-list) that every pool writer uses. */
public class SettingsRulesProducer {

    @Produces
    @Singleton
    UserPoolSettingsRules userPoolSettingsRules(TriggerConfig triggers) {
        return new UserPoolSettingsRules(new LambdaConfigRules(triggers.allowedHttpHosts(),
                triggers.customSender().publicKey().filter(key -> !key.isBlank()).isPresent()));
    }
}
