import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.LabelMap;
import org.gan4j.data.Palette;
import org.gan4j.data.SceneDataset;
import org.gan4j.data.ScenePair;
import org.gan4j.data.Scenes;
import org.gan4j.data.SemanticInputs;
import org.gan4j.loss.FeatureMatching;
import org.gan4j.loss.Hinge;
import org.gan4j.nn.Adam;
import org.gan4j.nn.MultiscaleDiscriminator;
import org.gan4j.spade.Perceptual;
import org.gan4j.spade.SpadeConfig;
import org.gan4j.spade.SpadeGenerator;
import org.gan4j.spade.SpadeModel;
import org.gan4j.spade.SpadeTrainer;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;

/**
 * Times gan4j's SPADE training step ({@link SpadeTrainer#step}: G step then D step, hinge + feature matching,
 * TTUR Adam) and synthesis (the generator in eval mode, forward without gradient), the figures docs/benchmarks.md
 * compares with bench/spade_official_bench.py on the same machine, sizes, widths and threads.
 *
 * <pre>
 * mvn -q -DskipTests package
 * mkdir -p target/bench && javac -cp target/gan4j.jar -d target/bench bench/SpadeBench.java
 * MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmn32m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Djava.awt.headless=true \
 *     -cp target/gan4j.jar:target/bench -Dgan4j.threads=T SpadeBench train|synth|profile|profile-scoped SIZE BATCH [NGF NDF [ITERS [WARMUP]]]
 * </pre>
 * The fast preset ({@link SpadeConfig#fast}: 10 classes of builtin:scenes, num_D 2, n_layers_D 4, spectral norm,
 * sync batch norm in SPADE, spectral instance norm in D) with the given widths (default ngf 16, ndf 32) and batch,
 * without the perceptual term ({@link Perceptual#NONE}; the official side runs --no_vgg_loss). Data: the first 16
 * pairs of builtin:scenes, rendered before timing (the step still builds each batch from them: mirroring,
 * one-hot, image tensors), so the timing is the step's, not the procedural renderer's. T threads: libtorch's
 * intra-op threads on the one thread that steps (SPADE's step has no lanes). Prints the median, lower quartile,
 * min and max over ITERS (20) timed iterations after WARMUP (3), and the process's peak RSS (VmHWM; run the compiled class: the
 * source-file launcher, {@code java bench/SpadeBench.java}, compiles inside the measured JVM and adds ~70 MB).
 * The JVM flags and MALLOC_ARENA_MAX are the launcher's ({@code ./gan4j}).
 */
public class SpadeBench {
    public static void main(String[] a) throws Exception {
        String mode = a[0];
        int size = Integer.parseInt(a[1]);
        int batch = Integer.parseInt(a[2]);
        int ngf = a.length > 3 ? Integer.parseInt(a[3]) : 16;
        int ndf = a.length > 4 ? Integer.parseInt(a[4]) : 32;
        int iters = a.length > 5 ? Integer.parseInt(a[5]) : 20;
        int warmup = a.length > 6 ? Integer.parseInt(a[6]) : 3;
        Engine.init();
        int threads = Engine.threads();
        SpadeConfig c = SpadeConfig.fast(Scenes.LABEL_NC, size)
                .withPerceptual(Perceptual.NONE, null, 3)
                .withTraining(batch, warmup + iters + 1, 0);
        c = c.withNets(c.nets().withWidths(ngf, ndf)).withSeed(1);
        SceneDataset data = new Prerendered(Scenes.dataset(16), size);
        double[] ms = new double[iters];
        long before = 0;
        Engine.intraOpThreads(threads); // as TrainLoop does around a stage
        if (mode.startsWith("profile")) {
            profile(c, data, batch, iters, warmup, mode.equals("profile-scoped"));
            return;
        }
        if (mode.equals("train")) {
            try (SpadeTrainer t = new SpadeTrainer(c, data, null, 4, threads)) {
                before = rssMb("VmRSS:");
                for (int i = 0; i < warmup + iters; i++) {
                    long t0 = System.nanoTime();
                    try (Scope s = new Scope()) {
                        t.step(0, i);
                    }
                    if (i >= warmup) {
                        ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
        } else {
            SpadeGenerator g = new SpadeGenerator(c.nets());
            try (SpadeModel m = new SpadeModel(c, g, null, data.palette()); Scope outer = new Scope()) {
                List<LabelMap> maps = new ArrayList<>();
                for (int k = 0; k < batch; k++) {
                    maps.add(data.pair(k, size, size).labels());
                }
                Tensor seg = SemanticInputs.semantics(maps, null, c.nets().oneHotNc());
                before = rssMb("VmRSS:");
                for (int i = 0; i < warmup + iters; i++) {
                    long t0 = System.nanoTime();
                    try (Scope s = new Scope()) {
                        m.synthesize(seg, null);
                    }
                    if (i >= warmup) {
                        ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
        }
        Arrays.sort(ms);
        double median = iters % 2 == 1 ? ms[iters / 2] : (ms[iters / 2 - 1] + ms[iters / 2]) / 2;
        double p25 = ms[(iters - 1) / 4]; // the lower quartile, indexed as the official side's script does
        System.out.printf("gan4j %s %dpx batch %d ngf %d ndf %d threads %d: median %.1f ms (p25 %.1f, min %.1f, max %.1f,"
                + " %d after %d); RSS before the first %d MB; peak RSS %d MB%n", mode.equals("train") ? "train step"
                : "synthesis", size, batch, ngf, ndf, threads, median, p25, ms[0], ms[iters - 1], iters, warmup, before,
                rssMb("VmHWM:"));
    }

    /**
     * The step of {@link SpadeTrainer#step} written out with timers (the same calls on the trainer's networks, with
     * Adam optimizers of the same settings; no VGG, no encoder), to see where the time goes: G forward, D
     * forward, the losses, backward (torch.grad) and Adam, for the G step and the D step. Prints means in ms.
     * {@code scoped} (mode profile-scoped) runs the G step, and the D step's generator forward, in scopes of their
     * own, so their tensors are freed before what follows (the trainer keeps them until the step ends).
     */
    @SuppressWarnings("unchecked")
    static void profile(SpadeConfig c, SceneDataset data, int batch, int iters, int warmup, boolean scoped)
            throws java.io.IOException {
        String[] names = {"G: netG forward", "G: netD forward", "G: losses", "G: backward", "G: Adam",
            "D: netG forward (no grad)", "D: netD forward", "D: losses", "D: backward", "D: Adam"};
        double[] sum = new double[names.length];
        double total = 0;
        try (SpadeTrainer t = new SpadeTrainer(c, data, null, 4, Engine.threads()); Scope outer = new Scope()) {
            SpadeGenerator g = t.g();
            MultiscaleDiscriminator d = t.d();
            List<Tensor> gParams = g.parameters();
            Adam gOpt = new Adam(gParams, c.lrG(), c.beta1(), c.beta2());
            Adam dOpt = new Adam(d.parameters(), c.lrD(), c.beta1(), c.beta2());
            List<LabelMap> maps = new ArrayList<>();
            List<java.awt.image.BufferedImage> images = new ArrayList<>();
            for (int k = 0; k < batch; k++) {
                ScenePair p = data.pair(k, c.nets().width(), c.nets().height());
                maps.add(p.labels());
                images.add(p.image());
            }
            Tensor seg = SemanticInputs.semantics(maps, null, c.nets().oneHotNc());
            Tensor real = ImageTensors.fromImages(images);
            for (int i = 0; i < warmup + iters; i++) {
                double[] at = new double[names.length + 1];
                int k = 0;
                try (Scope s = new Scope()) {
                    Scope gs = scoped ? new Scope() : null; // the G step's tensors die with it
                    at[k++] = System.nanoTime();
                    Tensor fake = g.forward(seg, null);
                    at[k++] = System.nanoTime();
                    MultiscaleDiscriminator.Predictions preds = d.fakeAndReal(seg, fake, real);
                    at[k++] = System.nanoTime();
                    Tensor loss = Hinge.generator(preds.fake()).add(FeatureMatching.loss(preds.fake(), preds.real(), c.lambdaFeat()));
                    loss.item_double();
                    at[k++] = System.nanoTime();
                    List<Tensor> grads = Autograd.zerosForUndefined(Autograd.grad(loss, gParams, null, false), gParams);
                    at[k++] = System.nanoTime();
                    gOpt.step(grads);
                    at[k++] = System.nanoTime();
                    if (gs != null) {
                        gs.close();
                    }
                    Tensor fakeD;
                    Scope ns = scoped ? new Scope() : null; // G's no-grad intermediates die before D runs
                    try (NoGrad ng = new NoGrad()) {
                        fakeD = g.forward(seg, null);
                        if (ns != null) {
                            fakeD = Scope.keepAlive(fakeD);
                            ns.close();
                        }
                    }
                    at[k++] = System.nanoTime();
                    MultiscaleDiscriminator.Predictions dPreds = d.fakeAndReal(seg, fakeD, real);
                    at[k++] = System.nanoTime();
                    Tensor dLoss = Hinge.discriminator(dPreds.real(), dPreds.fake()).sum();
                    dLoss.item_double();
                    at[k++] = System.nanoTime();
                    List<Tensor> dGrads = Autograd.zerosForUndefined(Autograd.grad(dLoss, d.parameters(), null, false),
                            d.parameters());
                    at[k++] = System.nanoTime();
                    dOpt.step(dGrads);
                    at[k++] = System.nanoTime();
                    if (ns != null) {
                        fakeD.releaseReference();
                    }
                }
                if (i >= warmup) {
                    for (int j = 0; j < names.length; j++) {
                        sum[j] += (at[j + 1] - at[j]) / 1e6;
                    }
                    total += (at[names.length] - at[0]) / 1e6;
                }
            }
        }
        System.out.printf("gan4j step split%s, %dpx batch %d ngf %d ndf %d threads %d: total %.1f ms (mean of %d); peak RSS"
                + " %d MB%n", scoped ? " (nested scopes)" : "", c.nets().cropSize(), batch, c.nets().ngf(), c.nets().ndf(),
                Engine.threads(), total / iters, iters, rssMb("VmHWM:"));
        for (int j = 0; j < names.length; j++) {
            System.out.printf("  %-26s %7.1f ms%n", names[j], sum[j] / iters);
        }
    }

    /** builtin:scenes with its pairs rendered once, before timing. */
    static final class Prerendered implements SceneDataset {
        private final SceneDataset d;
        private final Map<Long, ScenePair> pairs = new HashMap<>();

        Prerendered(SceneDataset d, int size) {
            this.d = d;
            for (int i = 0; i < d.size(); i++) {
                pair(i, size, size);
            }
        }

        @Override public int size() { return d.size(); }
        @Override public int labelNc() { return d.labelNc(); }
        @Override public boolean dontCare() { return d.dontCare(); }
        @Override public boolean hasInstances() { return d.hasInstances(); }
        @Override public Palette palette() { return d.palette(); }
        @Override public String describe() { return d.describe(); }

        @Override
        public ScenePair pair(int i, int width, int height) {
            return pairs.computeIfAbsent(((long) i << 40) | ((long) width << 20) | height, k -> d.pair(i, width, height));
        }
    }

    static long rssMb(String key) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
