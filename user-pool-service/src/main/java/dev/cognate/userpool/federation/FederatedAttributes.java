package dev.cognate.userpool.federation;

import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.userpool.domain.AttributeDefinition;
import dev.cognate.userpool.domain.PoolSchema;
import dev.cognate.userpool.domain.UserPool;
import dev.cognate.userpool.validation.UserAttributeRules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool's schema applied to mapped provider attributes: at the first sign-in every required attribute must be mapped
 * ({@code InvalidParameterException} "attributes required: [name, email]", in the schema's order, the words Cognito's hosted login returns as
 * {@code error_description}); every value must fit its attribute (length, format, type); later sign-ins may not change an
 * immutable attribute ("Attribute cannot be updated."), as Cognito, which requires mapped attributes to be mutable.
 */
final class FederatedAttributes {

    private FederatedAttributes() {
    }

    static Map<String, String> forCreate(UserPool pool, Map<String, String> mapped) {
        PoolSchema schema = PoolSchema.of(pool.settings());
        List<String> missing = schema.required().stream().map(AttributeDefinition::name)
                .filter(name -> !"sub".equals(name) && !"identities".equals(name))
                .filter(name -> mapped.get(name) == null || mapped.get(name).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            throw CognitoException.invalidParameter("attributes required: " + missing.toString());
        }
        return new LinkedHashMap<>(new UserAttributeRules(schema).forCreate(mapped));
    }

    static Map<String, String> forUpdate(UserPool pool, Map<String, String> current, Map<String, String> changes) {
        return new UserAttributeRules(PoolSchema.of(pool.settings())).forUpdate(current, changes);
    }
}
