package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.data.Npy;
import org.gan4j.data.SquareImages;
import org.gan4j.loss.ImageDistance;
import org.gan4j.loss.PerceptualDistance;
import org.gan4j.loss.PyramidLoss;
import org.gan4j.nn.Vgg16Features;
import org.gan4j.stylegan2.Projector;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;
import org.gan4j.train.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j stylegan2 project}: finds the latent (and noise) from which g_ema reproduces an image. */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = {"Project an image into a StyleGAN2 model's W (or W+) space.",
                "As rosinality's projector.py: optimise a latent started at the mean w, and the noise maps (regularized), with Adam.",
                "Loss: with --vgg an LPIPS-style VGG16 distance + MSE; without, a multi-scale pixel loss.",
                "Writes projected_w.npy (for generate --latents --w-space), noises.pt, target.png,",
                "reconstruction.png and comparison.png (target | reconstruction, enlarged to >= 128 px) into --out."},
        footer = {"", "Examples:", "  gan4j stylegan2 project --model runs/land32 --image photo.png --steps 500 --out proj/",
                "  gan4j stylegan2 project --model ckpt.pt --image face.png --wplus --vgg vgg16-397923af.pth --out proj/",
                "  gan4j stylegan2 generate --model runs/land32 --latents proj/projected_w.npy --w-space"
                        + " --noises proj/noises.pt --out again/"})
final class Stylegan2Project implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "CKPT", description = "A StyleGAN2 checkpoint, StyleGAN2-ADA .pkl or training run (g_ema is used).")
    Path model;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "The image to project (centre-cropped and resized to the model's size).")
    Path image;

    @Option(names = "--wplus", description = "Optimise a W+ code (one w per layer) instead of one w.")
    boolean wPlus;

    @Option(names = "--steps", defaultValue = "1000", paramLabel = "N", description = "Optimisation steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--vgg", paramLabel = "FILE",
            description = "torchvision vgg16 state dict (e.g. vgg16-397923af.pth) for the LPIPS-style perceptual loss.")
    Path vgg;

    @Option(names = "--mse", paramLabel = "W",
            description = "Weight of the pixel MSE added to the distance (default 1 with --vgg, 0 without: the multi-scale loss contains it).")
    Double mse;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the noise initialisation. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = engine.out();
        // DEVIATION: rosinality's --mse defaults to 0; without LPIPS's learned channel weights the VGG distance
        // alone leaves colours loose, so gan4j adds the MSE with weight 1 when --vgg is given.
        Projector.Options o = Projector.Options.defaults().withSteps(steps).withWPlus(wPlus).withSeed(seed)
                .withMse(mse != null ? mse : vgg != null ? 1 : 0);
        if (Files.isRegularFile(out)) {
            throw new Gan4jException("--out " + out + " is a file; give a directory");
        }
        BufferedImage img = Images.read(image);
        engine.apply();
        ImageDistance distance = vgg != null ? new PerceptualDistance(Vgg16Features.load(vgg)) : new PyramidLoss();
        try (Stylegan2Checkpoint ck = Stylegan2Checkpoint.loadForSampling(Stylegan2Options.checkpointFile(model))) {
            int size = Projector.targetSize(ck.config().size());
            if (img.getWidth() != size || img.getHeight() != size) {
                int side = Math.min(img.getWidth(), img.getHeight());
                pw.println("Note: " + image + " is " + img.getWidth() + "x" + img.getHeight() + "; "
                        + (img.getWidth() != img.getHeight() ? "centre-cropped to " + side + "x" + side + " and " : "")
                        + "resized to " + size + "x" + size + " (the model's size).");
            }
            BufferedImage targetImg = SquareImages.fit(img, size);
            Seeds.seed(seed);
            Projector.Result r;
            try (Scope s = new Scope(); Progress progress = Progress.fromEnvironment()) {
                Tensor target = ImageTensors.fromImage(targetImg);
                r = Projector.project(ck.gEma(), target, distance, o, progress);
                write(r, targetImg);
            }
            pw.println(String.format("Projected %s into %s (%d steps, %s): distance %.4f -> %.4f, MSE %.4f. Wrote %s",
                    image, wPlus ? "W+" : "W", steps, distance.describe(), r.startDistance(), r.distance(), r.mse(),
                    out.resolve("projected_w.npy") + ", noises.pt, target.png, reconstruction.png, comparison.png"));
            return 0;
        }
    }

    private void write(Projector.Result r, BufferedImage target) throws IOException {
        Files.createDirectories(out);
        Npy.write(out.resolve("projected_w.npy"), Tensors.floats(r.latent()), r.latent().shape());
        PtFile.save(out.resolve("noises.pt"), new ArrayList<>(r.noises()));
        BufferedImage rec = ImageTensors.toImage(r.image());
        Images.writePng(out.resolve("target.png"), target);
        Images.writePng(out.resolve("reconstruction.png"), rec);
        int k = Math.max(1, (128 + target.getWidth() - 1) / target.getWidth()); // enlarged to at least 128 px each
        Images.writePng(out.resolve("comparison.png"), SampleGrid.tile(List.of(enlarge(target, k), enlarge(rec, k)), 2,
                SampleGrid.DEFAULT_GAP));
    }

    /** Nearest-neighbour enlargement by {@code k}, so that small images stay visible in a viewer. */
    static BufferedImage enlarge(BufferedImage img, int k) {
        if (k == 1) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth() * k, img.getHeight() * k, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, img.getRGB(x / k, y / k));
            }
        }
        return out;
    }
}
