package org.gan4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.singan.Injection;
import org.gan4j.singan.SinGANModel;
import org.gan4j.torch.ImageTensors;

/** File handling shared by the commands (the SinGAN applications, eval and export verbs). */
final class AppFiles {

    private AppFiles() {}

    /** Writes {@code out} atomically through {@code writer}, creating its folder; any I/O failure is one line. */
    static void writeAtomically(Path out, org.gan4j.torch.IOConsumer<Path> writer) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            org.gan4j.torch.AtomicFile.write(out, writer);
        } catch (IOException e) {
            throw new Gan4jException("cannot write " + out + ": " + org.gan4j.torch.Engine.firstLine(e),
                    Gan4jException.FAILED, e);
        }
    }

    /** Fails with one line, before any work, when {@code out} cannot be written as a file. */
    static void checkWritable(Path out, String flag) {
        if (Files.isDirectory(out)) {
            throw new Gan4jException(flag + " " + out + " is a directory; give a file name inside it");
        }
        Path parent = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path probe = Files.createTempFile(parent, ".gan4j-probe", ".tmp");
            Files.delete(probe);
        } catch (AccessDeniedException e) {
            throw new Gan4jException(flag + " " + out + " cannot be written: permission denied in " + parent
                    + "; choose a writable location");
        } catch (IOException | RuntimeException e) {
            throw new Gan4jException(flag + " " + out + " cannot be written (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); choose a writable location");
        }
    }

    /** {@code dir/name-suffix.png} for an output {@code dir/name.png}: files written beside the output. */
    static Path beside(Path out, String suffix) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return out.resolveSibling(stem + "-" + suffix + ".png");
    }

    /** An image as SinGAN reads it, [1,3,H,W] in [-1,1]. */
    static Tensor read(Path file) {
        return ImageTensors.fromImage(Images.read(file));
    }

    /**
     * The image at the model's finest size (the training image after its max-size downscale); resized with
     * SinGAN's imresize, as the official code does, with a message when it is not.
     */
    static Tensor fitToModel(SinGANModel m, Tensor x, Path file, PrintWriter out) {
        if (Injection.fits(m, x)) {
            return x;
        }
        var f = m.scale(m.finest());
        out.println("Resized " + file + " from " + x.size(3) + "x" + x.size(2) + " to " + f.width() + "x" + f.height()
                + ", the model's training size (as the official code does).");
        return Injection.fit(m, x);
    }

    static String size(Tensor x) {
        return x.size(3) + "x" + x.size(2);
    }
}
