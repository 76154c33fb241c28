package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DuplicateProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.IdentityProviderTypeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListIdentityProvidersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ProviderDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CreateIdentityProvider, DescribeIdentityProvider, UpdateIdentityProvider, DeleteIdentityProvider,
 * ListIdentityProviders and GetIdentityProviderByIdentifier through the AWS SDK for Java v2.
 */
@QuarkusTest
class IdentityProvidersTest extends CognitoIdpTest {

    static final Map<String, String> GOOGLE = Map.of("client_id", "1234.apps.googleusercontent.com",
            "client_secret", "GOCSPX-google-secret-value", "authorize_scopes", "openid email profile");
    static final Map<String, String> OIDC = Map.of("client_id", "cognate", "client_secret", "oidc-secret-value",
            "authorize_scopes", "openid email", "oidc_issuer", "https://login.example.com/realms/main", "attributes_request_method", "GET");

    @Inject
    Pool db;

    private String poolId;

    @BeforeEach
    void createPool() {
        poolId = newPool("idps");
    }

    @Test
    void createsAnOidcProviderWithEveryMemberAndReadsItBackWithItsSecret() {
        Instant before = Instant.now().minusSeconds(1);
        IdentityProviderType created = cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corporate")
                .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC)
                .attributeMapping(Map.of("email", "email", "username", "sub"))
                .idpIdentifiers("example.com", "corp")).identityProvider();

        assertThat(created.userPoolId()).isEqualTo(poolId);
        assertThat(created.providerName()).isEqualTo("Corporate");
        assertThat(created.providerType()).isEqualTo(IdentityProviderTypeType.OIDC);
        Map<String, String> shown = new java.util.HashMap<>(OIDC);
        shown.put("attributes_url_add_attributes", "false");
        assertThat(created.providerDetails()).as("what was given: the issuer cannot be reached, so no discovered endpoint").isEqualTo(shown);
        assertThat(created.attributeMapping()).isEqualTo(Map.of("email", "email", "username", "sub"));
        assertThat(created.idpIdentifiers()).containsExactly("example.com", "corp");
        assertThat(created.creationDate()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(created.lastModifiedDate()).isEqualTo(created.creationDate());

        assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Corporate")).identityProvider())
                .isEqualTo(created);
        assertThat(cognito.getIdentityProviderByIdentifier(r -> r.userPoolId(poolId).idpIdentifier("corp")).identityProvider())
                .isEqualTo(created);
    }

    @Test
    void storesSecretDetailsSealedNeverInClearText() {
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Google").providerType(IdentityProviderTypeType.GOOGLE)
                .providerDetails(GOOGLE));
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("SignInWithApple")
                .providerType(IdentityProviderTypeType.SIGN_IN_WITH_APPLE).providerDetails(Map.of("client_id", "com.example.app",
                        "team_id", "TEAM123456", "key_id", "KEY1234567", "private_key", "-----BEGIN PRIVATE KEY-----apple",
                        "authorize_scopes", "email name")));

        for (Row row : db.preparedQuery("SELECT name, details::text, sealed_details FROM identity_providers WHERE user_pool_id = $1")
                .execute(Tuple.of(poolId)).await().indefinitely()) {
            String sealed = new String(row.getBuffer("sealed_details").getBytes(), StandardCharsets.ISO_8859_1);
            assertThat(row.getString("details")).as(row.getString("name")).doesNotContain("client_secret", "private_key", "secret-value", "apple");
            assertThat(sealed).doesNotContain("GOCSPX", "BEGIN PRIVATE KEY", "client_secret");
        }
        assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Google")).identityProvider()
                .providerDetails()).containsEntry("client_secret", "GOCSPX-google-secret-value");
        assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("SignInWithApple")).identityProvider()
                .providerDetails()).containsEntry("private_key", "-----BEGIN PRIVATE KEY-----apple").containsEntry("team_id", "TEAM123456");
    }

    @Test
    void createsSamlProvidersFromAMetadataUrlOrFile() {
        IdentityProviderType fromUrl = cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Okta")
                .providerType(IdentityProviderTypeType.SAML)
                .providerDetails(Map.of("MetadataURL", "https://idp.example.com/metadata.xml", "IDPSignout", "true"))).identityProvider();
        assertThat(fromUrl.providerDetails()).containsEntry("MetadataURL", "https://idp.example.com/metadata.xml");
        IdentityProviderType fromFile = cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Adfs")
                .providerType(IdentityProviderTypeType.SAML).providerDetails(Map.of("MetadataFile", "<EntityDescriptor/>"))).identityProvider();
        assertThat(fromFile.providerDetails()).containsEntry("MetadataFile", "<EntityDescriptor/>");

        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Both")
                        .providerType(IdentityProviderTypeType.SAML)
                        .providerDetails(Map.of("MetadataFile", "<x/>", "MetadataURL", "https://idp.example.com/m.xml"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("MetadataURL or MetadataFile");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Neither")
                        .providerType(IdentityProviderTypeType.SAML).providerDetails(Map.of("IDPSignout", "true"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("MetadataURL or MetadataFile");
    }

    @Test
    void refusesMissingOrInvalidDetailsForTheProviderTypeNamingThem() {
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Google")
                        .providerType(IdentityProviderTypeType.GOOGLE).providerDetails(Map.of("client_id", "x", "authorize_scopes", "openid"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("client_secret");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Idp")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(Map.of("client_id", "x", "authorize_scopes", "openid",
                                "attributes_request_method", "GET"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("oidc_issuer");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Idp")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(Map.of("client_id", "x", "authorize_scopes", "openid",
                                "oidc_issuer", "https://login.example.com", "attributes_request_method", "PUT"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("attributes_request_method must be GET or POST");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Idp")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(Map.of("client_id", "x", "authorize_scopes", "openid",
                                "oidc_issuer", "http://login.example.com", "attributes_request_method", "GET"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("oidc_issuer must be an https URL");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("SignInWithApple")
                        .providerType(IdentityProviderTypeType.SIGN_IN_WITH_APPLE)
                        .providerDetails(Map.of("client_id", "x", "team_id", "t", "private_key", "k", "authorize_scopes", "email"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("key_id");
        assertThat(cognito.listIdentityProviders(r -> r.userPoolId(poolId).maxResults(60)).providers()).isEmpty();
    }

    @Test
    void refusesInvalidNamesTypesAndMembersWithAwsValidationMessages() {
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("x".repeat(33))
                        .providerType("Twitter").providerDetails(GOOGLE)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("2 validation errors detected: ")
                .hasMessageContaining("at 'providerName' failed to satisfy constraint: Member must have length less than or equal to 32")
                .hasMessageContaining("Value 'Twitter' at 'providerType' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[SAML, Facebook, Google, LoginWithAmazon, SignInWithApple, OIDC]");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("_under")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value '_under' at 'providerName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                        .providerType(IdentityProviderTypeType.OIDC)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Value null at 'providerDetails'");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Cognito")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("MyGoogle")
                        .providerType(IdentityProviderTypeType.GOOGLE).providerDetails(GOOGLE)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("must be Google");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC).idpIdentifiers("has,comma")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value 'has,comma' at 'idpIdentifiers.1.member' failed to satisfy constraint");
        List<String> tooMany = IntStream.range(0, 51).mapToObj(i -> "id" + i).toList();
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC).idpIdentifiers(tooMany)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at 'idpIdentifiers' failed to satisfy constraint: Member must have length less than or equal to 50");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC).attributeMapping(Map.of("shoe_size", "size"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("shoe_size");
        assertThat(cognito.listIdentityProviders(r -> r.userPoolId(poolId).maxResults(60)).providers()).isEmpty();
    }

    @Test
    void mapsProviderAttributesToThePoolsCustomAttributes() {
        cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(SchemaAttributeType.builder()
                .name("tenant").attributeDataType(AttributeDataType.STRING).mutable(true).build()));
        IdentityProviderType created = cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC)
                .attributeMapping(Map.of("custom:tenant", "tid", "email", "mail"))).identityProvider();
        assertThat(created.attributeMapping()).containsEntry("custom:tenant", "tid");
        assertThatThrownBy(() -> cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                        .attributeMapping(Map.of("custom:absent", "x"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("custom:absent");
    }

    @Test
    void rejectsDuplicateNamesAndIdentifiersInThePoolButNotInAnotherPool() {
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp").providerType(IdentityProviderTypeType.OIDC)
                .providerDetails(OIDC).idpIdentifiers("example.com"));

        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC)))
                .isInstanceOf(DuplicateProviderException.class).hasMessageContaining("Corp");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Partner")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC).idpIdentifiers("partner.com", "example.com")))
                .isInstanceOf(DuplicateProviderException.class).hasMessageContaining("example.com");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Partner")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC).idpIdentifiers("twice", "twice")))
                .isInstanceOf(DuplicateProviderException.class).hasMessageContaining("twice");
        assertThat(cognito.listIdentityProviders(r -> r.userPoolId(poolId).maxResults(60)).providers())
                .extracting(ProviderDescription::providerName).containsExactly("Corp");

        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Partner").providerType(IdentityProviderTypeType.OIDC)
                .providerDetails(OIDC).idpIdentifiers("partner.com"));
        assertThatThrownBy(() -> cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Partner")
                        .idpIdentifiers("partner.com", "example.com")))
                .isInstanceOf(DuplicateProviderException.class).hasMessageContaining("example.com");

        String otherPool = newPool("idps other");
        assertThat(cognito.createIdentityProvider(r -> r.userPoolId(otherPool).providerName("Corp").providerType(IdentityProviderTypeType.OIDC)
                .providerDetails(OIDC).idpIdentifiers("example.com")).identityProvider().userPoolId()).isEqualTo(otherPool);
    }

    @Test
    void addsCognitosDefaultUsernameMappingPerTypeAndRefusesAnyOther() {
        Map<IdentityProviderTypeType, Map<String, String>> details = Map.of(
                IdentityProviderTypeType.GOOGLE, Map.of("client_id", "g", "client_secret", "s", "authorize_scopes", "openid email"),
                IdentityProviderTypeType.FACEBOOK, Map.of("client_id", "f", "client_secret", "s", "authorize_scopes", "email"),
                IdentityProviderTypeType.LOGIN_WITH_AMAZON, Map.of("client_id", "a", "client_secret", "s", "authorize_scopes", "profile"),
                IdentityProviderTypeType.SIGN_IN_WITH_APPLE, Map.of("client_id", "c", "team_id", "T", "key_id", "K",
                        "private_key", "-----BEGIN PRIVATE KEY-----x", "authorize_scopes", "email"));
        Map<IdentityProviderTypeType, String> source = Map.of(IdentityProviderTypeType.GOOGLE, "sub", IdentityProviderTypeType.FACEBOOK, "id",
                IdentityProviderTypeType.LOGIN_WITH_AMAZON, "user_id", IdentityProviderTypeType.SIGN_IN_WITH_APPLE, "sub");
        details.forEach((type, given) -> {
            IdentityProviderType created = cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName(type.toString())
                    .providerType(type).providerDetails(given).attributeMapping(Map.of("email", "email"))).identityProvider();
            assertThat(created.attributeMapping()).as(type.toString()).isEqualTo(Map.of("email", "email", "username", source.get(type)));
            assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName(type.toString())).identityProvider()
                    .attributeMapping()).as(type.toString()).containsEntry("username", source.get(type));
        });
        IdentityProviderType oidc = cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC)).identityProvider();
        assertThat(oidc.attributeMapping()).isEqualTo(Map.of("username", "sub"));
        IdentityProviderType saml = cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Okta")
                .providerType(IdentityProviderTypeType.SAML).providerDetails(Map.of("MetadataFile", "<EntityDescriptor/>"))
                .attributeMapping(Map.of("email", "email"))).identityProvider();
        assertThat(saml.attributeMapping()).as("SAML users are named by their NameID: no default").isEqualTo(Map.of("email", "email"));

        // an update replacing the mapping keeps the default; a username mapped to another attribute is refused, nothing changed
        assertThat(cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp").attributeMapping(Map.of("name", "name")))
                .identityProvider().attributeMapping()).isEqualTo(Map.of("name", "name", "username", "sub"));
        assertThatThrownBy(() -> cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                        .attributeMapping(Map.of("username", "email"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Attribute mapping key username of a OIDC identity provider must map sub: its users are named by that attribute.");
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Facebook2")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC).attributeMapping(Map.of("username", "preferred_username"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("must map sub");
        assertThatThrownBy(() -> cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Okta")
                        .attributeMapping(Map.of("username", "uid"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Attribute mapping key username cannot be set for a SAML identity provider: its users are named by their NameID.");
        assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")).identityProvider().attributeMapping())
                .isEqualTo(Map.of("name", "name", "username", "sub"));
    }

    @Test
    void updateReplacesOnlyTheGivenMembersAndChecksDetailsAgainstTheType() {
        IdentityProviderType created = cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC)
                .attributeMapping(Map.of("email", "email")).idpIdentifiers("example.com")).identityProvider();

        Map<String, String> rotated = new java.util.HashMap<>(OIDC);
        rotated.put("client_secret", "rotated-secret");
        IdentityProviderType updated = cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                .providerDetails(rotated)).identityProvider();
        assertThat(updated.providerDetails()).containsEntry("client_secret", "rotated-secret");
        assertThat(updated.attributeMapping()).as("not in the request: kept (with Cognito's default username mapping)")
                .isEqualTo(Map.of("email", "email", "username", "sub"));
        assertThat(updated.idpIdentifiers()).as("not in the request: kept").containsExactly("example.com");
        assertThat(updated.providerType()).isEqualTo(IdentityProviderTypeType.OIDC);
        assertThat(updated.creationDate()).isEqualTo(created.creationDate());
        assertThat(updated.lastModifiedDate()).isAfterOrEqualTo(created.lastModifiedDate());
        assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")).identityProvider()).isEqualTo(updated);

        IdentityProviderType renamedIds = cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                .idpIdentifiers("corp.example.com")).identityProvider();
        assertThat(renamedIds.idpIdentifiers()).containsExactly("corp.example.com");
        assertThatThrownBy(() -> cognito.getIdentityProviderByIdentifier(r -> r.userPoolId(poolId).idpIdentifier("example.com")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("example.com");

        assertThatThrownBy(() -> cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")
                        .providerDetails(Map.of("client_id", "only"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("authorize_scopes");
        assertThat(cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")).identityProvider().providerDetails())
                .as("a refused update changes nothing").containsEntry("client_secret", "rotated-secret");
    }

    @Test
    void deletesAProviderAndForgetsIt() {
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp").providerType(IdentityProviderTypeType.OIDC)
                .providerDetails(OIDC).idpIdentifiers("example.com"));
        cognito.deleteIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp"));

        assertThatThrownBy(() -> cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Identity provider Corp does not exist.");
        assertThatThrownBy(() -> cognito.deleteIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Identity provider Corp does not exist.");
        assertThatThrownBy(() -> cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp").idpIdentifiers("x")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Identity provider Corp does not exist.");
        assertThatThrownBy(() -> cognito.getIdentityProviderByIdentifier(r -> r.userPoolId(poolId).idpIdentifier("example.com")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(cognito.listIdentityProviders(r -> r.userPoolId(poolId).maxResults(10)).providers()).isEmpty();
    }

    @Test
    void listsEveryProviderOnceInNameOrderAcrossPages() {
        List<String> names = List.of("Delta", "Alpha", "Echo", "Charlie", "Bravo");
        names.forEach(name -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName(name)
                .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC)));

        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            String token = next;
            ListIdentityProvidersResponse page = cognito.listIdentityProviders(r -> r.userPoolId(poolId).maxResults(2).nextToken(token));
            assertThat(page.providers()).hasSizeLessThanOrEqualTo(2).allSatisfy(p -> {
                assertThat(p.providerType()).isEqualTo(IdentityProviderTypeType.OIDC);
                assertThat(p.creationDate()).isNotNull();
                assertThat(p.lastModifiedDate()).isNotNull();
            });
            page.providers().forEach(p -> seen.add(p.providerName()));
            next = page.nextToken();
            pages++;
        } while (next != null && pages < 10);

        assertThat(seen).containsExactly("Alpha", "Bravo", "Charlie", "Delta", "Echo");
        assertThat(pages).isEqualTo(3);
        assertThat(cognito.listIdentityProvidersPaginator(r -> r.userPoolId(poolId)).providers()).extracting(ProviderDescription::providerName)
                .containsExactly("Alpha", "Bravo", "Charlie", "Delta", "Echo");
    }

    @Test
    void rejectsMaxResultsOutsideOneToSixtyAndForgedTokens() {
        assertThatThrownBy(() -> cognito.listIdentityProviders(r -> r.userPoolId(poolId).maxResults(61)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60");
        assertThatThrownBy(() -> cognito.listIdentityProviders(r -> r.userPoolId(poolId).maxResults(0)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("greater than or equal to 1");
        assertThatThrownBy(() -> cognito.listIdentityProviders(r -> r.userPoolId(poolId).nextToken("forged!")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid pagination token.");
    }

    @Test
    void rejectsUnknownPoolOnEveryProviderAction() {
        String missing = "us-east-1_Nope12345";
        String message = "User pool " + missing + " does not exist.";
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(missing).providerName("Corp")
                        .providerType(IdentityProviderTypeType.OIDC).providerDetails(OIDC)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.describeIdentityProvider(r -> r.userPoolId(missing).providerName("Corp")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.updateIdentityProvider(r -> r.userPoolId(missing).providerName("Corp").idpIdentifiers("x")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.deleteIdentityProvider(r -> r.userPoolId(missing).providerName("Corp")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.listIdentityProviders(r -> r.userPoolId(missing).maxResults(10)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.getIdentityProviderByIdentifier(r -> r.userPoolId(missing).idpIdentifier("x")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
    }

    @Test
    void writesOneOutboxEventPerChangeWithoutSecrets() {
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Google").providerType(IdentityProviderTypeType.GOOGLE)
                .providerDetails(GOOGLE));
        assertThatThrownBy(() -> cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Google")
                        .providerType(IdentityProviderTypeType.GOOGLE).providerDetails(GOOGLE)))
                .isInstanceOf(DuplicateProviderException.class);
        cognito.updateIdentityProvider(r -> r.userPoolId(poolId).providerName("Google").attributeMapping(Map.of("email", "email")));
        cognito.deleteIdentityProvider(r -> r.userPoolId(poolId).providerName("Google"));

        List<OutboxRows.Row> rows = OutboxRows.forPool(db, poolId, "providerName").stream()
                .filter(row -> row.type().startsWith("cognate.userpool.identityprovider.")).toList();
        assertThat(rows).extracting(OutboxRows.Row::type).as("refused calls write nothing").containsExactly(
                UserPoolEvents.IDENTITY_PROVIDER_CREATED.name(), UserPoolEvents.IDENTITY_PROVIDER_UPDATED.name(),
                UserPoolEvents.IDENTITY_PROVIDER_DELETED.name());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.key()).isEqualTo(poolId);
            assertThat(row.subjectOfData()).isEqualTo("Google");
        });
        assertThat(OutboxRows.forPool(db, poolId, "providerType")).filteredOn(row -> row.type().contains("identityprovider"))
                .extracting(OutboxRows.Row::subjectOfData).containsOnly("Google");
        long leaking = db.preparedQuery("SELECT count(*) FROM outbox WHERE payload::jsonb->>'source' = $1 AND payload::text LIKE '%GOCSPX%'")
                .execute(Tuple.of("/userpools/" + poolId)).await().indefinitely().iterator().next().getLong(0);
        assertThat(leaking).as("no secret in any event").isZero();
    }

    @Test
    void deletingThePoolDeletesItsProviders() {
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp").providerType(IdentityProviderTypeType.OIDC)
                .providerDetails(OIDC));
        cognito.createIdentityProvider(r -> r.userPoolId(poolId).providerName("Google").providerType(IdentityProviderTypeType.GOOGLE)
                .providerDetails(GOOGLE));
        assertThat(storedProviders(poolId)).isEqualTo(2);

        cognito.deleteUserPool(r -> r.userPoolId(poolId));

        assertThat(storedProviders(poolId)).isZero();
        assertThatThrownBy(() -> cognito.describeIdentityProvider(r -> r.userPoolId(poolId).providerName("Corp")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("User pool " + poolId + " does not exist.");
    }

    private long storedProviders(String pool) {
        return db.preparedQuery("SELECT count(*) FROM identity_providers WHERE user_pool_id = $1").execute(Tuple.of(pool))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
