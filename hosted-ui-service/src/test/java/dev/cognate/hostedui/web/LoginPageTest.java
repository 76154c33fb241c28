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
class LoginPageTest {

    private static final String HEADING = "An error was encountered with the requested page.";

    @Test
    void showsTheErrorPageWith400ForAnUnknownClient() {
        Response response = given().queryParam("client_id", "x").when().get("/login");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("text/html").contains("UTF-8");
        assertThat(response.body().asString())
                .contains("<html lang=\"en\">")
                .contains("<h1>" + HEADING + "</h1>")
                .contains("role=\"alert\"")
                .contains("There is no app client with the client_id &quot;x&quot;.");
    }

    @Test
    void escapesAClientIdThatCarriesMarkup() {
        String body = given().queryParam("client_id", "<script>alert(1)</script>\"'&")
                .when().get("/login")
                .then().statusCode(400)
                .extract().body().asString();

        assertThat(body)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;")
                .doesNotContain("<script>")
                .doesNotContain("&amp;lt;");
    }

    @Test
    void rejectsAMissingClientIdWith400() {
        String body = given().when().get("/login").then().statusCode(400).extract().body().asString();
        assertThat(body).contains(HEADING).contains("The request has no client_id parameter.");

        given().queryParam("client_id", "  ").when().get("/login")
                .then().statusCode(400);
    }

    @Test
    void showsTheErrorPageForAKnownClientWithoutARedirectUri() {
        String body = given().queryParam("client_id", FakeUserPool.KNOWN_CLIENT)
                .queryParam("response_type", "code")
                .when().get("/login")
                .then().statusCode(400)
                .extract().body().asString();

        assertThat(body).contains("The request has no redirect_uri parameter.");
    }

    @Test
    void showsServiceUnavailableWith503WhenUserPoolServiceFails() {
        String body = given().queryParam("client_id", FakeUserPool.FAILING_CLIENT)
                .when().get("/login")
                .then().statusCode(503)
                .extract().body().asString();

        assertThat(body)
                .contains("The sign-in service is temporarily unavailable. Please try again in a moment.")
                .doesNotContain("Exception")
                .doesNotContain("database is down");
    }

    @Test
    void rendersTheErrorPageInTheBrowsersLanguageWhenLangIsNotOneOfOurs() {
        given().queryParam("client_id", "x").queryParam("lang", "fr")
                .header("Accept-Language", "de-DE,de;q=0.9")
                .when().get("/login")
                .then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("<html lang=\"de\">"))
                .body(org.hamcrest.Matchers.containsString("Es gibt keinen App-Client mit der client_id „x“."));
    }
}
