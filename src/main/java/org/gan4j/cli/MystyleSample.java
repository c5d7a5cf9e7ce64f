package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.data.Npy;
import org.gan4j.mystyle.MystyleModel;
import org.gan4j.mystyle.PersonalSpace;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.train.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j mystyle sample}: images of the person from P₀, the anchors' convex hull. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample a personalised model: each latent mixes three random anchors with uniform weights normalised",
                "to sum 1 (P0, as the official generate.py), rendered with the constant noise. Writes NNN.png,",
                "grid.png, alphas.npy ([count,N]) and latents.npy ([count,S]) into --out.",
                "A MyStyle++ model (personalize --plus) also takes --set name=value,...: each latent's coordinates on",
                "those attributes' axes are set to where the album's anchors with those values lie (controlled",
                "sampling); the others stay random."},
        footer = {"", "Examples:", "  gan4j mystyle sample --model runs/me --count 16 --seed 1 --out samples/",
                "  gan4j mystyle sample --model runs/me-plus --count 8 --set yaw=-0.8,expression=0.5 --out left-smiling/"})
final class MystyleSample implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A MyStyle run directory or its mystyle.pt.")
    Path model;

    @Option(names = "--count", defaultValue = "16", paramLabel = "N", description = "Samples. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--set", paramLabel = "NAME=V,...", description = "MyStyle++: attribute values to sample with, e.g."
            + " yaw=0.5,expression=-0.2 (the album's value range; clamped to the anchors' hypercube).")
    String set;

    @Mixin
    SeedOption seed = new SeedOption();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = engine.out();
        if (count < 1) {
            throw new Gan4jException("--count must be at least 1, got " + count);
        }
        if (Files.isRegularFile(out)) {
            throw new Gan4jException("--out " + out + " is a file; give a directory");
        }
        long s = seed.value();
        engine.apply();
        try (Scope scope = new Scope(); NoGrad ng = new NoGrad(); MystyleModel m = MystyleModel.load(model)) {
            int n = (int) m.anchors().size(0);
            double[][] alphas = PersonalSpace.p0Alphas(count, n, PersonalSpace.ANCHORS_PER_SAMPLE, new Random(s));
            Tensor a = PersonalSpace.tensor(alphas);
            Tensor w = PersonalSpace.latents(a, m.anchors()); // [count,S]
            String how = "";
            if (set != null) {
                var values = org.gan4j.mystyle.AttributeControl.parse(set);
                w = MystyleInputs.control(m, model).set(w, values);
                how = " with " + set;
            }
            final Tensor latents = w;
            List<BufferedImage> images = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Tensor wi = latents.narrow(0, i, 1).unsqueeze(1).repeat(1, m.generator().nLatent(), 1);
                images.add(ImageTensors.toImage(m.generator().synthesize(wi, NoiseMode.CONST)));
            }
            Files.createDirectories(out);
            for (int i = 0; i < count; i++) {
                Images.writePng(out.resolve(String.format("%03d.png", i)), images.get(i));
            }
            Images.writePng(out.resolve("grid.png"), SampleGrid.tile(images));
            AppFiles.writeAtomically(out.resolve("alphas.npy"), tmp -> Npy.write(tmp, Tensors.floats(a), count, n));
            AppFiles.writeAtomically(out.resolve("latents.npy"), tmp -> Npy.write(tmp, Tensors.floats(latents.contiguous()),
                    latents.shape()));
            pw.println("Sampled " + count + " images from P0 of " + n + " anchors" + how + " (seed " + s + "): "
                    + out.resolve("grid.png"));
        }
        return 0;
    }
}
