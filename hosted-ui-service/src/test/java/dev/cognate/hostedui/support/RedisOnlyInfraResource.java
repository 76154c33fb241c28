package dev.cognate.hostedui.support;

import dev.cognate.testkit.CognateInfraResource;
import dev.cognate.testkit.QuarkusConfigKeys;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The testkit's real infrastructure, configured for a service that uses Redis only: hosted-ui-service has no database and
 * no Kafka, so it is given only {@link QuarkusConfigKeys#REDIS_HOSTS}. (Its {@code cognate.*} configuration is validated:
 * a {@code cognate.db.*} key it does not have would fail the start, as it should for an operator's misspelt key.)
 */
public class RedisOnlyInfraResource extends CognateInfraResource {

    @Override
    public Map<String, String> start() {
        return super.start().entrySet().stream()
                .filter(entry -> entry.getKey().equals(QuarkusConfigKeys.REDIS_HOSTS))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
