package dev.cognate.userpool.compat;

import dev.cognate.events.UserPoolEvents;
import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserImportJobsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreconditionNotMetException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserImportJobStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserImportJobType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Cognito's CSV user import jobs through the AWS SDK for Java v2, the CSV uploaded with a plain HTTP PUT. */
@QuarkusTest
class UserImportJobsTest extends CognitoIdpTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/CognitoImport";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    Pool db;

    @Test
    void answersCognitosCsvHeaderWithTheCustomAttributesBeforeTheCognitoColumns() {
        String poolId = newPool("csv header");
        cognito.addCustomAttributes(r -> r.userPoolId(poolId).customAttributes(SchemaAttributeType.builder()
                .name("joinedOn").attributeDataType(AttributeDataType.STRING).build()));

        assertThat(cognito.getCSVHeader(r -> r.userPoolId(poolId)).csvHeader()).containsExactly(
                "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website",
                "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified",
                "address", "updated_at", "custom:joinedOn", "cognito:mfa_enabled", "cognito:username");
    }

    @Test
    void importsTheUploadedCsvRowByRowInResetRequiredSkippingExistingUsersAndCountingBadRows() throws Exception {
        String poolId = newPool("csv import");
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username("existing").messageAction(MessageActionType.SUPPRESS));
        UserImportJobType created = cognito.createUserImportJob(r -> r.userPoolId(poolId).jobName("first import").cloudWatchLogsRoleArn(ROLE))
                .userImportJob();
        assertThat(created.jobId()).matches("import-[0-9a-zA-Z-]+");
        assertThat(created.status()).isEqualTo(UserImportJobStatusType.CREATED);
        assertThat(created.preSignedUrl()).startsWith("http://localhost:8081/import-jobs/" + created.jobId() + "/");
        assertThat(created.cloudWatchLogsRoleArn()).isEqualTo(ROLE);

        String csv = String.join("\r\n",
                "cognito:username,email,email_verified,given_name,phone_number,cognito:mfa_enabled,address",
                "ann,ann@example.com,true,Ann,,false,\"1 Main St, Springfield\"",
                "ben,ben@example.com,false,\"Ben \"\"Benny\"\"\",+15555550123,true,",
                "existing,x@example.com,false,,,false,",
                "broken,not-an-email,false,,,false,",
                "short,row",
                "");
        assertThat(put(created.preSignedUrl(), csv).statusCode()).isEqualTo(200);

        UserImportJobType started = cognito.startUserImportJob(r -> r.userPoolId(poolId).jobId(created.jobId())).userImportJob();
        assertThat(started.status()).isIn(UserImportJobStatusType.PENDING, UserImportJobStatusType.IN_PROGRESS);
        assertThat(started.startDate()).isNotNull();

        UserImportJobType done = awaitEnd(poolId, created.jobId());
        assertThat(done.status()).isEqualTo(UserImportJobStatusType.SUCCEEDED);
        assertThat(done.importedUsers()).isEqualTo(2);
        assertThat(done.skippedUsers()).isEqualTo(1);
        assertThat(done.failedUsers()).isEqualTo(2);
        assertThat(done.completionMessage()).isEqualTo("Import Job Completed Successfully.");
        assertThat(done.completionDate()).isNotNull();

        AdminGetUserResponse ann = cognito.adminGetUser(r -> r.userPoolId(poolId).username("ann"));
        assertThat(ann.userStatus()).isEqualTo(UserStatusType.RESET_REQUIRED);
        assertThat(ann.enabled()).isTrue();
        assertThat(attributes(ann.userAttributes())).containsEntry("email", "ann@example.com").containsEntry("email_verified", "true")
                .containsEntry("address", "1 Main St, Springfield").containsKey("sub");
        AdminGetUserResponse ben = cognito.adminGetUser(r -> r.userPoolId(poolId).username("ben"));
        assertThat(attributes(ben.userAttributes())).containsEntry("given_name", "Ben \"Benny\"");
        assertThat(ben.mfaOptions()).hasSize(1);
        assertThat(cognito.listUsers(r -> r.userPoolId(poolId).filter("email = \"ben@example.com\"")).users()).hasSize(1);
        assertThat(OutboxRows.forPool(db, poolId, "username")).filteredOn(row -> row.type().equals(UserPoolEvents.USER_CREATED.name()))
                .as("each imported row publishes its user.created event").extracting(OutboxRows.Row::subjectOfData)
                .containsExactly("existing", "ann", "ben");

        assertThat(put(created.preSignedUrl(), csv).statusCode()).as("a started job takes no file").isEqualTo(409);
        assertThatThrownBy(() -> cognito.startUserImportJob(r -> r.userPoolId(poolId).jobId(created.jobId())))
                .isInstanceOf(PreconditionNotMetException.class);
        assertThatThrownBy(() -> cognito.stopUserImportJob(r -> r.userPoolId(poolId).jobId(created.jobId())))
                .isInstanceOf(PreconditionNotMetException.class);
    }

    @Test
    void failsAJobWhoseHeaderIsNotThePoolsAndOneWhoseRowsAllFail() throws Exception {
        String poolId = newPool("csv bad");
        UserImportJobType badHeader = created(poolId, "bad header");
        put(badHeader.preSignedUrl(), "cognito:username,cognito:mfa_enabled,shoe_size\nann,false,42\n");
        cognito.startUserImportJob(r -> r.userPoolId(poolId).jobId(badHeader.jobId()));
        UserImportJobType failed = awaitEnd(poolId, badHeader.jobId());
        assertThat(failed.status()).isEqualTo(UserImportJobStatusType.FAILED);
        assertThat(failed.completionMessage()).contains("shoe_size");

        UserImportJobType allBad = created(poolId, "all bad");
        put(allBad.preSignedUrl(), "cognito:username,cognito:mfa_enabled,email\nann,maybe,ann@example.com\n,false,\n");
        cognito.startUserImportJob(r -> r.userPoolId(poolId).jobId(allBad.jobId()));
        UserImportJobType none = awaitEnd(poolId, allBad.jobId());
        assertThat(none.status()).isEqualTo(UserImportJobStatusType.FAILED);
        assertThat(none.failedUsers()).isEqualTo(2);
        assertThat(none.completionMessage()).isEqualTo("Too many users have failed or been skipped during the import.");
    }

    @Test
    void stopsAJobNeverStartedAndRefusesToStartOneWithoutAFile() throws Exception {
        String poolId = newPool("csv stop");
        UserImportJobType job = created(poolId, "never uploaded");
        assertThatThrownBy(() -> cognito.startUserImportJob(r -> r.userPoolId(poolId).jobId(job.jobId())))
                .isInstanceOf(PreconditionNotMetException.class).hasMessageContaining("no CSV file was uploaded");

        UserImportJobType stopped = cognito.stopUserImportJob(r -> r.userPoolId(poolId).jobId(job.jobId())).userImportJob();
        assertThat(stopped.status()).isEqualTo(UserImportJobStatusType.STOPPED);
        assertThat(stopped.completionDate()).isNotNull();
        assertThat(put(job.preSignedUrl(), "cognito:username,cognito:mfa_enabled\nann,false\n").statusCode()).isEqualTo(409);
    }

    @Test
    void stopsARunningJob() throws Exception {
        String poolId = newPool("csv running");
        UserImportJobType job = created(poolId, "long");
        StringBuilder csv = new StringBuilder("cognito:username,cognito:mfa_enabled\n");
        for (int i = 0; i < 2000; i++) {
            csv.append("user").append(i).append(",false\n");
        }
        put(job.preSignedUrl(), csv.toString());
        cognito.startUserImportJob(r -> r.userPoolId(poolId).jobId(job.jobId()));
        UserImportJobType stopping = cognito.stopUserImportJob(r -> r.userPoolId(poolId).jobId(job.jobId())).userImportJob();
        assertThat(stopping.status()).isEqualTo(UserImportJobStatusType.STOPPING);

        UserImportJobType stopped = awaitEnd(poolId, job.jobId());
        assertThat(stopped.status()).isEqualTo(UserImportJobStatusType.STOPPED);
        assertThat(stopped.importedUsers()).isLessThan(2000);
    }

    @Test
    void refusesUnknownJobsBadParametersAndForgedUploadUrls() throws Exception {
        String poolId = newPool("csv params");
        assertThatThrownBy(() -> cognito.describeUserImportJob(r -> r.userPoolId(poolId).jobId("import-Nope123456")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.startUserImportJob(r -> r.userPoolId(poolId).jobId("import-Nope123456")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.stopUserImportJob(r -> r.userPoolId(poolId).jobId("import-Nope123456")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.describeUserImportJob(r -> r.userPoolId(poolId).jobId("job-1")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> cognito.createUserImportJob(r -> r.userPoolId("us-east-1_NoSuchPool").jobName("x").cloudWatchLogsRoleArn(ROLE)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.createUserImportJob(r -> r.userPoolId(poolId).jobName("x")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("cloudWatchLogsRoleArn");
        assertThatThrownBy(() -> cognito.createUserImportJob(r -> r.userPoolId(poolId).jobName("no/slashes").cloudWatchLogsRoleArn(ROLE)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("jobName");
        assertThatThrownBy(() -> cognito.listUserImportJobs(r -> r.userPoolId(poolId)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("maxResults");
        assertThatThrownBy(() -> cognito.listUserImportJobs(r -> r.userPoolId(poolId).maxResults(61)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> cognito.getCSVHeader(r -> r.userPoolId("us-east-1_NoSuchPool")))
                .isInstanceOf(ResourceNotFoundException.class);

        UserImportJobType job = created(poolId, "forged");
        String forged = job.preSignedUrl().substring(0, job.preSignedUrl().lastIndexOf('/') + 1) + "A".repeat(43);
        assertThat(put(forged, "cognito:username,cognito:mfa_enabled\n").statusCode()).isEqualTo(403);
    }

    @Test
    void listsJobsInCreationOrderPageByPage() {
        String poolId = newPool("csv list");
        List<String> ids = new ArrayList<>();
        for (String name : List.of("one", "two", "three")) {
            ids.add(created(poolId, name).jobId());
        }
        List<String> listed = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            ListUserImportJobsResponse page = cognito.listUserImportJobs(r -> r.userPoolId(poolId).maxResults(2).paginationToken(current));
            assertThat(page.userImportJobs().size()).isLessThanOrEqualTo(2);
            page.userImportJobs().forEach(job -> listed.add(job.jobId()));
            token = page.paginationToken();
        } while (token != null);
        assertThat(listed).containsExactlyElementsOf(ids);
    }

    // ------------------------------------------------------------------ helpers

    private UserImportJobType created(String poolId, String name) {
        return cognito.createUserImportJob(r -> r.userPoolId(poolId).jobName(name).cloudWatchLogsRoleArn(ROLE)).userImportJob();
    }

    private UserImportJobType awaitEnd(String poolId, String jobId) {
        List<UserImportJobStatusType> ended = List.of(UserImportJobStatusType.SUCCEEDED, UserImportJobStatusType.FAILED,
                UserImportJobStatusType.STOPPED);
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> cognito.describeUserImportJob(r -> r.userPoolId(poolId).jobId(jobId)).userImportJob(),
                        job -> ended.contains(job.status()));
    }

    /** The upload as a client does it: an HTTP PUT of the file to the pre-signed URL (its path, on the service under test). */
    private HttpResponse<String> put(String preSignedUrl, String csv) throws Exception {
        URI url = endpoint.resolve(URI.create(preSignedUrl).getRawPath());
        return http.send(HttpRequest.newBuilder(url).header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> attributes(List<AttributeType> attributes) {
        return attributes.stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }
}
