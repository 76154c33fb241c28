package dev.cognate.benchmarks.load.wrk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One of the scripts in {@code benchmarks/wrk/} and the parameters it reads (see each script's header): what wrk sends
 * for one scenario.
 */
public record WrkRequest(String script, Map<String, String> params) {

    public WrkRequest {
        params = Map.copyOf(params);
        params.forEach((name, value) -> {
            if (name.contains("=") || name.contains("\n") || value.contains("\n")) {
                throw new IllegalArgumentException("a wrk parameter must be one line and its name hold no '=': " + name);
            }
        });
    }

    /** {@code GET path}, e.g. the discovery document or the JWKS. */
    public static WrkRequest get(String path) {
        return new WrkRequest("get.lua", Map.of("path", path));
    }

    /** {@code GET path} with {@code Authorization: Bearer token}: /oauth2/userInfo. */
    public static WrkRequest get(String path, String bearer) {
        return new WrkRequest("get.lua", Map.of("path", path, "bearer", bearer));
    }

    /** A token request with a fixed form; HTTP Basic when {@code clientSecret} is not null, else client_id in the form. */
    public static WrkRequest token(String path, Map<String, String> form, String clientId, String clientSecret) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("path", path);
        params.put("client_id", clientId);
        if (clientSecret != null) {
            params.put("client_secret", clientSecret);
        }
        form.forEach((name, value) -> params.put("form." + name, value));
        return new WrkRequest("token.lua", params);
    }

    /** grant_type=authorization_code, one code of {@code codesFile} per request; {@code threads} must be wrk's -t. */
    public static WrkRequest authorizationCode(String codesFile, int threads, Map<String, String> form, String clientId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("codes", codesFile);
        params.put("threads", Integer.toString(threads));
        params.put("client_id", clientId);
        form.forEach((name, value) -> params.put("form." + name, value));
        return new WrkRequest("token-authorization-code.lua", params);
    }

    /** A Cognito user-pool action ({@code GetUser}, {@code InitiateAuth}) with an AWS JSON 1.1 body, unsigned. */
    public static WrkRequest cognito(String action, String jsonBody) {
        return new WrkRequest("cognito-api.lua", Map.of("target", action, "body", jsonBody));
    }

    /** The parameter file the scripts read with {@code @FILE}: NAME=VALUE lines. */
    public String paramFile() {
        StringBuilder file = new StringBuilder();
        params.forEach((name, value) -> file.append(name).append('=').append(value).append('\n'));
        return file.toString();
    }
}
