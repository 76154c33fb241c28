package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.service.ProviderLinks.ProviderUser;

/** Constraints of the linking actions' {@code ProviderUserIdentifierType} members, as in the API reference. */
final class ProviderLinkRequests {

    private ProviderLinkRequests() {
    }

    /** {@code ProviderUserIdentifierType}, its members named as on the wire. */
    record ProviderUserIdentifier(String providerName, String providerAttributeName, String providerAttributeValue) {

        ProviderUser toProviderUser() {
            return new ProviderUser(providerName, providerAttributeName, providerAttributeValue);
        }
    }

    /**
     * A provider user at {@code member} (e.g. {@code sourceUser}): the provider name (1–32 characters) and the value are
     * needed to name anyone; the attribute name too where {@code attributeNameRequired} (Cognito ignores the
     * DestinationUser's).
     */
    static Validation providerUser(Validation validation, String member, ProviderUserIdentifier user, boolean attributeNameRequired) {
        validation.required(member, user);
        if (user == null) {
            return validation;
        }
        validation.required(member + ".providerName", user.providerName())
                .length(member + ".providerName", user.providerName(), 1, 32)
                .required(member + ".providerAttributeValue", user.providerAttributeValue());
        if (attributeNameRequired) {
            validation.required(member + ".providerAttributeName", user.providerAttributeName());
        }
        return validation;
    }
}
