package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.gan4j.Gan4jException;
import org.gan4j.train.Checkpointer;

/**
 * Writes frames as a looping animated GIF with the JDK's GIF writer (one 256-colour palette per frame). Like
 * {@link Images#writePng}, the file appears complete or not at all, and failures are one-line
 * {@link Gan4jException}s.
 */
public final class AnimatedGif {

    private AnimatedGif() {}

    /**
     * @param path   the .gif file (parent directories are created)
     * @param frames the frames, all of one size
     * @param fps    frames per second (the GIF stores a delay in hundredths of a second)
     */
    public static void write(Path path, List<BufferedImage> frames, double fps) {
        Objects.requireNonNull(path, "path");
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a GIF needs at least one frame");
        }
        if (!(fps > 0) || fps > 100) {
            throw new Gan4jException("--fps must be in (0, 100], got " + fps);
        }
        if (Files.isDirectory(path)) {
            throw new Gan4jException("Cannot write GIF " + path + ": it is a directory; give a file name such as "
                    + path.resolve("animation.gif"));
        }
        int delay = (int) Math.max(1, Math.round(100 / fps));
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Checkpointer.write(path, tmp -> {
                ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
                try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                        ImageOutputStream out = new MemoryCacheImageOutputStream(os)) {
                    writer.setOutput(out);
                    writer.prepareWriteSequence(null);
                    for (int i = 0; i < frames.size(); i++) {
                        BufferedImage f = frames.get(i);
                        writer.writeToSequence(new IIOImage(f, null, metadata(writer, f, delay, i == 0)), null);
                    }
                    writer.endWriteSequence();
                } finally {
                    writer.dispose();
                }
            });
        } catch (IOException | RuntimeException e) {
            if (e instanceof Gan4jException g) {
                throw g;
            }
            throw new Gan4jException("Cannot write GIF " + path + ": " + Images.ioReason(e)
                    + "; choose a writable location", e);
        }
    }

    /** Frame metadata: the delay, no disposal, and on the first frame the NETSCAPE2.0 loop-forever block. */
    private static IIOMetadata metadata(ImageWriter writer, BufferedImage f, int delay, boolean first)
            throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(f), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delay));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
