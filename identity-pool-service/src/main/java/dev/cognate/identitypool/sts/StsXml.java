package dev.cognate.identitypool.sts;

import java.util.Map;

/** The XML bodies of the STS Query API (version 2011-06-15), in AWS's namespace and element names. */
final class StsXml {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    static final String CONTENT_TYPE = "text/xml";

    private StsXml() {
    }

    static String getCallerIdentity(String arn, String userId, String account, String requestId) {
        return "<GetCallerIdentityResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <GetCallerIdentityResult>\n"
                + "    <Arn>" + escape(arn) + "</Arn>\n"
                + "    <UserId>" + escape(userId) + "</UserId>\n"
                + "    <Account>" + escape(account) + "</Account>\n"
                + "  </GetCallerIdentityResult>\n"
                + "  <ResponseMetadata>\n"
                + "    <RequestId>" + requestId + "</RequestId>\n"
                + "  </ResponseMetadata>\n"
                + "</GetCallerIdentityResponse>\n";
    }

    static String assumeRoleWithWebIdentity(SessionMint.Minted vended, String subject, String audience,
                                            String provider, String requestId) {
        SessionCredentials credentials = vended.credentials();
        AssumedRole role = AssumedRole.of(credentials.roleArn());
        return "<AssumeRoleWithWebIdentityResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <AssumeRoleWithWebIdentityResult>\n"
                + "    <SubjectFromWebIdentityToken>" + escape(subject) + "</SubjectFromWebIdentityToken>\n"
                + "    <Audience>" + escape(audience) + "</Audience>\n"
                + "    <AssumedRoleUser>\n"
                + "      <Arn>" + escape(role.arn(credentials.sessionName())) + "</Arn>\n"
                + "      <AssumedRoleId>" + escape(role.userId(credentials.sessionName())) + "</AssumedRoleId>\n"
                + "    </AssumedRoleUser>\n"
                + "    <Credentials>\n"
                + "      <SessionToken>" + escape(vended.sessionToken()) + "</SessionToken>\n"
                + "      <SecretAccessKey>" + escape(credentials.secretAccessKey()) + "</SecretAccessKey>\n"
                + "      <Expiration>" + credentials.expiration() + "</Expiration>\n"
                + "      <AccessKeyId>" + credentials.accessKeyId() + "</AccessKeyId>\n"
                + "    </Credentials>\n"
                + "    <Provider>" + escape(provider) + "</Provider>\n"
                + (credentials.principalTags().isEmpty() ? ""
                : "    <PackedPolicySize>" + packedPolicySize(credentials.principalTags()) + "</PackedPolicySize>\n")
                + "  </AssumeRoleWithWebIdentityResult>\n"
                + "  <ResponseMetadata>\n"
                + "    <RequestId>" + requestId + "</RequestId>\n"
                + "  </ResponseMetadata>\n"
                + "</AssumeRoleWithWebIdentityResponse>\n";
    }

    /**
     * AWS answers {@code PackedPolicySize} when session tags (or policies) were passed: the percentage of its limit their
     * packed (compressed, undocumented) form takes. Cognate approximates it from the tags' text against 2048 characters
     * (AWS's plaintext limit of session policies), rounded up; with at most 50 tags of 128 + 256 characters it can exceed
     * 100, where AWS would refuse with PackedPolicyTooLarge and Cognate does not.
     */
    static int packedPolicySize(Map<String, String> tags) {
        int characters = tags.entrySet().stream().mapToInt(tag -> tag.getKey().length() + tag.getValue().length()).sum();
        return Math.max(1, (characters * 100 + 2047) / 2048);
    }

    static String error(StsException error, String requestId) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <Error>\n"
                + "    <Type>" + error.type() + "</Type>\n"
                + "    <Code>" + escape(error.code()) + "</Code>\n"
                + "    <Message>" + escape(error.getMessage()) + "</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>" + requestId + "</RequestId>\n"
                + "</ErrorResponse>\n";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
