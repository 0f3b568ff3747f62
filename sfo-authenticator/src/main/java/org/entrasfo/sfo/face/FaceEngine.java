package org.entrasfo.sfo.face;

import java.util.List;
import java.util.Optional;

/**
 * A face engine: what the face factor asks of the software that looks at the frames. The engine only measures (how
 * many faces, how bright, which way the head points, how close to the enrolled template); the decision, and so the
 * liveness challenge, is ours ({@link FaceDecision}), so that every engine is held to the same rules and the verdict is
 * made on the server, never in the browser. Frames reach an engine only after {@link FaceFrames} accepted them.
 * Implementations: the built-in engine (see docs/face-engine.md) and an adapter for a site's own verification server.
 */
public interface FaceEngine {

    /** A stable id, stored with each template so a template is never compared by an engine that did not make it. */
    String id();

    /**
     * One observation per frame, in the frames' order; each carries the similarity to {@code enrolled} when it is
     * given and the frame holds exactly one face.
     *
     * @throws FaceEngineUnavailableException when the engine cannot answer (down, timed out, misconfigured)
     */
    List<FrameObservation> observe(List<FaceFrame> frames, Optional<FaceTemplate> enrolled);

    /**
     * The template of the one face the frames show. Called only after {@link FaceDecision#enrolment} accepted the
     * frames' observations, so it may assume exactly one well-lit face per frame.
     *
     * @throws FaceEngineUnavailableException when the engine cannot answer
     */
    FaceTemplate template(List<FaceFrame> frames);
}
