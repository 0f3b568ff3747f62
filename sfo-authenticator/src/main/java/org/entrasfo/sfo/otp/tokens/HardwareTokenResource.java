package org.entrasfo.sfo.otp.tokens;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.entrasfo.factor.realm.AdminErrors;
import org.entrasfo.factor.realm.JsonAnswer;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code POST /admin/realms/{realm}/entra-sfo-hardware-tokens}: imports a vendor seed file of hardware OATH tokens,
 * PSKC (RFC 6030, {@code application/pskc+xml} or XML) or CSV ({@code text/csv}). Needs the right to manage users.
 * The answer and the admin event name serials and users, never a seed; a refusal names every problem of the file in
 * Keycloak's error shape ({@link AdminErrors}, field {@value #FILE_FIELD}).
 */
public class HardwareTokenResource {

    static final int MAX_FILE_CHARS = 5 * 1024 * 1024;
    /** The one thing an admin fixes after a refusal: the file, which is the whole request body. */
    static final String FILE_FIELD = "file";

    /** What was imported and what was already there, by serial and user. */
    public record Imported(List<Map<String, String>> imported, List<Map<String, String>> unchanged) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    HardwareTokenResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    @POST
    @Consumes({"application/pskc+xml", MediaType.APPLICATION_XML, MediaType.TEXT_XML, "text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importTokens(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String file) {
        auth.users().requireManage();
        if (file == null || file.isBlank()) {
            return badRequest(List.of("The request body must be a PSKC or CSV seed file."));
        }
        if (file.length() > MAX_FILE_CHARS) {
            return badRequest(List.of("The file is larger than 5 MB; split it into several imports."));
        }
        List<HardwareToken> tokens;
        try {
            tokens = isCsv(contentType)
                    ? CsvTokenReader.read(new StringReader(file))
                    : PskcReader.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
        } catch (TokenFileException e) {
            return badRequest(List.of(e.getMessage()));
        }
        HardwareTokenImport.Outcome outcome = new HardwareTokenImport(session, realm).apply(tokens);
        if (!outcome.problems().isEmpty()) {
            return badRequest(outcome.problems());
        }
        Imported answer = new Imported(outcome.imported(), outcome.unchanged());
        adminEvent.operation(OperationType.CREATE).resource(ResourceType.USER)
                .resourcePath("entra-sfo-hardware-tokens")
                .representation(answer)
                .success();
        return JsonAnswer.ok(answer);
    }

    private static boolean isCsv(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/csv") || type.startsWith("text/plain");
    }

    private static Response badRequest(List<String> problems) {
        return AdminErrors.badRequest(problems.stream().map(problem -> AdminErrors.field(FILE_FIELD, problem)).toList());
    }
}
