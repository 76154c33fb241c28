package dev.cognate.userpool.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A domain of a pool's hosted login as stored: a prefix domain ({@code my-app}, served under
 * {@code cognate.hosted-ui.prefix-domain-template}) or a custom domain ({@code auth.example.com}, with its
 * certificate ARN).
 */
public record UserPoolDomain(String domain, String userPoolId, String certificateArn, int managedLoginVersion,
                             Instant creationDate, Instant lastModifiedDate) {

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** Custom domains are fully qualified; prefix domains are one label. */
    public static boolean isCustom(String domain) {
        return domain.indexOf('.') >= 0;
    }

    public boolean custom() {
        return isCustom(domain);
    }

    /** DescribeUserPoolDomain's {@code Version}: like Cognito's, a timestamp that changes with each update. */
    public String version() {
        return VERSION.format(lastModifiedDate);
    }

    public UserPoolDomain updatedWith(String newCertificateArn, Integer newManagedLoginVersion, Instant now) {
        return new UserPoolDomain(domain, userPoolId,
                newCertificateArn != null ? newCertificateArn : certificateArn,
                newManagedLoginVersion != null ? newManagedLoginVersion : managedLoginVersion,
                creationDate, now);
    }
}
