package org.entrasfo.sfo.face.remote;

import java.nio.ByteBuffer;
import java.util.List;

import org.entrasfo.sfo.face.FaceTemplate;

/**
 * A remote engine's template: the mean of the enrolment frames' embeddings, as 32-bit floats after a version byte.
 * The mean of several frames is steadier than any one frame; the engine compares it like any embedding.
 */
final class EmbeddingTemplate {

    private static final byte VERSION = 1;
    static final int MAX_VALUES = 4096;

    private EmbeddingTemplate() {
    }

    static FaceTemplate of(String engineId, List<float[]> embeddings) {
        if (embeddings.isEmpty()) {
            throw new IllegalArgumentException("no embeddings");
        }
        int length = embeddings.get(0).length;
        float[] mean = new float[length];
        for (float[] embedding : embeddings) {
            if (embedding.length != length) {
                throw new IllegalArgumentException("embeddings of different lengths");
            }
            for (int i = 0; i < length; i++) {
                mean[i] += embedding[i] / embeddings.size();
            }
        }
        ByteBuffer bytes = ByteBuffer.allocate(1 + 4 * length).put(VERSION);
        for (float value : mean) {
            bytes.putFloat(value);
        }
        return new FaceTemplate(engineId, bytes.array());
    }

    static float[] embedding(FaceTemplate template) {
        byte[] data = template.data();
        if (data.length < 5 || data[0] != VERSION || (data.length - 1) % 4 != 0 || (data.length - 1) / 4 > MAX_VALUES) {
            throw new IllegalArgumentException("not a template of a remote face engine");
        }
        ByteBuffer bytes = ByteBuffer.wrap(data, 1, data.length - 1);
        float[] embedding = new float[(data.length - 1) / 4];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = bytes.getFloat();
        }
        return embedding;
    }
}
