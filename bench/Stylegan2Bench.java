import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.stylegan2.Stylegan2Config;
import org.gan4j.stylegan2.Styles;
import org.gan4j.torch.Engine;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;

/**
 * Times StyleGAN2 generator forward passes (no grad, stored noise, z input) with rosinality's default
 * architecture (style dim 512, 8 mapping layers, channel multiplier 2) at a given size and batch; the figure
 * docs/benchmarks.md compares with the official code (bench/stylegan2_official_bench.py). Usage:
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp target/gan4j.jar -Dgan4j.threads=1 bench/Stylegan2Bench.java SIZE BATCH ITERS [WARMUP [fused|unfused]]
 * </pre>
 * Prints the median and mean milliseconds per forward pass.
 */
public class Stylegan2Bench {
    public static void main(String[] a) {
        int size = Integer.parseInt(a[0]);
        int batch = Integer.parseInt(a[1]);
        int iters = Integer.parseInt(a[2]);
        int warmup = a.length > 3 ? Integer.parseInt(a[3]) : 3;
        Engine.init();
        torch.manual_seed(0);
        Generator g = new Generator(Stylegan2Config.paper(size));
        if (a.length > 4) {
            g.setFused(a[4].equals("fused"));
        }
        double[] ms = new double[iters];
        for (int i = -warmup; i < iters; i++) {
            try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
                Tensor z = torch.randn(batch, 512);
                long t0 = System.nanoTime();
                Tensor img = g.forward(Styles.z(z), NoiseMode.CONST);
                img.sum().item_double();
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        java.util.Arrays.sort(ms);
        System.out.printf("gan4j G forward %dpx batch %d threads %d: median %.1f ms, mean %.1f ms (%d iters)%n", size,
                batch, Engine.threads(), ms[iters / 2], java.util.Arrays.stream(ms).average().orElse(0), iters);
    }
}
