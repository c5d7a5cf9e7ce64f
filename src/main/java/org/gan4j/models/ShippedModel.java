package org.gan4j.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.torch.AtomicFile;

/**
 * The small models gan4j trained itself and ships in the jar, so a user can congeal or personalise without training
 * a GAN first. On the command line each is named {@code builtin:faces} wherever a model file is expected. A model
 * is copied out of the jar once, into {@code <java.io.tmpdir>/gan4j-models/<version>/}, and loaded from there like
 * any checkpoint. docs/gangealing.md gives the commands and seeds that made them.
 */
public enum ShippedModel {

    /** StyleGAN2 64×64 (style dim 128, channels ≤ 64) trained on {@code builtin:faces}: {@code g_ema}, {@code d}, {@code latent_avg}. */
    FACES_STYLEGAN2("faces64-stylegan2.pt"),
    /** GANgealing's spatial transformer (fast STN, one head) trained on {@link #FACES_STYLEGAN2}. */
    FACES_GANGEALING("faces64-gangealing.pt");

    /** The name that stands for a shipped model on the command line. */
    public static final String NAME = "builtin:faces";

    private static final String RESOURCES = "/org/gan4j/models/";

    private final String file;

    ShippedModel(String file) {
        this.file = file;
    }

    /** Whether {@code model} names a shipped model ({@code builtin:faces}). */
    public static boolean names(Path model) {
        return model != null && NAME.equals(model.toString());
    }

    /** {@code model} itself, or this shipped model's file when {@code model} is {@code builtin:faces}. */
    public Path orFile(Path model) {
        return names(model) ? file() : model;
    }

    /** This model as a file, copied out of the jar the first time it is asked for. */
    public synchronized Path file() {
        String version = ShippedModel.class.getPackage().getImplementationVersion();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "gan4j-models", version != null ? version : "dev");
        Path target = dir.resolve(file);
        try (InputStream in = ShippedModel.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new Gan4jException("this gan4j build does not hold the shipped model " + file + " (" + NAME + ")");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                    && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                return target;
            }
            Files.createDirectories(dir);
            AtomicFile.write(target, tmp -> Files.write(tmp, bytes));
            return target;
        } catch (IOException e) {
            throw new Gan4jException("cannot copy the shipped model " + file + " to " + target + ": " + e.getMessage());
        }
    }
}
