package dev.cognate.userpool.action;

import dev.cognate.awsprotocol.Validation;
import dev.cognate.userpool.domain.UserImportJob;

import java.time.Instant;
import java.util.regex.Pattern;

/** The wire shape of a CSV import job ({@code UserImportJobType}) and the constraints its actions share. */
final class UserImportJobs {

    static final Pattern JOB_ID = Pattern.compile("import-[0-9a-zA-Z-]+");
    static final Pattern JOB_NAME = Pattern.compile("[\\w\\s+=,.@-]+");
    static final Pattern ROLE_ARN = Pattern.compile(
            "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?");

    /** {@code UserImportJobType}. */
    record Type(String jobName, String jobId, String userPoolId, String preSignedUrl, Instant creationDate, Instant startDate,
                Instant completionDate, String status, String cloudWatchLogsRoleArn, Long importedUsers, Long skippedUsers,
                Long failedUsers, String completionMessage) {
    }

    /** {@code {"UserImportJob": UserImportJobType}}. */
    record Single(Type userImportJob) {
    }

    private UserImportJobs() {
    }

    static Single single(UserImportJob job, String baseUrl) {
        return new Single(type(job, baseUrl));
    }

    static Type type(UserImportJob job, String baseUrl) {
        return new Type(job.jobName(), job.jobId(), job.userPoolId(), job.preSignedUrl(baseUrl), job.creationDate(), job.startDate(),
                job.completionDate(), job.status().name(), job.cloudWatchLogsRoleArn(), job.importedUsers(), job.skippedUsers(),
                job.failedUsers(), job.completionMessage());
    }

    /** UserPoolId and JobId, as DescribeUserImportJob, StartUserImportJob and StopUserImportJob take them. */
    static void checkTarget(String userPoolId, String jobId) {
        UserPoolRequests.userPoolId(Validation.of(), userPoolId)
                .required("jobId", jobId).length("jobId", jobId, 1, 55).pattern("jobId", jobId, JOB_ID)
                .throwIfInvalid();
    }
}
