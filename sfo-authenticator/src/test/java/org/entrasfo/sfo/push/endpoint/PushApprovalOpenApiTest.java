package org.entrasfo.sfo.push.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import org.junit.jupiter.api.Test;

/** The OpenAPI description names every endpoint the realm serves, with its method. */
class PushApprovalOpenApiTest {

    /** An endpoint of one of the audiences' resources, with its full path under the realm. */
    private record Endpoint(String path, Method method) {
    }

    @Test
    void describesEveryEndpointOfTheResource() throws IOException {
        String openApi = Files.readString(Path.of("..", "docs", "push-approval-openapi.yaml"));
        List<Endpoint> endpoints = endpointsOf(PushEndpoints.class, "/sfo-push");

        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(10);
        for (Endpoint endpoint : endpoints) {
            String path = endpoint.path().replaceAll("\\{file: [^}]*}", "{file}");
            String method = endpoint.method().isAnnotationPresent(GET.class) ? "get:"
                    : endpoint.method().isAnnotationPresent(POST.class) ? "post:" : "?";
            int at = openApi.indexOf("  " + path + ":\n");
            assertThat(at).as("%s is described", path).isNotNegative();
            String entry = openApi.substring(at + path.length() + 4).split("\n  /", 2)[0];
            assertThat(entry).as("%s %s", method, path).contains(method);
        }
    }

    /** The resource methods of {@code resource}, following its sub-resource locators (a path without a method). */
    private static List<Endpoint> endpointsOf(Class<?> resource, String prefix) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Method method : Arrays.stream(resource.getDeclaredMethods()).filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers())).toList()) {
            jakarta.ws.rs.Path path = method.getAnnotation(jakarta.ws.rs.Path.class);
            String full = path == null ? prefix : prefix + "/" + path.value();
            if (method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)) {
                endpoints.add(new Endpoint(full, method));
            } else if (path != null) {
                endpoints.addAll(endpointsOf(method.getReturnType(), full));
            }
        }
        return endpoints;
    }
}
