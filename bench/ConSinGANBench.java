import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.gan4j.data.Images;
import org.gan4j.singan.consingan.ConSinGANConfig;
import org.gan4j.singan.consingan.ConSinGANModel;
import org.gan4j.singan.consingan.ConSinGANTrainer;
import org.gan4j.singan.consingan.Scales;
import org.gan4j.torch.Engine;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Lanes;
import org.gan4j.torch.Scope;
import org.gan4j.train.PeakMemory;

/**
 * Times ConSinGAN training (the paper's defaults: 6 stages, train depth 3, lr scale 0.1, nfc 64) per iteration at
 * every stage, the figure docs/benchmarks.md compares with bench/consingan_official_train_bench.py. Each stage runs
 * ITERS iterations and is timed whole (its setup included, as the official side is), so the time per iteration is
 * the stage's wall time over ITERS. Usage, from the project folder:
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp target/gan4j.jar -XX:+UseSerialGC bench/ConSinGANBench.java IMAGE MAX_SIZE ITERS [THREADS]
 * </pre>
 * THREADS (default 2) is the thread budget, as `--threads` of `gan4j singan train`, or LANESxINTRA (e.g. 1x2) to
 * try another split of it. Prints one line per stage and
 * the mean over stages, and the process's peak RSS.
 */
public class ConSinGANBench {
    public static void main(String[] a) throws Exception {
        Path image = Path.of(a[0]);
        int maxSize = Integer.parseInt(a[1]);
        int iters = Integer.parseInt(a[2]);
        String budget = a.length > 3 ? a[3] : "2";
        Lanes lanes = budget.contains("x") // LANESxINTRA: an explicit split, e.g. 1x2 (one lane of 2 threads)
                ? new Lanes(Integer.parseInt(budget.split("x")[0]), Integer.parseInt(budget.split("x")[1]))
                : Lanes.forThreads(Integer.parseInt(budget));
        Engine.init();
        BufferedImage img = Images.read(image);
        ConSinGANConfig c = ConSinGANConfig.paper().withMaxSize(maxSize).withIters(iters).withSeed(1);
        Scales sc = Scales.plan(img.getHeight(), img.getWidth(), c);
        ConSinGANModel m = new ConSinGANModel(c, sc.scaleFactor(), sc.reals(ImageTensors.fromImage(img)));
        ConSinGANTrainer t = new ConSinGANTrainer(c, sc, m, null, null, lanes);
        System.out.printf("image %s, max size %d, %d stages, threads %s%n", image, maxSize, sc.stages(), budget);
        long all = System.nanoTime();
        double total = 0;
        for (int s = 0; s < sc.stages(); s++) {
            Engine.intraOpThreads(t.intraThreads()); // as TrainLoop does around a stage
            long t0 = System.nanoTime();
            t.beginStage(s, 0);
            for (int i = 0; i < iters; i++) {
                try (Scope scope = new Scope()) {
                    t.step(s, i);
                }
            }
            t.endStage(s);
            double ms = (System.nanoTime() - t0) / 1e6 / iters;
            total += ms;
            System.out.printf("stage %d  %4dx%-4d  %8.1f ms/iteration%n", s, sc.widths()[s], sc.heights()[s], ms);
            Engine.intraOpThreads(1);
        }
        System.out.printf("gan4j: %.1f ms/iteration on average over %d stages, %.1f s in all%n", total / sc.stages(),
                sc.stages(), (System.nanoTime() - all) / 1e9);
        System.out.println("peak RSS: " + PeakMemory.megabytes() + " MB");
    }
}
