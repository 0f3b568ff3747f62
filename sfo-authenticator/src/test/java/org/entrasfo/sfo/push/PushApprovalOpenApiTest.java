package org.entrasfo.sfo.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import org.junit.jupiter.api.Test;

/** The OpenAPI description names every endpoint the realm serves, with its method. */
class PushApprovalOpenApiTest {

    @Test
    void describesEveryEndpointOfTheResource() throws IOException {
        String openApi = Files.readString(Path.of("..", "docs", "push-approval-openapi.yaml"));
        List<java.lang.reflect.Method> endpoints = Arrays.stream(PushApprovalResource.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(jakarta.ws.rs.Path.class)).toList();

        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(10);
        for (java.lang.reflect.Method endpoint : endpoints) {
            String path = "/sfo-push/" + endpoint.getAnnotation(jakarta.ws.rs.Path.class).value().replaceAll("\\{file: [^}]*}", "{file}");
            String method = endpoint.isAnnotationPresent(GET.class) ? "get:" : endpoint.isAnnotationPresent(POST.class) ? "post:" : "?";
            int at = openApi.indexOf("  " + path + ":\n");
            assertThat(at).as("%s is described", path).isNotNegative();
            String entry = openApi.substring(at + path.length() + 4).split("\n  /", 2)[0];
            assertThat(entry).as("%s %s", method, path).contains(method);
        }
    }
}
