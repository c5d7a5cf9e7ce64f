package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
<<<<<<< HEAD
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
=======
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
>>>>>>> wip-apps
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
<<<<<<< HEAD
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
=======
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.gan4j.Gan4jException;

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
        Path tmp = null;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            tmp = path.resolveSibling("." + path.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
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
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            if (e instanceof Gan4jException g) {
                throw g;
            }
            throw new Gan4jException("Cannot write GIF " + path + ": " + Images.ioReason(e)
                    + "; choose a writable location", e);
        } finally {
>>>>>>> wip-apps
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
<<<<<<< HEAD
                    // best effort
=======
                    // hidden and harmless; the real error is on its way
>>>>>>> wip-apps
                }
            }
        }
    }

<<<<<<< HEAD
    private static IIOMetadata metadata(ImageWriter w, BufferedImage f, int delayMs, boolean loop) throws IOException {
        IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(f), null);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
=======
    /** Frame metadata: the delay, no disposal, and on the first frame the NETSCAPE2.0 loop-forever block. */
    private static IIOMetadata metadata(ImageWriter writer, BufferedImage f, int delay, boolean first)
            throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(f), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
>>>>>>> wip-apps
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
<<<<<<< HEAD
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
=======
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
>>>>>>> wip-apps
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
<<<<<<< HEAD
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
=======
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
>>>>>>> wip-apps
    }
}
