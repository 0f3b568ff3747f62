package org.entrasfo.pushdevice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;

/**
 * The command line's memory between two runs: the device's name, its private key and its enrolment. The key is what
 * approves sign-ins, so the file is readable by its owner only (section 1: "CLI: a file").
 */
final class DeviceStateFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the file holds; the enrolment parts are null before enrolment. */
    record Contents(String deviceName, ECKey key, String realmUrl, String userId, String credentialId) {
    }

    private DeviceStateFile() {
    }

    static void write(Path file, Contents contents) {
        ObjectNode state = JSON.createObjectNode().put("device_name", contents.deviceName()).put("realm_url", contents.realmUrl())
                .put("user_id", contents.userId()).put("credential_id", contents.credentialId());
        state.set("key", JSON.valueToTree(contents.key().toJSONObject()));
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file stays as the user's default permissions allow.
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Contents read(Path file) {
        try {
            JsonNode state = JSON.readTree(Files.readString(file));
            return new Contents(state.path("device_name").asText(), ECKey.parse(JSON.writeValueAsString(state.path("key"))),
                    state.path("realm_url").asText(null), state.path("user_id").asText(null), state.path("credential_id").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the state file holds no device key", e);
        }
    }
}
