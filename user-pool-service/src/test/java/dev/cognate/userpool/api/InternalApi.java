package dev.cognate.userpool.api;

import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the internal API's own port (the public port answers 404 to {@code /internal/*}). */
public final class InternalApi {

    private InternalApi() {
    }

    public static int port() {
        return Arc.container().instance(InternalPort.class).get().port();
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }
}
