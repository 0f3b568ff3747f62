package org.entrasfo.sfo.face;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an engine keeps of an enrolled face: opaque bytes only the engine that made them can compare. Stored as the
 * user's face credential (encrypted at rest with a realm key, in a later step); never logged.
 */
public final class FaceTemplate {

    private final String engineId;
    private final byte[] data;

    public FaceTemplate(String engineId, byte[] data) {
        this.engineId = Objects.requireNonNull(engineId, "engineId");
        this.data = Objects.requireNonNull(data, "data").clone();
    }

    public String engineId() {
        return engineId;
    }

    public byte[] data() {
        return data.clone();
    }

    @Override
    public String toString() {
        return "FaceTemplate[" + engineId + ", " + data.length + " bytes]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FaceTemplate t && engineId.equals(t.engineId) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * engineId.hashCode() + Arrays.hashCode(data);
    }
}
