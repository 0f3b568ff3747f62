package org.entrasfo.sfo.face.remote;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.entrasfo.sfo.face.FaceMatchPolicy;

/**
 * Which server answers at the engine URL. Both speak the same API, but their similarities are on different scales,
 * so the kind chooses the default threshold and the range an admin may move it within: never below the point where
 * the measured (built-in) or documented (CompreFace) impostor scores begin, never so high that the enrolled person
 * is refused in ordinary light.
 */
public enum EngineKind {

    /** The face service of deploy/face-service (Human's FaceRes, cosine similarity); 0.60 separated the measured sets. */
    BUILT_IN("built-in", FaceMatchPolicy.BUILT_IN, 0.60, 0.95, RemoteEngineSettings.BUILT_IN_ENGINE_ID),
    /** A site's CompreFace, whose calibrated similarity puts the same-or-not boundary at 0.5. */
    COMPREFACE("compreface", FaceMatchPolicy.COMPREFACE, 0.50, 0.99, "compreface");

    private final String value;
    private final FaceMatchPolicy policy;
    private final double lowestThreshold;
    private final double highestThreshold;
    private final String defaultEngineId;

    EngineKind(String value, FaceMatchPolicy policy, double lowestThreshold, double highestThreshold, String defaultEngineId) {
        this.value = value;
        this.policy = policy;
        this.lowestThreshold = lowestThreshold;
        this.highestThreshold = highestThreshold;
        this.defaultEngineId = defaultEngineId;
    }

    public String value() {
        return value;
    }

    /** The kind's own policy: its default threshold and the frame rules every engine shares. */
    public FaceMatchPolicy policy() {
        return policy;
    }

    public double lowestThreshold() {
        return lowestThreshold;
    }

    public double highestThreshold() {
        return highestThreshold;
    }

    /** Stored with each template when the admin names no engine id. */
    public String defaultEngineId() {
        return defaultEngineId;
    }

    /** Empty or missing: the built-in engine. */
    public static Optional<EngineKind> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(BUILT_IN);
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.value.equals(wanted)).findFirst();
    }

    /** The policy with the admin's threshold when it is within this kind's range; the kind's own otherwise. */
    public FaceMatchPolicy policyWith(String threshold) {
        return parseThreshold(threshold).filter(this::allows).map(policy::withMatchThreshold).orElse(policy);
    }

    public boolean allows(double threshold) {
        return threshold >= lowestThreshold && threshold <= highestThreshold;
    }

    static Optional<Double> parseThreshold(String threshold) {
        if (threshold == null || threshold.isBlank()) {
            return Optional.empty();
        }
        try {
            double parsed = Double.parseDouble(threshold.trim());
            return Double.isFinite(parsed) ? Optional.of(parsed) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
