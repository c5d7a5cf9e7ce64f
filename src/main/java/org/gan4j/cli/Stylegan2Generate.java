package org.gan4j.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.data.Npy;
import org.gan4j.stylegan2.Sampling;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Tensors;
import org.gan4j.train.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j stylegan2 generate}: images from seeded z, or from the latents of a .npy file, as PNGs. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate images with a StyleGAN2 checkpoint's g_ema and write them as PNGs.",
                "Seeded random z by default; --latents renders the rows of a NumPy .npy of shape [N, style_dim]",
                "holding z, or W with --w-space ([N, n_latent, style_dim] W+ codes too, e.g. a projection's output;",
                "--noises then takes its noise maps to reproduce the projection exactly)."},
        footer = {"", "Examples:", "  gan4j stylegan2 generate --model stylegan2-ffhq-config-f.pt --count 8 --truncation 0.7 --out samples/",
                "  gan4j stylegan2 generate --model ckpt.pt --latents projected_w.npy --w-space --out projected/"})
final class Stylegan2Generate implements Callable<Integer> {

    @Mixin
    Stylegan2Options opts = new Stylegan2Options();

    @Option(names = "--count", defaultValue = "8", paramLabel = "N",
            description = "Number of images from random z (ignored with --latents). Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--latents", paramLabel = "FILE.npy",
            description = "Render these latents instead: float32/float64 .npy of shape [N, style_dim].")
    Path latents;

    @Option(names = "--w-space", description = "The --latents are in W (after the mapping network), not Z.")
    boolean wSpace;

    @Option(names = "--noises", paramLabel = "FILE.pt",
            description = "Per-layer noise maps (a projection's noises.pt) instead of --noise-mode.")
    Path noises;

    @Option(names = "--batch", defaultValue = "4", paramLabel = "B", description = "Images per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--grid", paramLabel = "FILE.png", description = "Also write all images tiled into one grid.")
    Path grid;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        opts.validate();
        if (count < 1 || batch < 1) {
            throw new Gan4jException("--count and --batch must be at least 1, got " + count + " and " + batch);
        }
        if (wSpace && latents == null) {
            throw new Gan4jException("--w-space needs --latents FILE.npy");
        }
        Npy.Array codes = latents == null ? null : Npy.read(latents);
        engine.apply();
        try (Stylegan2Checkpoint ck = opts.load()) {
            int s = ck.config().styleDim();
            int nl = ck.config().nLatent();
            boolean wPlusCodes = codes != null && wSpace && codes.shape().length == 3 && codes.shape()[1] == nl
                    && codes.shape()[2] == s;
            if (codes != null && !wPlusCodes && (codes.shape().length != 2 || codes.shape()[1] != s || codes.shape()[0] < 1)) {
                throw new Gan4jException(latents + ": expected latents of shape [N, " + s + "] for this model (style dim "
                        + s + (wSpace ? "), or W+ codes [N, " + nl + ", " + s + "]" : ")") + ", got "
                        + java.util.Arrays.toString(codes.shape()));
            }
            List<Tensor> noiseMaps = noises == null ? null : readNoises(noises, ck);
            long seed = opts.applySeed();
            List<Path> files = new ArrayList<>();
            List<BufferedImage> tiles = new ArrayList<>();
            try (Scope scope = new Scope()) {
                Tensor z = codes != null ? Tensors.of(codes.data(), codes.shape()) : Tensors.randn(count, s);
                Tensor center = opts.center(ck);
                String prefix = codes == null ? "seed" + seed + "-" : "latent-";
                java.util.function.Consumer<BufferedImage> sink = img -> {
                    Path f = out.resolve(String.format("%s%04d.png", prefix, files.size()));
                    Images.writePng(f, img);
                    files.add(f);
                    if (grid != null) {
                        tiles.add(img);
                    }
                };
                if (noiseMaps != null) {
                    Sampling.render(ck.gEma(), z, wSpace, opts.truncation, center, noiseMaps, batch, sink);
                } else {
                    Sampling.render(ck.gEma(), z, wSpace, opts.truncation, center, opts.noise(), batch, sink);
                }
            }
            if (grid != null) {
                Images.writePng(grid, SampleGrid.tile(tiles));
            }
            int size = ck.config().size();
            engine.out().println("Wrote " + files.size() + (files.size() == 1 ? " image (" : " images (") + size + "x" + size + ", "
                    + (codes == null ? "seed " + seed : "latents from " + latents + (wSpace ? " in W" : " in Z")) + ", "
                    + opts.truncationNote(ck) + ", noise " + (noises != null ? "from " + noises : opts.noise().name().toLowerCase())
                    + ") to " + out
                    + (grid != null ? " and the grid " + grid : ""));
            return 0;
        }
    }

    /** The noise maps of {@code file}: a list of {@code numLayers} tensors {@code [1,1,r,r]} (a projection's noises.pt). */
    private static List<Tensor> readNoises(Path file, Stylegan2Checkpoint ck) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new Gan4jException("noise file not found: " + file);
        }
        Object o = org.gan4j.torch.PtFile.load(file);
        List<Tensor> buffers = ck.gEma().noiseBuffers();
        if (!(o instanceof List<?> l) || l.size() != buffers.size() || !l.stream().allMatch(x -> x instanceof Tensor)) {
            throw new Gan4jException(file + ": expected a list of " + buffers.size() + " noise maps (a projection's"
                    + " noises.pt for this model)");
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            Tensor t = (Tensor) l.get(i);
            if (!java.util.Arrays.equals(t.shape(), buffers.get(i).shape())) {
                throw new Gan4jException(file + ": noise map " + i + " has shape " + java.util.Arrays.toString(t.shape())
                        + ", this model needs " + java.util.Arrays.toString(buffers.get(i).shape()));
            }
            out.add(org.gan4j.torch.Scope.keepAlive(t.to(org.bytedeco.pytorch.global.torch.ScalarType.Float)));
        }
        return out;
    }
}
