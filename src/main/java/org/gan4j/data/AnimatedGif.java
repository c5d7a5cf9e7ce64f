package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.gan4j.Gan4jException;

/**
 * Writes frames as a looping animated GIF with the JDK's GIF writer (one 256-colour palette per frame). Like
 * {@link Images#writePng}, the file appears complete or not at all, and failures are one-line
 * {@link Gan4jException}s.
 */
public final class AnimatedGif {

    private AnimatedGif() {}

    /** An animated GIF's frames, composited as shown (disposal methods applied), and its mean delay in seconds. */
    public record Frames(List<BufferedImage> frames, double fps) {}

    /** Reads every frame of {@code path}; a one-line error for a missing or malformed file. */
    public static Frames read(Path path) {
        com.madgag.gif.fmsware.GifDecoder d = new com.madgag.gif.fmsware.GifDecoder();
        int status;
        try (java.io.BufferedInputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(path))) {
            status = d.read(in);
        } catch (IOException e) {
            throw new Gan4jException("cannot read " + path + ": " + e.getMessage());
        }
        if (status != com.madgag.gif.fmsware.GifDecoder.STATUS_OK || d.getFrameCount() == 0) {
            throw new Gan4jException(path + " is not a readable GIF animation");
        }
        java.util.List<BufferedImage> frames = new java.util.ArrayList<>();
        double delays = 0;
        for (int i = 0; i < d.getFrameCount(); i++) {
            BufferedImage f = d.getFrame(i);
            BufferedImage rgb = new BufferedImage(f.getWidth(), f.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(f, 0, 0, null);
            frames.add(rgb);
            delays += Math.max(10, d.getDelay(i));
        }
        return new Frames(frames, 1000.0 * frames.size() / delays);
    }

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
        int delay = (int) Math.max(1, Math.round(100 / fps));
        Images.write(path, "GIF", "gif", "animation.gif", writer -> {
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage f = frames.get(i);
                writer.writeToSequence(new IIOImage(f, null, metadata(writer, f, delay, i == 0)), null);
            }
            writer.endWriteSequence();
        });
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
