package dev.cognate.identitypool.login;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.onelogin.saml2.exception.ValidationError;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.settings.SettingsBuilder;
import dev.cognate.awsprotocol.CognitoException;
import dev.cognate.identitypool.config.CognateConfig;
import dev.cognate.identitypool.config.LoginProvidersConfig;
import dev.cognate.identitypool.domain.VerifiedLogin;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies the login of a {@code SamlProviderARNs} entry: the {@code Logins} key is the provider's ARN, the value the
 * base64 SAML Response the IdP posted (as AWS takes it). Strictly, with java-saml: a signature over the Response or the
 * assertion by a certificate of the provider's metadata (unsigned refused; SHA-1 refused), the issuer the metadata's
 * entity id, exactly one assertion, status Success, an {@code Audience} of AWS federation ({@code saml-audiences}), a
 * bearer {@code SubjectConfirmationData} with {@code NotOnOrAfter} and a {@code Recipient} of {@code saml-recipients}
 * (and the {@code Destination}, if any), the times, schema-valid XML without DTD, and every value read from the signed
 * assertion only (XML signature wrapping). Then the assertion ID against {@link SamlAssertionReplay}.
 * <p>
 * The login's subject is the {@code NameID} (the identity is stable per provider ARN and NameID); its claims are the
 * assertion's attributes (a single value as a string, several as a list), with {@code sub} (NameID), {@code iss} and
 * {@code aud}, what role rules and principal tags read.
 */
@ApplicationScoped
public class SamlLogins {

    /** The attribute AWS reads roles from: values {@code <role ARN>,<provider ARN>} (either order). */
    public static final String ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";
    static final String NOT_A_SAML_RESPONSE = "Invalid login token. Not a valid SAML response.";
    static final String WRONG_RECIPIENT = "Invalid login token. Incorrect SAML recipient.";
    static final String NOT_SUCCESS = "Invalid login token. The SAML response's status is not Success.";
    static final String NOT_YET_VALID = "Invalid login token. The SAML assertion is not valid yet.";
    private static final Logger LOG = Logger.getLogger(SamlLogins.class);

    /** Whether verifying the login spends its assertion (vending credentials or a token) or only identifies (GetId). */
    public enum Use { IDENTIFY, SPEND }

    private final SamlProviders providers;
    private final SamlAssertionReplay replay;
    private final List<String> audiences;
    private final Set<String> recipients;
    private final Clock clock;

    public SamlLogins(SamlProviders providers, SamlAssertionReplay replay, LoginProvidersConfig config, CognateConfig cognate, Clock clock) {
        this.providers = providers;
        this.replay = replay;
        this.audiences = List.copyOf(config.samlAudiences());
        Set<String> accepted = new LinkedHashSet<>(config.samlRecipients());
        accepted.add("https://" + cognate.region() + ".signin.aws.amazon.com/saml");
        this.recipients = Set.copyOf(accepted);
        this.clock = clock;
    }

    /** A verified assertion: the login, and what the replay cache needs. */
    private record Verified(VerifiedLogin login, String assertionId, Instant lastValidity) {
    }

    public Uni<VerifiedLogin> verify(String providerArn, String response, Use use) {
        // parsing and signature checks are CPU work and a metadata URL may be fetched: off the event loop
        return Uni.createFrom().item(() -> verifyBlocking(providerArn, response))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .call(verified -> use == Use.SPEND
                        ? replay.spend(providerArn, verified.assertionId(), verified.lastValidity())
                        : replay.requireUnspent(providerArn, verified.assertionId()))
                .map(Verified::login);
    }

    private Verified verifyBlocking(String providerArn, String response) {
        SamlProviders.IdpMetadata idp = providers.metadataOf(providerArn).orElseThrow(() -> LoginRefusals.notAuthorized(
                "Invalid login token. No metadata is configured for the SAML provider '" + providerArn + "'."));
        String base64 = canonicalBase64(response);
        try {
            // first read (from the referenced assertion) which of the accepted audience and recipient it names; java-saml's
            // strict validation then requires exactly those, from signed content
            SamlAssertion unverified = new SamlAssertion(settings(idp, audiences.get(0)), recipients.iterator().next(), base64);
            String audience = unverified.getAudiences().stream().filter(audiences::contains).findFirst()
                    .orElseThrow(() -> LoginRefusals.notAuthorized(LoginRefusals.WRONG_AUDIENCE));
            SamlAssertion.Confirmation confirmation = unverified.bearerConfirmations().stream()
                    .filter(candidate -> candidate.recipient() != null && recipients.contains(candidate.recipient()))
                    .findFirst().orElseThrow(() -> LoginRefusals.notAuthorized(WRONG_RECIPIENT));
            if (confirmation.notOnOrAfter() == null) {
                // AWS requires NotOnOrAfter on the SubjectConfirmationData; java-saml would let an open-ended one pass
                throw LoginRefusals.notAuthorized(NOT_A_SAML_RESPONSE);
            }
            SamlAssertion assertion = new SamlAssertion(settings(idp, audience), confirmation.recipient(), base64);
            if (!assertion.isValid()) {
                throw refusal(assertion, confirmation.notOnOrAfter());
            }
            String nameId = assertion.getNameId();
            if (nameId == null || nameId.isBlank()) {
                throw LoginRefusals.notAuthorized(NOT_A_SAML_RESPONSE);
            }
            Instant lastValidity = confirmation.notOnOrAfter();
            Instant conditions = assertion.conditionsNotOnOrAfter();
            if (conditions != null && conditions.isAfter(lastValidity)) {
                lastValidity = conditions;
            }
            ObjectNode claims = claims(assertion.getAttributes(), nameId, idp.entityId(), audience);
            return new Verified(new VerifiedLogin(providerArn, nameId, claims), assertion.getAssertionId(), lastValidity);
        } catch (CognitoException refused) {
            throw refused;
        } catch (ValidationError invalid) {
            throw LoginRefusals.notAuthorized(message(invalid.getErrorCode(), null));
        } catch (Exception malformed) {
            LOG.debugf("a SAML login of %s could not be read: %s", providerArn, malformed.getMessage());
            throw LoginRefusals.notAuthorized(NOT_A_SAML_RESPONSE);
        }
    }

    /** The token as base64 without line breaks (IdPs and SDKs wrap it), or refused when it is none. */
    private static String canonicalBase64(String response) {
        try {
            byte[] xml = Base64.getMimeDecoder().decode(response);
            if (xml.length == 0) {
                throw LoginRefusals.notAuthorized(NOT_A_SAML_RESPONSE);
            }
            return Base64.getEncoder().encodeToString(xml);
        } catch (IllegalArgumentException notBase64) {
            throw LoginRefusals.notAuthorized(NOT_A_SAML_RESPONSE);
        }
    }

    private static Saml2Settings settings(SamlProviders.IdpMetadata idp, String audience) {
        Map<String, Object> values = new HashMap<>(idp.settings());
        values.put(SettingsBuilder.STRICT_PROPERTY_KEY, true);
        values.put(SettingsBuilder.SP_ENTITYID_PROPERTY_KEY, audience);
        // either the Response or the assertion must be signed (java-saml refuses a response with no signature at all)
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_WANT_MESSAGES_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_ENCRYPTED, false);
        values.put(SettingsBuilder.SECURITY_WANT_NAMEID, true);
        values.put(SettingsBuilder.SECURITY_WANT_XML_VALIDATION, true);
        values.put(SettingsBuilder.SECURITY_REJECT_DEPRECATED_ALGORITHM, true);
        values.put(SettingsBuilder.SECURITY_ALLOW_REPEAT_ATTRIBUTE_NAME_PROPERTY_KEY, false);
        return new SettingsBuilder().fromValues(values).build();
    }

    private CognitoException refusal(SamlAssertion assertion, Instant notOnOrAfter) {
        Exception cause = assertion.getValidationException();
        int code = cause instanceof ValidationError invalid ? invalid.getErrorCode() : -1;
        // a refused login is the caller's error: debug, not error (java-saml's own logging is off, application.properties)
        LOG.debugf("a SAML response was refused: %s", assertion.getError());
        return LoginRefusals.notAuthorized(message(code, notOnOrAfter));
    }

    /** Cognito's messages where an ID token has one (audience, issuer, signature, expiry); Cognate's for SAML's own cases. */
    private String message(int code, Instant notOnOrAfter) {
        return switch (code) {
            case ValidationError.WRONG_AUDIENCE -> LoginRefusals.WRONG_AUDIENCE;
            case ValidationError.WRONG_ISSUER, ValidationError.ISSUER_MULTIPLE_IN_RESPONSE, ValidationError.ISSUER_NOT_FOUND_IN_ASSERTION ->
                    LoginRefusals.WRONG_ISSUER;
            case ValidationError.WRONG_DESTINATION, ValidationError.EMPTY_DESTINATION -> WRONG_RECIPIENT;
            case ValidationError.STATUS_CODE_IS_NOT_SUCCESS -> NOT_SUCCESS;
            case ValidationError.ASSERTION_TOO_EARLY -> NOT_YET_VALID;
            // the recipient was checked before, so a subject confirmation that does not hold is a time one
            case ValidationError.ASSERTION_EXPIRED, ValidationError.RESPONSE_EXPIRED, ValidationError.SESSION_EXPIRED,
                 ValidationError.WRONG_SUBJECTCONFIRMATION -> timeRefusal(code, notOnOrAfter);
            case ValidationError.INVALID_XML_FORMAT, ValidationError.UNSUPPORTED_SAML_VERSION, ValidationError.MISSING_ID,
                 ValidationError.WRONG_NUMBER_OF_ASSERTIONS, ValidationError.MISSING_STATUS, ValidationError.MISSING_STATUS_CODE,
                 ValidationError.MISSING_CONDITIONS, ValidationError.WRONG_NUMBER_OF_AUTHSTATEMENTS, ValidationError.NO_NAMEID,
                 ValidationError.EMPTY_NAMEID, ValidationError.ENCRYPTED_ATTRIBUTES, ValidationError.DUPLICATED_ATTRIBUTE_NAME_FOUND,
                 ValidationError.INVALID_ISSUE_INSTANT_FORMAT, ValidationError.NOT_SUPPORTED, ValidationError.NO_ENCRYPTED_ASSERTION,
                 ValidationError.MISSING_ENCRYPTED_ELEMENT -> NOT_A_SAML_RESPONSE;
            // unsigned, another signer, a broken or deprecated signature, wrapped or unexpected signed elements
            default -> LoginRefusals.NOT_VERIFIED;
        };
    }

    /** An assertion outside its times: expired (Cognito's message for an expired token), or not valid yet. */
    private String timeRefusal(int code, Instant notOnOrAfter) {
        Instant now = clock.instant();
        if (notOnOrAfter != null && !notOnOrAfter.isAfter(now)) {
            return "Invalid login token. Token expired: " + notOnOrAfter.getEpochSecond() + " >= " + now.getEpochSecond();
        }
        // the confirmation's NotOnOrAfter still holds: its NotBefore is ahead, or the Conditions or session expired
        return code == ValidationError.WRONG_SUBJECTCONFIRMATION ? NOT_YET_VALID : "Invalid login token. Token expired.";
    }

    private static ObjectNode claims(Map<String, List<String>> attributes, String nameId, String issuer, String audience) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(attributes).forEach((name, values) -> {
            if (values.size() == 1) {
                claims.put(name, values.get(0));
            } else if (!values.isEmpty()) {
                ArrayNode list = claims.putArray(name);
                values.forEach(list::add);
            }
        });
        // set last: an attribute cannot pose as the subject, issuer or audience
        claims.put("sub", nameId).put("iss", issuer).put("aud", audience);
        return claims;
    }

    /** The roles a verified SAML login offers for its provider: the role ARNs of the Role attribute's pairs naming it. */
    public static List<String> offeredRoles(ObjectNode claims, String providerArn) {
        List<String> roles = new ArrayList<>();
        var attribute = claims.get(ROLE_ATTRIBUTE);
        if (attribute == null) {
            return roles;
        }
        List<String> values = new ArrayList<>();
        if (attribute.isArray()) {
            attribute.forEach(value -> values.add(value.asText()));
        } else {
            values.add(attribute.asText());
        }
        for (String value : values) {
            String[] pair = value.split(",");
            if (pair.length != 2) {
                continue;
            }
            String first = pair[0].trim();
            String second = pair[1].trim();
            // AWS accepts the pair in either order
            if (second.equals(providerArn) && first.contains(":role/")) {
                roles.add(first);
            } else if (first.equals(providerArn) && second.contains(":role/")) {
                roles.add(second);
            }
        }
        return roles;
    }
}
