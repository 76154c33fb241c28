package dev.cognate.hostedui.support;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cookie-keeping browser for rest-assured tests of the hosted pages: follows no redirects, remembers the cookies the
 * pages set (as a browser on http://localhost does, {@code Secure} included) and reads the CSRF token of the last form.
 */
public final class HostedUiBrowser {

    /** RFC 7636 Appendix B's verifier and its S256 challenge. */
    public static final String CODE_VERIFIER = "dBjftJeZ4CVP-mJ92QbTnlcLx0gJjT8dGmaCZ24b1G8";
    public static final String CODE_CHALLENGE = "E9Melhoe2OwvZjCBSXGxO0CDYpPnZv1yx7Y8ZAkKUNI";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Map<String, String> cookies = new HashMap<>();
    private String csrf;

    /** The query of a valid authorization request of {@code clientId}, PKCE included. */
    public static Map<String, String> authorizeQuery(String clientId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("response_type", "code");
        query.put("redirect_uri", FakeUserPool.CALLBACK_URL);
        query.put("state", "st-123");
        query.put("scope", "openid email");
        query.put("nonce", "n-456");
        query.put("code_challenge", CODE_CHALLENGE);
        query.put("code_challenge_method", "S256");
        return query;
    }

    /** The query of a valid implicit-flow request ({@code response_type=token}) of {@code clientId}: no PKCE. */
    public static Map<String, String> implicitQuery(String clientId) {
        Map<String, String> query = authorizeQuery(clientId);
        query.put("response_type", "token");
        query.remove("code_challenge");
        query.remove("code_challenge_method");
        return query;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies);
    }

    public Response get(String path, Map<String, ?> query) {
        return remember(request().queryParams(query).get(path));
    }

    public Response get(String pathAndQuery) {
        return remember(request().urlEncodingEnabled(false).get(pathAndQuery));
    }

    /** Posts the form of the last page shown (with its CSRF token) to {@code pathAndQuery} (already encoded). */
    public Response post(String pathAndQuery, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.putIfAbsent("_csrf", csrf);
        return remember(request().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded")
                .body(formBody(fields)).post(pathAndQuery));
    }

    /** Signs in through /login with the given request and credentials; answers the POST's response. */
    public Response signIn(Map<String, String> query, String username, String password) {
        Response form = get("/login", query);
        assertThat(form.statusCode()).as(form.body().asString()).isEqualTo(200);
        return post(loginAction(form), Map.of("username", username, "password", password));
    }

    /** The form's action (path and query, HTML entities undone) of a page. */
    public static String loginAction(Response page) {
        Matcher matcher = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"").matcher(page.body().asString());
        assertThat(matcher.find()).as("a form on the page").isTrue();
        return matcher.group(1).replace("&amp;", "&");
    }

    /** The query parameters of a Location header. */
    public static Map<String, String> queryOf(String location) {
        return parameters(URI.create(location).getRawQuery());
    }

    /** The parameters in a Location header's fragment (the implicit flow's response). */
    public static Map<String, String> fragmentOf(String location) {
        return parameters(URI.create(location).getRawFragment());
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    private Response remember(Response response) {
        response.detailedCookies().forEach(cookie -> {
            if (cookie.getMaxAge() == 0) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        });
        Matcher matcher = CSRF_FIELD.matcher(response.body().asString());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
        return response;
    }

    private static String formBody(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> {
            if (value != null) {
                if (!body.isEmpty()) {
                    body.append('&');
                }
                body.append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return body.toString();
    }
}
