package dev.cognate.userpool.compat;

import dev.cognate.userpool.CognitoIdpTest;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UICustomizationType;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SetUICustomization and GetUICustomization through the AWS SDK for Java v2. */
@QuarkusTest
class UiCustomizationTest extends CognitoIdpTest {

    static final String BUTTON_CSS = ".submitButton-customizable{background-color:#FF0000;  color : white}";
    static final String BUTTON_CSS_STORED = ".submitButton-customizable {\n  background-color: #FF0000;\n  color: white;\n}\n";

    @Inject
    Pool db;

    private String poolId;
    private String clientId;

    @BeforeEach
    void createPoolAndClient() {
        poolId = newPool("branding");
        clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName("web")).userPoolClient().clientId();
    }

    /** The 8 bytes every PNG file starts with, then filler: the service tells PNG from JPEG by these magic bytes. */
    static byte[] png(int size) {
        byte[] image = new byte[size];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(magic, 0, image, 0, magic.length);
        return image;
    }

    static byte[] jpeg(int size) {
        byte[] image = new byte[size];
        image[0] = (byte) 0xFF;
        image[1] = (byte) 0xD8;
        image[2] = (byte) 0xFF;
        return image;
    }

    @Test
    void setsThePoolDefaultWithValidatedCssAndALogoUrlOnHostedUi() {
        UICustomizationType set = cognito.setUICustomization(r -> r.userPoolId(poolId).css(BUTTON_CSS)
                .imageFile(SdkBytes.fromByteArray(png(2048)))).uiCustomization();

        assertThat(set.userPoolId()).isEqualTo(poolId);
        assertThat(set.clientId()).isEqualTo("ALL");
        assertThat(set.css()).as("re-serialised by the parser, never the raw input").isEqualTo(BUTTON_CSS_STORED);
        assertThat(set.cssVersion()).isNotBlank();
        assertThat(set.imageUrl()).isEqualTo("http://localhost:8082/branding/" + poolId + "/ALL/logo?v=" + set.cssVersion());
        assertThat(set.creationDate()).isNotNull().isEqualTo(set.lastModifiedDate());

        UICustomizationType got = cognito.getUICustomization(r -> r.userPoolId(poolId)).uiCustomization();
        assertThat(got).isEqualTo(set);
        assertThat(cognito.getUICustomization(r -> r.userPoolId(poolId).clientId("ALL")).uiCustomization()).isEqualTo(set);
    }

    @Test
    void aClientWithoutItsOwnCustomizationFallsBackToThePoolDefault() {
        UICustomizationType poolDefault = cognito.setUICustomization(r -> r.userPoolId(poolId).clientId("ALL").css(BUTTON_CSS))
                .uiCustomization();

        UICustomizationType got = cognito.getUICustomization(r -> r.userPoolId(poolId).clientId(clientId)).uiCustomization();

        assertThat(got.clientId()).isEqualTo("ALL");
        assertThat(got.css()).isEqualTo(BUTTON_CSS_STORED);
        assertThat(got.cssVersion()).isEqualTo(poolDefault.cssVersion());
        assertThat(got.imageUrl()).as("no logo was set").isNull();
    }

    @Test
    void aClientsOwnCustomizationWinsAndEveryChangeHasANewVersion() {
        cognito.setUICustomization(r -> r.userPoolId(poolId).css(BUTTON_CSS));
        UICustomizationType first = cognito.setUICustomization(r -> r.userPoolId(poolId).clientId(clientId)
                .css(".label-customizable { font-weight: 700 }").imageFile(SdkBytes.fromByteArray(jpeg(100)))).uiCustomization();
        UICustomizationType second = cognito.setUICustomization(r -> r.userPoolId(poolId).clientId(clientId)
                .css(".label-customizable { font-weight: 400 }")).uiCustomization();

        assertThat(first.clientId()).isEqualTo(clientId);
        assertThat(first.imageUrl()).isEqualTo("http://localhost:8082/branding/" + poolId + "/" + clientId + "/logo?v=" + first.cssVersion());
        assertThat(second.cssVersion()).isNotEqualTo(first.cssVersion());
        assertThat(second.imageUrl()).as("CSS and logo are set together: a request without a logo removes it").isNull();
        assertThat(second.creationDate()).isEqualTo(first.creationDate());
        assertThat(second.lastModifiedDate()).isAfterOrEqualTo(first.lastModifiedDate());

        UICustomizationType got = cognito.getUICustomization(r -> r.userPoolId(poolId).clientId(clientId)).uiCustomization();
        assertThat(got.clientId()).isEqualTo(clientId);
        assertThat(got.css()).isEqualTo(".label-customizable {\n  font-weight: 400;\n}\n");
    }

    @Test
    void theLogoUrlIsServedUnderThePoolsDomain() {
        String domain = "brand-" + unique();
        cognito.createUserPoolDomain(r -> r.userPoolId(poolId).domain(domain));

        UICustomizationType set = cognito.setUICustomization(r -> r.userPoolId(poolId).imageFile(SdkBytes.fromByteArray(png(64))))
                .uiCustomization();

        assertThat(set.imageUrl()).isEqualTo("http://" + domain + ".auth.us-east-1.localhost:8082/branding/" + poolId + "/ALL/logo?v="
                + set.cssVersion());
        assertThat(set.css()).isNull();
    }

    @Test
    void answersOnlyThePoolAndClientWhenNothingIsCustomized() {
        UICustomizationType none = cognito.getUICustomization(r -> r.userPoolId(poolId).clientId(clientId)).uiCustomization();

        assertThat(none).isEqualTo(UICustomizationType.builder().userPoolId(poolId).clientId(clientId).build());
        assertThat(cognito.getUICustomization(r -> r.userPoolId(poolId)).uiCustomization())
                .isEqualTo(UICustomizationType.builder().userPoolId(poolId).clientId("ALL").build());
    }

    @Test
    void anEmptyRequestRemovesThatLevelsCustomization() {
        cognito.setUICustomization(r -> r.userPoolId(poolId).css(BUTTON_CSS));
        cognito.setUICustomization(r -> r.userPoolId(poolId).clientId(clientId).css(".label-customizable { color: red }"));

        UICustomizationType removed = cognito.setUICustomization(r -> r.userPoolId(poolId).clientId(clientId)).uiCustomization();

        assertThat(removed).isEqualTo(UICustomizationType.builder().userPoolId(poolId).clientId(clientId).build());
        assertThat(cognito.getUICustomization(r -> r.userPoolId(poolId).clientId(clientId)).uiCustomization().clientId())
                .as("back to the pool default").isEqualTo("ALL");
        cognito.setUICustomization(r -> r.userPoolId(poolId).css("  "));
        assertThat(storedLevels(poolId)).isZero();
    }

    @Test
    void rejectsASelectorThatIsNotACustomizableClass() {
        assertInvalid(".submitButton-customizable { color: red } body { color: red }", "the selector 'body' is not one of Cognito's customizable classes");
        assertInvalid(".banner-customizable .x { padding: 1px }", "the selector '.banner-customizable .x'");
    }

    @Test
    void rejectsAPropertyTheClassDoesNotAllow() {
        assertInvalid(".logo-customizable { position: fixed }", "the property 'position' is not allowed in '.logo-customizable'");
        assertInvalid(".background-customizable { color: red }", "the property 'color' is not allowed in '.background-customizable'");
    }

    @Test
    void rejectsValuesThatLoadOrRunAnything() {
        assertInvalid(".background-customizable { background-color: url(https://evil.example/x.png) }",
                "the value of 'background-color' in '.background-customizable' must not contain 'url('");
        assertInvalid(".submitButton-customizable { color: expression(alert(1)) }", "must not contain 'expression('");
        assertInvalid(".submitButton-customizable { color: red } @import 'x.css';", "at-rules");
        assertInvalid(".submitButton-customizable { color: red</style><script> }", "must not contain '<'");
        assertInvalid(".submitButton-customizable { color: \\72 ed }", "must not contain '\\'");
        assertInvalid(".submitButton-customizable { color: red /* x */ }", "comments are not allowed");
        assertInvalid(".submitButton-customizable { color: red", "has no closing '}'");
        assertInvalid(".submitButton-customizable { color }", "is not a 'property: value' declaration");
        assertInvalid(".submitButton-customizable { color: 'red' }", "is not a plain CSS value");
    }

    @Test
    void rejectsCssLongerThanTheApiAllows() {
        String css = ".label-customizable { color: red }\n".repeat(131072 / 35 + 1);
        assertThat(css.length()).isGreaterThan(131072);

        assertThatThrownBy(() -> cognito.setUICustomization(r -> r.userPoolId(poolId).css(css)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at 'CSS' failed to satisfy constraint: Member must have length less than or equal to 131072");
        assertThat(storedLevels(poolId)).isZero();
    }

    @Test
    void rejectsALogoThatIsNotAPngOrJpegOrIsTooBig() {
        byte[] gif = "GIF89a....".getBytes();
        assertThatThrownBy(() -> cognito.setUICustomization(r -> r.userPoolId(poolId).imageFile(SdkBytes.fromByteArray(gif))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The logo image must be a PNG or JPEG file.");
        byte[] big = png(100 * 1024 + 1);
        assertThatThrownBy(() -> cognito.setUICustomization(r -> r.userPoolId(poolId).imageFile(SdkBytes.fromByteArray(big))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The logo image must not be larger than 100 KB");
        byte[] justRight = Arrays.copyOf(png(8), 100 * 1024);
        assertThat(cognito.setUICustomization(r -> r.userPoolId(poolId).imageFile(SdkBytes.fromByteArray(justRight)))
                .uiCustomization().imageUrl()).isNotNull();
    }

    @Test
    void rejectsAnUnknownPoolOrClient() {
        assertThatThrownBy(() -> cognito.setUICustomization(r -> r.userPoolId("us-east-1_Nope12345").css(BUTTON_CSS)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("User pool us-east-1_Nope12345 does not exist.");
        assertThatThrownBy(() -> cognito.getUICustomization(r -> r.userPoolId(poolId).clientId("nosuchclient")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("User pool client nosuchclient does not exist.");
        String otherPool = newPool("other branding");
        assertThatThrownBy(() -> cognito.setUICustomization(r -> r.userPoolId(otherPool).clientId(clientId).css(BUTTON_CSS)))
                .as("a client of another pool").isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> cognito.setUICustomization(r -> r.userPoolId(poolId).clientId("bad id!")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at 'clientId'");
        assertThat(storedLevels(otherPool)).isZero();
    }

    @Test
    void customizationsGoWithTheirClientAndPool() {
        cognito.setUICustomization(r -> r.userPoolId(poolId).css(BUTTON_CSS));
        cognito.setUICustomization(r -> r.userPoolId(poolId).clientId(clientId).css(BUTTON_CSS));
        assertThat(storedLevels(poolId)).isEqualTo(2);

        cognito.deleteUserPoolClient(r -> r.userPoolId(poolId).clientId(clientId));
        assertThat(storedLevels(poolId)).isEqualTo(1);

        cognito.deleteUserPool(r -> r.userPoolId(poolId));
        assertThat(storedLevels(poolId)).isZero();
    }

    private void assertInvalid(String css, String message) {
        assertThatThrownBy(() -> cognito.setUICustomization(r -> r.userPoolId(poolId).css(css)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid CSS: ")
                .hasMessageContaining(message);
        assertThat(storedLevels(poolId)).as("nothing stored for %s", css).isZero();
    }

    private long storedLevels(String pool) {
        return db.preparedQuery("SELECT count(*) FROM ui_customizations WHERE user_pool_id = $1").execute(Tuple.of(pool))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
