package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.gan4j.Gan4jException;

/** Writes animated GIFs with the JDK's ImageIO GIF writer: a frame delay and the NETSCAPE2.0 loop extension. */
public final class AnimatedGif {

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private AnimatedGif() {}

    /**
     * Writes {@code frames} to {@code file}, atomically (temp file + rename).
     *
     * @param delayMs time per frame, rounded to GIF's 10 ms units (at least 10 ms)
     * @param loop    loop forever (else play once)
     */
    public static void write(Path file, List<BufferedImage> frames, int delayMs, boolean loop) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames");
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // Not Files.createTempFile: its files are owner-only, and the GIF should get the usual permissions.
            tmp = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                for (BufferedImage f : frames) {
                    writer.writeToSequence(new IIOImage(f, null, metadata(writer, f, delayMs, loop)), null);
                }
                writer.endWriteSequence();
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw Gan4jException.failed("cannot write " + file + ": " + e.getMessage());
        } finally {
            writer.dispose();
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static IIOMetadata metadata(ImageWriter w, BufferedImage f, int delayMs, boolean loop) throws IOException {
        IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(f), null);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(Math.max(1, Math.round(delayMs / 10f))));
        gce.setAttribute("transparentColorIndex", "0");
        if (loop) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
            child(root, "ApplicationExtensions").appendChild(app);
        }
        meta.setFromTree(FORMAT, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }
}
