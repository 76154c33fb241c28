package dev.cognate.userpool.api;

import dev.cognate.userpool.service.UserImportJobService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The pre-signed upload URL of a CSV user import job (what Cognito hands out as an S3 URL):
 * {@code PUT /import-jobs/{jobId}/{token}} with the CSV as body, e.g. {@code curl -T users.csv "$PreSignedUrl"}.
 * The random token is the authorization; it works while the job is Created and for 24 hours. 200 when stored,
 * 403 for an unknown job or token, 409 when the job no longer takes a file. Bodies up to
 * {@code cognate.import.max-upload-bytes}.
 */
@Path("/import-jobs")
public class UserImportUploadResource {

    private final UserImportJobService jobs;

    public UserImportUploadResource(UserImportJobService jobs) {
        this.jobs = jobs;
    }

    @PUT
    @Path("/{jobId}/{token}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> upload(@PathParam("jobId") String jobId, @PathParam("token") String token, byte[] csv) {
        return jobs.upload(jobId, token, csv == null ? new byte[0] : csv).map(outcome -> switch (outcome) {
            case STORED -> Response.ok().build();
            case UNKNOWN -> text(Response.Status.FORBIDDEN, "No import job takes an upload at this URL.");
            case CLOSED -> text(Response.Status.CONFLICT, "This import job no longer takes a file: it was started, stopped or its URL expired.");
        });
    }

    private static Response text(Response.Status status, String message) {
        return Response.status(status).entity(message).type(MediaType.TEXT_PLAIN).build();
    }
}
