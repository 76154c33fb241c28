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
class SecurityHeadersTest {

    @Test
    void everyPageCarriesTheSecurityHeadersAndIsNeverCached() {
        for (String path : new String[] {"/login?client_id=x", "/login", "/oauth2/authorize?client_id=x",
                "/login?client_id=" + FakeUserPool.KNOWN_CLIENT, "/no-such-page"}) {
            Response response = given().when().get(path);

            assertThat(response.header("Content-Security-Policy")).as(path)
                    .startsWith("default-src 'self';")
                    .contains("frame-ancestors 'none'")
                    .contains("object-src 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(response.header("Cache-Control")).as(path).isEqualTo("no-store");
            assertThat(response.header("Strict-Transport-Security")).as(path + ": HSTS is off by default").isNull();
        }
    }

    @Test
    void servesTheStylesheetCacheableWithTheSameProtections() {
        Response response = given().when().get("/static/cognate.css");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/css");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Cache-Control")).isNotEqualTo("no-store").contains("max-age=3600");
        assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(response.body().asString()).contains(":focus-visible");
    }
}
