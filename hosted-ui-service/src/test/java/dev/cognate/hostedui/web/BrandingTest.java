package dev.cognate.hostedui.web;

import dev.cognate.hostedui.support.FakeUserPool;
import dev.cognate.hostedui.support.HostedUiBrowser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** SetUICustomization's branding on the hosted pages: the stylesheet and logo links, the files, and never an error because of it. */
@QuarkusTest
@WithTestResource(FakeUserPool.class)
class BrandingTest {

    private static final String CLIENT = FakeUserPool.BRANDED_CLIENT;
    private static final String VERSION = FakeUserPool.BRANDING_VERSION;

    @Test
    void aBrandedClientsPagesLinkItsStylesheetAfterCognatesAndShowItsLogo() {
        for (String page : new String[] {"/login", "/signup", "/forgotPassword"}) {
            Response response = new HostedUiBrowser().get(page, HostedUiBrowser.authorizeQuery(CLIENT));

            assertThat(response.statusCode()).as(page).isEqualTo(200);
            String html = response.body().asString();
            String link = "<link rel=\"stylesheet\" href=\"/branding/" + CLIENT + ".css?v=" + VERSION + "\">";
            assertThat(html).as(page).contains(link)
                    .contains("<img class=\"logo-customizable\" src=\"/branding/" + CLIENT + "/logo?v=" + VERSION + "\" alt=\"demo pool logo\">")
                    .contains("<body class=\"background-customizable\">")
                    .contains("class=\"banner-customizable\"")
                    .contains("class=\"submitButton-customizable\"")
                    .contains("class=\"label-customizable\"")
                    .contains("class=\"inputField-customizable\"");
            assertThat(html.indexOf(link)).as("after cognate.css, so that it wins").isGreaterThan(html.indexOf("/static/cognate.css"));
            assertThat(response.header("Content-Security-Policy")).contains("style-src 'self'").contains("img-src 'self'");
        }
    }

    @Test
    void anErrorMessageCarriesCognitosClass() {
        Response refused = new HostedUiBrowser().signIn(HostedUiBrowser.authorizeQuery(CLIENT), FakeUserPool.USER, "wrong");
        assertThat(refused.statusCode()).isEqualTo(400);
        String html = refused.body().asString();

        assertThat(html).contains("<p class=\"alert errorMessage-customizable\" id=\"form-error\" role=\"alert\">Incorrect username or password.</p>")
                .contains("/branding/" + CLIENT + ".css?v=" + VERSION);
    }

    @Test
    void servesTheStoredStylesheetCacheableUnderItsVersion() {
        Response css = given().queryParam("v", VERSION).get("/branding/" + CLIENT + ".css");

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(css.body().asString()).isEqualTo(FakeUserPool.BRANDED_CSS);
        assertThat(css.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(css.header("X-Content-Type-Options")).isEqualTo("nosniff");

        Response stale = given().queryParam("v", "an-old-version").get("/branding/" + CLIENT + ".css");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.header("Cache-Control")).as("another version must not be cached under that URL").isEqualTo("no-cache");
    }

    @Test
    void servesTheLogoUnderBothUrlForms() {
        Response logo = given().queryParam("v", VERSION).get("/branding/" + CLIENT + "/logo");
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.contentType()).isEqualTo("image/png");
        assertThat(logo.asByteArray()).isEqualTo(FakeUserPool.logoPng());
        assertThat(logo.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");

        Response imageUrl = given().queryParam("v", VERSION).get("/branding/" + FakeUserPool.POOL_ID + "/" + CLIENT + "/logo");
        assertThat(imageUrl.statusCode()).as("GetUICustomization's ImageUrl").isEqualTo(200);
        assertThat(imageUrl.asByteArray()).isEqualTo(FakeUserPool.logoPng());

        assertThat(given().get("/branding/" + FakeUserPool.POOL_ID + "/ALL/logo").statusCode()).isEqualTo(404);
        assertThat(given().get("/branding/not-a-pool/" + CLIENT + "/logo").statusCode()).isEqualTo(404);
    }

    @Test
    void answers404ForAClientWithoutBrandingOrAnUnknownOne() {
        for (String path : new String[] {"/branding/" + FakeUserPool.KNOWN_CLIENT + ".css", "/branding/" + FakeUserPool.KNOWN_CLIENT + "/logo",
                "/branding/nosuchclient.css", "/branding/nosuchclient/logo", "/branding/bad%20id.css"}) {
            Response response = given().urlEncodingEnabled(false).get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.header("Cache-Control")).as(path).isEqualTo("no-store");
        }
    }

    @Test
    void anUnbrandedClientsPagesAreUnchanged() {
        String html = new HostedUiBrowser().get("/login", HostedUiBrowser.authorizeQuery(FakeUserPool.KNOWN_CLIENT))
                .then().statusCode(200).extract().body().asString();

        assertThat(html).doesNotContain("/branding/").doesNotContain("<img")
                .contains("<link rel=\"stylesheet\" href=\"/static/cognate.css\">")
                .contains("class=\"submitButton-customizable\"");
    }

    @Test
    void aFailingBrandingLookUpStillRendersThePageUnbranded() {
        Response response = new HostedUiBrowser().get("/login", HostedUiBrowser.authorizeQuery(FakeUserPool.BRANDING_FAILS_CLIENT));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).doesNotContain("/branding/").contains("<form method=\"post\"");
        assertThat(given().get("/branding/" + FakeUserPool.BRANDING_FAILS_CLIENT + ".css").statusCode()).isEqualTo(404);
    }
}
