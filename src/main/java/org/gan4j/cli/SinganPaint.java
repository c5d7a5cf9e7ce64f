package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.data.Images;
import org.gan4j.singan.ModelFile;
import org.gan4j.singan.PaintToImage;
import org.gan4j.singan.SinGANConfig;
import org.gan4j.singan.SinGANModel;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j singan paint}: paint-to-image (official paint2image.py). */
@Command(name = "paint", mixinStandardHelpOptions = true,
        description = {"Paint-to-image: turn a clip-art painting into an image with the trained image's textures.",
                "The painting (resized to the training image's size) is injected at --start-scale and the scales",
                "above add detail. With --quantize, the real image at that scale is clustered into 5 colours by",
                "k-means, the painting is mapped onto them (written as OUT-quant-paint.png, and the real image's",
                "quantisation as OUT-quant-real.png), and that scale is trained anew on quantised inputs (as the",
                "official code) into a run directory before generating."},
        footer = {"", "Examples:",
                "  gan4j singan paint --model runs/mountains --paint clip.png --start-scale 2 --out painted.png",
                "  gan4j singan paint --model runs/mountains --paint clip.png --start-scale 2 --quantize --out painted.png"})
final class SinganPaint implements Callable<Integer> {

    /** The official KMeans(random_state=0). */
    static final long KMEANS_SEED = 0;

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "A run directory or its model.pt.")
    Path model;

    @Option(names = "--paint", required = true, paramLabel = "FILE", description = "The painting (PNG, JPEG, BMP or GIF).")
    Path paint;

    @Option(names = "--start-scale", required = true, paramLabel = "n",
            description = "Injection scale, 1 to the finest (coarser = more freedom, finer = closer to the painting).")
    int startScale;

    @Option(names = "--quantize", description = "Quantise colours to 5 k-means centres and fine-tune the injection scale first.")
    boolean quantize;

    @Option(names = "--iters", paramLabel = "N", description = "Fine-tuning iterations with --quantize (default: the model's iterations per scale).")
    Integer iters;

    @Option(names = "--run", paramLabel = "DIR", description = "Run directory of the fine-tuning (default runs/singan-<timestamp>).")
    Path run;

    @Mixin
    SeedOption seed = new SeedOption();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The output PNG.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        PrintWriter pw = engine.out();
        if (!quantize && (iters != null || run != null)) {
            throw new Gan4jException("--iters and --run set up the fine-tuning of --quantize; add --quantize or drop them");
        }
        AppFiles.checkWritable(out, "--out");
        long s = seed.value();
        engine.apply();
        try (SinGANModel m = SinganSample.loadModel(model)) {
            m.checkScale(startScale, 1, "--start-scale");
            Tensor p = AppFiles.fitToModel(m, AppFiles.read(paint), paint, pw);
            Seeds.seed(s);
            try (Scope sc = new Scope()) {
                Tensor result;
                if (!quantize) {
                    result = PaintToImage.paint(m, p, startScale);
                } else {
                    PaintToImage.Quantization q = PaintToImage.quantize(m, p, startScale, KMEANS_SEED);
                    Images.writePng(AppFiles.beside(out, "quant-real"), ImageTensors.toImage(q.realQuant()));
                    Images.writePng(AppFiles.beside(out, "quant-paint"), ImageTensors.toImage(q.paintQuant()));
                    SinGANConfig c = m.config().withIters(iters != null ? iters : m.config().niter()).withSeed(s);
                    RunDir r = RunDir.create("singan", run);
                    pw.println("Fine-tuning scale " + startScale + " on 5-colour inputs (" + c.niter() + " iterations) in "
                            + r.dir());
                    SinGANModel tuned;
                    try (Progress progress = Progress.fromEnvironment()) {
                        tuned = PaintToImage.fineTune(m, startScale, q.centers(), c, r, progress);
                    }
                    Path file = r.path("model.pt");
                    try {
                        ModelFile.saveAtomic(tuned, file);
                    } catch (java.io.IOException e) {
                        throw Gan4jException.failed("cannot write " + file + ": " + e.getMessage());
                    }
                    Seeds.seed(s);
                    result = PaintToImage.generate(tuned, q.inS(), startScale);
                    pw.println("Fine-tuned model: " + file);
                }
                Images.writePng(out, ImageTensors.toImage(result));
                pw.println("Wrote " + out + " (" + AppFiles.size(result) + ", painting injected at scale " + startScale
                        + " of 0.." + m.finest() + (quantize ? ", 5 colours" : "") + ", seed " + s + ")");
            }
            return 0;
        }
    }
}
