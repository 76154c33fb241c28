package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpTest;
import dev.cognate.userpool.SignedJson;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolDomainResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DomainDescriptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DomainStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain and DeleteUserPoolDomain through the AWS SDK for Java v2. */
@QuarkusTest
class UserPoolDomainsTest extends CognitoIdpTest {

    private static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f3e1c55-7a1b-4c2d-9e8f-123456789abc";
    private static final String OTHER_CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";

    @Inject
    Pool db;

    private String poolId;

    @BeforeEach
    void createPool() {
        poolId = newPool("domains");
    }

    /** A prefix domain no other test uses. */
    private static String prefix() {
        return "app-" + unique();
    }

    /** A custom domain no other test uses. */
    private static String custom() {
        return "auth." + unique() + ".example.com";
    }

    @Test
    void createsAPrefixDomainServedUnderTheConfiguredHostedUiTemplate() {
        String domain = prefix();
        CreateUserPoolDomainResponse created = cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(domain));
        assertThat(created.cloudFrontDomain()).as("only custom domains need a DNS target").isNull();
        assertThat(created.managedLoginVersion()).as("the API's default: the classic hosted UI").isEqualTo(1);

        DomainDescriptionType description = cognito.describeUserPoolDomain(r -> r.domain(domain)).domainDescription();
        assertThat(description.userPoolId()).isEqualTo(poolId);
        assertThat(description.domain()).isEqualTo(domain);
        assertThat(description.awsAccountId()).isEqualTo("000000000000");
        assertThat(description.cloudFrontDistribution()).isEqualTo(domain + ".auth.us-east-1.localhost");
        assertThat(description.status()).isEqualTo(DomainStatusType.ACTIVE);
        assertThat(description.version()).matches("\\d{14}");
        assertThat(description.s3Bucket()).isNull();
        assertThat(description.customDomainConfig()).isNull();
        assertThat(description.managedLoginVersion()).isEqualTo(1);

        UserPoolType pool = cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool();
        assertThat(pool.domain()).isEqualTo(domain);
        assertThat(pool.customDomain()).isNull();
    }

    @Test
    void createsACustomDomainWithItsCertificateBesideThePrefixDomain() {
        String domain = custom();
        String prefix = prefix();
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix));
        CreateUserPoolDomainResponse created = cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(domain)
                .customDomainConfig(c -> c.certificateArn(CERTIFICATE)).managedLoginVersion(2));
        assertThat(created.cloudFrontDomain()).as("cognate.hosted-ui.custom-domain-target").isEqualTo("localhost");
        assertThat(created.managedLoginVersion()).isEqualTo(2);

        DomainDescriptionType description = cognito.describeUserPoolDomain(r -> r.domain(domain)).domainDescription();
        assertThat(description.userPoolId()).isEqualTo(poolId);
        assertThat(description.cloudFrontDistribution()).isEqualTo("localhost");
        assertThat(description.customDomainConfig().certificateArn()).isEqualTo(CERTIFICATE);
        assertThat(description.managedLoginVersion()).isEqualTo(2);
        assertThat(description.status()).isEqualTo(DomainStatusType.ACTIVE);

        UserPoolType pool = cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool();
        assertThat(pool.domain()).isEqualTo(prefix);
        assertThat(pool.customDomain()).isEqualTo(domain);
    }

    @Test
    void describesANameNoPoolOwnsAsAnEmptyDescription() {
        DomainDescriptionType description = cognito.describeUserPoolDomain(r -> r.domain("free-" + unique())).domainDescription();
        assertThat(description.userPoolId()).isNull();
        assertThat(description.domain()).isNull();
        assertThat(description.status()).isNull();

        io.restassured.response.Response raw = SignedJson.call(endpoint, "DescribeUserPoolDomain", "{\"Domain\":\"free-" + unique() + "\"}");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.asString()).isEqualTo("{\"DomainDescription\":{}}");
    }

    @Test
    void refusesADomainAnotherPoolOwnsAndKeepsItWithItsOwner() {
        String domain = prefix();
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(domain));
        String otherPool = newPool("domains other");

        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(otherPool).domain(domain)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Domain already associated with another user pool.");
        assertThat(cognito.describeUserPoolDomain(r -> r.domain(domain)).domainDescription().userPoolId()).isEqualTo(poolId);
        assertThat(cognito.describeUserPool(r -> r.userPoolId(otherPool)).userPool().domain()).isNull();
    }

    @Test
    void refusesASecondDomainOfTheSameKindInOnePool() {
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix()));
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("User pool already has a domain configured.");

        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(custom()).customDomainConfig(c -> c.certificateArn(CERTIFICATE)));
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(custom())
                        .customDomainConfig(c -> c.certificateArn(CERTIFICATE))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("User pool already has a domain configured.");
        assertThat(storedDomains(poolId)).isEqualTo(2);
    }

    @Test
    void refusesPrefixDomainsThatAreNotOneLowerCaseLabelOrHoldAReservedWord() {
        for (String bad : List.of("Upper", "-leading", "trailing-", "under_score", "x".repeat(64))) {
            assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(bad)))
                    .as(bad).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("The domain name contains an invalid character. Domain names can only contain lower-case letters,"
                            + " numbers, and hyphens. Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$");
        }
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain("my-aws-login")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Domain cannot contain reserved word: aws");
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain("amazonshop")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Domain cannot contain reserved word: amazon");
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain("newcognito")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Domain cannot contain reserved word: cognito");
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value null at 'domain' failed to satisfy constraint: Member must not be null");
        assertThat(storedDomains(poolId)).isZero();
    }

    @Test
    void refusesCustomDomainsWithoutAValidCertificateAndBadManagedLoginVersions() {
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(custom())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("CustomDomainConfig");
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(custom())
                        .customDomainConfig(c -> c.certificateArn("not-a-certificate-arn"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at 'customDomainConfig.certificateArn' failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain("auth..example.com")
                        .customDomainConfig(c -> c.certificateArn(CERTIFICATE))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("not a valid fully qualified domain name");
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix())
                        .customDomainConfig(c -> c.certificateArn(CERTIFICATE))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("only be set for a custom domain");
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix()).managedLoginVersion(3)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Value '3' at 'managedLoginVersion' failed to satisfy constraint: Member must have value less than or equal to 2");
        assertThat(storedDomains(poolId)).isZero();
    }

    @Test
    void updatesTheCertificateAndManagedLoginVersionOfTheOwnDomainOnly() {
        String domain = custom();
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(domain).customDomainConfig(c -> c.certificateArn(CERTIFICATE)));

        var updated = cognito.updateUserPoolDomain(r -> r.userPoolId(poolId).domain(domain)
                .customDomainConfig(c -> c.certificateArn(OTHER_CERTIFICATE)).managedLoginVersion(2));
        assertThat(updated.cloudFrontDomain()).isEqualTo("localhost");
        assertThat(updated.managedLoginVersion()).isEqualTo(2);
        DomainDescriptionType description = cognito.describeUserPoolDomain(r -> r.domain(domain)).domainDescription();
        assertThat(description.customDomainConfig().certificateArn()).isEqualTo(OTHER_CERTIFICATE);
        assertThat(description.managedLoginVersion()).isEqualTo(2);

        cognito.updateUserPoolDomain(r -> r.userPoolId(poolId).domain(domain).managedLoginVersion(1));
        description = cognito.describeUserPoolDomain(r -> r.domain(domain)).domainDescription();
        assertThat(description.managedLoginVersion()).isEqualTo(1);
        assertThat(description.customDomainConfig().certificateArn()).as("not in the request: kept").isEqualTo(OTHER_CERTIFICATE);

        String prefix = prefix();
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix));
        assertThat(cognito.updateUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix).managedLoginVersion(2)).managedLoginVersion())
                .isEqualTo(2);
        assertThatThrownBy(() -> cognito.updateUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix)
                        .customDomainConfig(c -> c.certificateArn(CERTIFICATE))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("only be set for a custom domain");

        String otherPool = newPool("domains other");
        assertThatThrownBy(() -> cognito.updateUserPoolDomain(r -> r.userPoolId(otherPool).domain(domain).managedLoginVersion(2)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("No such domain or user pool exists.");
        assertThatThrownBy(() -> cognito.updateUserPoolDomain(r -> r.userPoolId(poolId).domain("missing-" + unique()).managedLoginVersion(2)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("No such domain or user pool exists.");
    }

    @Test
    void deletesOnlyItsOwnDomainAndFreesTheName() {
        String domain = prefix();
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(domain));
        String otherPool = newPool("domains other");

        assertThatThrownBy(() -> cognito.deleteUserPoolDomain(r -> r.userPoolId(otherPool).domain(domain)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("No such domain or user pool exists.");
        assertThat(cognito.describeUserPoolDomain(r -> r.domain(domain)).domainDescription().userPoolId()).isEqualTo(poolId);

        cognito.deleteUserPoolDomain(r -> r.userPoolId(poolId).domain(domain));
        assertThat(cognito.describeUserPoolDomain(r -> r.domain(domain)).domainDescription().domain()).isNull();
        assertThat(cognito.describeUserPool(r -> r.userPoolId(poolId)).userPool().domain()).isNull();
        assertThatThrownBy(() -> cognito.deleteUserPoolDomain(r -> r.userPoolId(poolId).domain(domain)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("No such domain or user pool exists.");

        cognito.createUserPoolDomain(r -> r.userPoolId(otherPool).domain(domain));
        assertThat(cognito.describeUserPoolDomain(r -> r.domain(domain)).domainDescription().userPoolId()).isEqualTo(otherPool);
    }

    @Test
    void rejectsUnknownPoolOnCreateUpdateAndDelete() {
        String missing = "us-east-1_Nope12345";
        String message = "User pool " + missing + " does not exist.";
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(missing).domain(prefix())))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.updateUserPoolDomain(r -> r.userPoolId(missing).domain(prefix()).managedLoginVersion(2)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> cognito.deleteUserPoolDomain(r -> r.userPoolId(missing).domain(prefix())))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(message);
    }

    @Test
    void deletingThePoolDeletesItsDomainsAndFreesTheirNames() {
        String domain = prefix();
        String customDomain = custom();
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(domain));
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(customDomain).customDomainConfig(c -> c.certificateArn(CERTIFICATE)));

        cognito.deleteUserPool(r -> r.userPoolId(poolId));

        assertThat(storedDomains(poolId)).isZero();
        assertThat(cognito.describeUserPoolDomain(r -> r.domain(domain)).domainDescription().domain()).isNull();
        String otherPool = newPool("domains other");
        cognito.createUserPoolDomain(r -> r.userPoolId(otherPool).domain(domain));
        assertThat(cognito.describeUserPoolDomain(r -> r.domain(domain)).domainDescription().userPoolId()).isEqualTo(otherPool);
    }

    @Test
    void writesOneOutboxEventPerChangeKeyedByPool() {
        String domain = prefix();
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(domain));
        assertThatThrownBy(() -> cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(prefix())))
                .isInstanceOf(InvalidParameterException.class);
        cognito.updateUserPoolDomain(r -> r.userPoolId(poolId).domain(domain).managedLoginVersion(2));
        cognito.deleteUserPoolDomain(r -> r.userPoolId(poolId).domain(domain));

        List<OutboxRows.Row> rows = OutboxRows.forPool(db, poolId, "domain").stream()
                .filter(row -> row.type().startsWith("cognate.userpool.domain.")).toList();
        assertThat(rows).extracting(OutboxRows.Row::type).as("refused calls write nothing").containsExactly(
                UserPoolEvents.DOMAIN_CREATED.name(), UserPoolEvents.DOMAIN_UPDATED.name(), UserPoolEvents.DOMAIN_DELETED.name());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.key()).isEqualTo(poolId);
            assertThat(row.subjectOfData()).isEqualTo(domain);
        });
    }

    @Test
    void concurrentCreatesOfOneNameByTwoPoolsGiveItToExactlyOne() throws Exception {
        String domain = prefix();
        List<String> poolIds = List.of(poolId, newPool("domains racer"), newPool("domains racer"), newPool("domains racer"));
        long created;
        try (CognitoIdentityProviderClient racer = Race.clientWithoutRetries(endpoint)) {
            created = Race.run(poolIds.size(), i -> {
                try {
                    racer.createUserPoolDomain(r -> r.userPoolId(poolIds.get(i)).domain(domain));
                    return true;
                } catch (InvalidParameterException e) {
                    return false;
                }
            });
        }
        assertThat(created).isEqualTo(1);
        assertThat(poolIds).contains(cognito.describeUserPoolDomain(r -> r.domain(domain)).domainDescription().userPoolId());
    }

    private long storedDomains(String pool) {
        return db.preparedQuery("SELECT count(*) FROM user_pool_domains WHERE user_pool_id = $1").execute(Tuple.of(pool))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
