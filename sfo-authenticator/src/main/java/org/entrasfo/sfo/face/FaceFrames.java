package org.entrasfo.sfo.face;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The gate between the browser's frames and the engine: only JPEGs, within {@link FrameLimits} in count, bytes and
 * pixels, get through. The dimensions are read from the header without decoding the image, so an oversized or
 * malformed upload is refused before it costs memory (and before any engine sees it).
 */
public final class FaceFrames {

    private FaceFrames() {
    }

    /** The accepted frames, in order; a {@link FrameRejectedException} naming the first limit broken otherwise. */
    public static List<FaceFrame> accept(List<byte[]> uploads, FrameLimits limits) {
        if (uploads == null || uploads.isEmpty()) {
            throw new FrameRejectedException("no frames");
        }
        if (uploads.size() > limits.maxFrames()) {
            throw new FrameRejectedException("more than " + limits.maxFrames() + " frames");
        }
        long total = 0;
        List<FaceFrame> frames = new ArrayList<>(uploads.size());
        for (byte[] upload : uploads) {
            if (upload == null || upload.length == 0) {
                throw new FrameRejectedException("empty frame");
            }
            if (upload.length > limits.maxFrameBytes()) {
                throw new FrameRejectedException("frame over " + limits.maxFrameBytes() + " bytes");
            }
            total += upload.length;
            if (total > limits.maxTotalBytes()) {
                throw new FrameRejectedException("frames over " + limits.maxTotalBytes() + " bytes in all");
            }
            frames.add(frame(upload, limits));
        }
        return List.copyOf(frames);
    }

    private static FaceFrame frame(byte[] upload, FrameLimits limits) {
        // JPEG's start-of-image marker first: no other format reaches an image reader.
        if (upload.length < 4 || (upload[0] & 0xff) != 0xff || (upload[1] & 0xff) != 0xd8) {
            throw new FrameRejectedException("frame is not a JPEG");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            if (in == null || !readers.hasNext()) {
                throw new FrameRejectedException("no JPEG reader");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (Math.min(width, height) < limits.minSide() || Math.max(width, height) > limits.maxSide()) {
                    throw new FrameRejectedException("frame of " + width + "x" + height + " pixels, outside "
                            + limits.minSide() + ".." + limits.maxSide());
                }
                return new FaceFrame(upload, width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof FrameRejectedException rejected) {
                throw rejected;
            }
            throw new FrameRejectedException("unreadable JPEG header");
        }
    }

    /** A frame the factor does not pass on; its message is for events and says which limit, never the bytes. */
    public static final class FrameRejectedException extends RuntimeException {
        public FrameRejectedException(String message) {
            super(message, null, false, false);
        }
    }
}
