package dev.cognate.identitypool.sts;

import dev.cognate.awsprotocol.CognitoException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;

/** How the external vendor words an external STS's refusals and failures, as Cognito's GetCredentialsForIdentity would. */
class ExternalStsErrorsTest {

    @Test
    void refusalsOfTheRoleOrTokenAreInvalidIdentityPoolConfiguration() {
        for (String code : new String[] {"AccessDenied", "InvalidIdentityToken", "IDPRejectedClaim", "ValidationError"}) {
            CognitoException mapped = ExternalCredentialVendor.asCognitoError(refusal(code, 400));
            assertThat(mapped.type()).as(code).isEqualTo("InvalidIdentityPoolConfigurationException");
            assertThat(mapped.getMessage()).isEqualTo("Invalid identity pool configuration. Check assigned IAM roles for this pool.");
        }
    }

    @Test
    void anUnreachableOrFailingStsIsAnInternalError() {
        assertThat(ExternalCredentialVendor.asCognitoError(SdkClientException.create("Connection refused")).type())
                .isEqualTo("InternalErrorException");
        assertThat(ExternalCredentialVendor.asCognitoError(refusal("IDPCommunicationError", 400)).type()).isEqualTo("InternalErrorException");
        assertThat(ExternalCredentialVendor.asCognitoError(refusal("InternalFailure", 500)).httpStatus()).isEqualTo(500);
    }

    private static StsException refusal(String code, int status) {
        return (StsException) StsException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("refused").build()).build();
    }
}
