package dev.cognate.userpool.domain;

import dev.cognate.awsprotocol.CognitoException;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * A CSV user import job ({@code UserImportJobType}) as stored, without its uploaded file.
 *
 * @param uploadToken the random part of the job's pre-signed upload URL
 */
public record UserImportJob(String jobId, String userPoolId, String jobName, String cloudWatchLogsRoleArn, String uploadToken,
                            Instant uploadExpiresAt, boolean uploaded, Status status, long importedUsers, long skippedUsers,
                            long failedUsers, String completionMessage, Instant creationDate, Instant startDate, Instant completionDate) {

    /** Cognito's {@code UserImportJobStatusType}. */
    public enum Status {
        Created, Pending, InProgress, Stopping, Expired, Stopped, Failed, Succeeded
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** {@code import-} and 10 random alphanumerics, as Cognito's job ids ({@code import-[0-9a-zA-Z-]+}). */
    public static String newJobId() {
        return "import-" + random(10);
    }

    /** 256 bits for the pre-signed URL. */
    public static String newUploadToken() {
        return random(43);
    }

    public static CognitoException notFound(String jobId) {
        return CognitoException.resourceNotFound("Import job " + jobId + " does not exist.");
    }

    public boolean ended() {
        return status == Status.Stopped || status == Status.Failed || status == Status.Succeeded || status == Status.Expired;
    }

    public UserImportJob withStatus(Status newStatus, String message, Instant started, Instant completed) {
        return new UserImportJob(jobId, userPoolId, jobName, cloudWatchLogsRoleArn, uploadToken, uploadExpiresAt, uploaded, newStatus,
                importedUsers, skippedUsers, failedUsers, message, creationDate, started, completed);
    }

    public UserImportJob withCounts(long imported, long skipped, long failed) {
        return new UserImportJob(jobId, userPoolId, jobName, cloudWatchLogsRoleArn, uploadToken, uploadExpiresAt, uploaded, status,
                imported, skipped, failed, completionMessage, creationDate, startDate, completionDate);
    }

    /** The pre-signed upload URL under {@code baseUrl}. */
    public String preSignedUrl(String baseUrl) {
        return baseUrl.replaceAll("/+$", "") + "/import-jobs/" + jobId + "/" + uploadToken;
    }

    private static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return text.toString();
    }
}
