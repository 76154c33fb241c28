package dev.cognate.hostedui.web;

import dev.cognate.hostedui.support.FakeUserPool;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(FakeUserPool.class)
class AuthorizeEndpointTest {

    private static Response authorize(String clientId, String redirectUri) {
        var request = given().redirects().follow(false).queryParam("response_type", "code").queryParam("state", "s1");
        if (clientId != null) {
            request.queryParam("client_id", clientId);
        }
        if (redirectUri != null) {
            request.queryParam("redirect_uri", redirectUri);
        }
        return request.when().get("/oauth2/authorize");
    }

    @Test
    void showsTheErrorPageAndDoesNotRedirectForAnUnknownClient() {
        Response response = authorize("unknownclient", FakeUserPool.CALLBACK_URL);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("Location")).isNull();
        assertThat(response.body().asString())
                .contains("An error was encountered with the requested page.")
                .contains("There is no app client with the client_id &quot;unknownclient&quot;.");
    }

    @Test
    void rejectsAMissingClientId() {
        Response response = authorize(null, FakeUserPool.CALLBACK_URL);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body().asString()).contains("The request has no client_id parameter.");
    }

    @Test
    void doesNotRedirectToAnUnregisteredRedirectUri() {
        for (String redirectUri : new String[] {"https://evil.example.net/callback", FakeUserPool.CALLBACK_URL + "/",
                FakeUserPool.CALLBACK_URL + "?x=1", FakeUserPool.CALLBACK_URL.toUpperCase()}) {
            Response response = authorize(FakeUserPool.KNOWN_CLIENT, redirectUri);

            assertThat(response.statusCode()).as(redirectUri).isEqualTo(400);
            assertThat(response.header("Location")).as(redirectUri).isNull();
            assertThat(response.body().asString()).as(redirectUri)
                    .contains("The redirect_uri is not one of the app client&#39;s callback URLs.");
        }
    }

    @Test
    void rejectsAMissingRedirectUri() {
        Response response = authorize(FakeUserPool.KNOWN_CLIENT, null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body().asString()).contains("The request has no redirect_uri parameter.");
    }

    @Test
    void saysNotYetAvailableForAValidRequest() {
        Response response = authorize(FakeUserPool.KNOWN_CLIENT, FakeUserPool.CALLBACK_URL);
        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(response.header("Location")).isNull();
        assertThat(response.body().asString()).contains("This sign-in page is not yet available in Cognate.");
    }
}
