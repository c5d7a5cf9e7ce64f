package org.gan4j.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.gan4j.Gan4jException;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Pixels;

/**
 * Reads image files as 8-bit RGB ({@code TYPE_INT_RGB}) and writes PNGs, failing with one-line
 * {@link Gan4jException}s that name the file and the fix.
 *
 * <p>Reads PNG, JPEG, BMP, GIF (first frame) and TIFF; gray, gray+alpha, palette, RGB and RGBA, 8 and 16 bits.
 * Alpha is dropped, not composited (SinGAN keeps channels 0..2), gray becomes R=G=B, 16-bit samples are scaled to
 * 8 bits, and no colour profile or EXIF orientation is applied — the stored values, as SinGAN's reader sees them.
 */
public final class Images {

    /** Larger images are refused before decoding (a 100-megapixel image is 1.2 GB as a float tensor). */
    public static final long MAX_PIXELS = 100_000_000L;

    private static final Set<String> FORMATS = Set.of("png", "jpeg", "jpg", "bmp", "gif", "tif", "tiff");
    private static final String KNOWN = "PNG, JPEG, BMP or GIF";
    private static final byte[] IEND = "IEND".getBytes(StandardCharsets.US_ASCII);
    /** A PNG may carry a little data after IEND; the chunk must be within this many bytes of the end. */
    private static final int IEND_SEARCH = 64 * 1024;

    private Images() {}

    /** The image at {@code path} as 8-bit {@code TYPE_INT_RGB}. */
    public static BufferedImage read(Path path) {
        return Pixels.toIntRgb(readStored(path));
    }

    /** The image at {@code path} with its alpha channel, as {@code TYPE_INT_ARGB} (opaque when it has none). */
    public static BufferedImage readArgb(Path path) {
        BufferedImage img = readStored(path);
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setComposite(java.awt.AlphaComposite.Src);
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    /**
     * The image at {@code path} as decoded, with its stored samples (gray, palette indices, 16-bit values) and
     * the same checks and one-line errors as {@link #read}; label and instance maps are read this way.
     */
    static BufferedImage readStored(Path path) {
        Objects.requireNonNull(path, "path");
        checkReadable(path);
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                throw fail(path, "the file cannot be opened (check its permissions)");
            }
            ImageReader reader = readerFor(in);
            if (reader == null) {
                throw fail(path, whatItIs(path));
            }
            try {
                return decode(path, reader, in);
            } finally {
                reader.dispose();
            }
        } catch (Gan4jException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO throws IIOException, EOFException and, on some corrupt headers, unchecked exceptions.
            throw fail(path, "the file is damaged or truncated (" + message(e)
                    + "); re-export or re-download it", e);
        }
    }

    /** Writes {@code img} as a PNG, creating parent directories; the file appears complete or not at all. */
    public static void writePng(Path path, BufferedImage img) {
        Objects.requireNonNull(img, "img");
        write(path, "image", "png", "image.png", writer -> writer.write(img));
    }

    /** What an image writer writes once its output is set. */
    interface WriterBody {
        void write(ImageWriter writer) throws IOException;
    }

    /**
     * Writes {@code path} with the JDK's writer for {@code format} through {@link AtomicFile#write} (temporary
     * file, fsync, rename), creating parent directories; every failure is one line naming the file.
     *
     * @param what    the kind of file for the messages ("image", "GIF")
     * @param example a file name the message suggests when {@code path} is a directory
     */
    static void write(Path path, String what, String format, String example, WriterBody body) {
        Objects.requireNonNull(path, "path");
        if (Files.isDirectory(path)) {
            throw new Gan4jException("Cannot write " + what + " " + path + ": it is a directory; give a file name such as "
                    + path.resolve(example));
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFile.write(path, tmp -> {
                ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
                try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                        ImageOutputStream out = new MemoryCacheImageOutputStream(os)) {
                    writer.setOutput(out);
                    body.write(writer);
                } finally {
                    writer.dispose();
                }
            });
        } catch (Gan4jException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Gan4jException("Cannot write " + what + " " + path + ": " + ioReason(e)
                    + "; choose a writable location", e);
        }
    }

    private static void checkReadable(Path path) {
        if (!Files.exists(path)) {
            throw fail(path, "no such file (check the path; the working directory is "
                    + Path.of("").toAbsolutePath() + ")");
        }
        if (Files.isDirectory(path)) {
            throw fail(path, "it is a directory; give the path of an image file inside it");
        }
        if (!Files.isRegularFile(path)) {
            throw fail(path, "it is not a regular file; give the path of a " + KNOWN + " image");
        }
        if (!Files.isReadable(path)) {
            throw fail(path, "permission denied; make the file readable");
        }
        try {
            if (Files.size(path) == 0) {
                throw fail(path, "the file is empty (0 bytes); re-export or re-download it");
            }
        } catch (IOException e) {
            throw fail(path, message(e), e);
        }
    }

    private static ImageReader readerFor(ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            String name = formatOf(r);
            // WBMP's header is so loose that random bytes pass for it; nobody feeds a GAN WBMPs.
            if (FORMATS.contains(name)) {
                return r;
            }
            r.dispose();
        }
        return null;
    }

    private static BufferedImage decode(Path path, ImageReader reader, ImageInputStream in) throws IOException {
        reader.setInput(in, true, true);
        String format = formatOf(reader);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w <= 0 || h <= 0) {
            throw fail(path, "the file is damaged (it says the image is " + w + "x" + h + ")");
        }
        if ((long) w * h > MAX_PIXELS) {
            throw fail(path, String.format(Locale.ROOT, "%dx%d is %.1f megapixels, more than the %d-megapixel limit;"
                    + " downscale it first", w, h, (long) w * h / 1e6, MAX_PIXELS / 1_000_000));
        }
        if (format.equals("png") && !endsWithIend(path)) {
            throw fail(path, "the file is truncated (PNG without its IEND end marker); re-export or re-download it");
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((src, message) -> warnings.add(message));
        BufferedImage img = reader.read(0);
        // A truncated JPEG decodes "successfully" with the missing part grey; only the warnings tell.
        for (String warning : warnings) {
            String m = warning.toLowerCase(Locale.ROOT);
            if (m.contains("truncat") || m.contains("premature end") || m.contains("missing eoi")) {
                throw fail(path, "the file is truncated (" + warning + "); re-export or re-download it");
            }
        }
        if (img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_CMYK) {
            throw fail(path, "CMYK images are not supported; convert it to RGB (e.g. save it as PNG or sRGB JPEG)");
        }
        return img;
    }

    private static boolean endsWithIend(Path path) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(path)) {
            long size = ch.size();
            int n = (int) Math.min(size, IEND_SEARCH);
            ByteBuffer buf = ByteBuffer.allocate(n);
            ch.position(size - n);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read the tail fully
            }
            byte[] tail = buf.array();
            for (int i = buf.position() - IEND.length; i >= 0; i--) {
                if (tail[i] == IEND[0] && tail[i + 1] == IEND[1] && tail[i + 2] == IEND[2] && tail[i + 3] == IEND[3]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Why no reader took the file: a format we know by its signature, text, or something else. */
    private static String whatItIs(Path path) {
        byte[] head = new byte[16];
        int n;
        try (var in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return message(e);
        }
        String ascii = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        String convert = "; convert it to PNG";
        if (ascii.startsWith("RIFF") && ascii.startsWith("WEBP", 8)) {
            return "WebP is not supported" + convert;
        }
        if (n >= 8 && ascii.startsWith("ftyp", 4)) {
            return "HEIC/AVIF is not supported" + convert;
        }
        if (ascii.startsWith("8BPS")) {
            return "Photoshop files are not supported" + convert;
        }
        if (ascii.startsWith("\u0089PNG") || ascii.startsWith("\u00ff\u00d8") || ascii.startsWith("GIF8")
                || ascii.startsWith("BM")) {
            return "the file is damaged or truncated (its header is incomplete); re-export or re-download it";
        }
        boolean text = true;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            text &= b == '\t' || b == '\n' || b == '\r' || (b >= 0x20 && b < 0x7F) || b >= 0x80;
        }
        if (text) {
            return "it is a text file, not an image; give a " + KNOWN + " file";
        }
        return "not a " + KNOWN + " image (unrecognised format)" + convert;
    }

    private static String formatOf(ImageReader r) {
        try {
            return r.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "";
        }
    }

    private static Gan4jException fail(Path path, String why) {
        return new Gan4jException("Cannot read image " + path + ": " + why);
    }

    private static Gan4jException fail(Path path, String why, Throwable cause) {
        return new Gan4jException("Cannot read image " + path + ": " + why, cause);
    }

    static String ioReason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a directory";
        }
        if (e instanceof NoSuchFileException f) {
            return "no such directory " + f.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT) + (f.getFile() != null ? " (" + f.getFile() + ")" : "");
        }
        return message(e);
    }

    /** The exception's first line, and its cause's for ImageIO's wrappers. */
    private static String message(Throwable e) {
        String s = Engine.firstLine(e);
        Throwable cause = e.getCause();
        if (e instanceof IIOException && cause != null && cause.getMessage() != null) {
            s += ": " + Engine.firstLine(cause);
        }
        return s;
    }
}
