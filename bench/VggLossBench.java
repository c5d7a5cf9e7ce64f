import java.util.Arrays;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.VggLoss;
import org.gan4j.nn.Vgg19Features;
import org.gan4j.torch.Engine;
import org.gan4j.torch.Scope;

/**
 * Times one forward and backward pass of SPADE's VGG loss ({@code loss.VggLoss}) with the seeded VGG19
 * ({@code Vgg19Features.random}): the features of a batch x requiring grad and of a batch y without, the
 * weighted L1 sum, and the gradient to x (the part of a generator step the loss adds, short of the
 * generator's own backward). Usage:
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -XX:+UseSerialGC -cp target/gan4j.jar -Dgan4j.threads=1 bench/VggLossBench.java SIZE BATCH ITERS [SLICES [WARMUP]]
 * </pre>
 * SLICES is 5 (relu1_1..relu5_1, SPADE's) or fewer (the first ones). Prints the median and minimum
 * milliseconds per pass; the calling thread has one intra-op thread ({@link Engine}).
 */
public class VggLossBench {
    public static void main(String[] a) {
        int size = Integer.parseInt(a[0]);
        int batch = Integer.parseInt(a[1]);
        int iters = Integer.parseInt(a[2]);
        int slices = a.length > 3 ? Integer.parseInt(a[3]) : Vgg19Features.SLICES;
        int warmup = a.length > 4 ? Integer.parseInt(a[4]) : 2;
        Engine.init();
        torch.manual_seed(0);
        try (Vgg19Features vgg = Vgg19Features.random(0, slices)) {
            VggLoss loss = new VggLoss(vgg);
            double[] ms = new double[iters];
            for (int i = -warmup; i < iters; i++) {
                try (Scope s = new Scope()) {
                    Tensor x = torch.rand(batch, 3, size, size).mul(new Scalar(2)).sub(new Scalar(1)).requires_grad_(true);
                    Tensor y = torch.rand(batch, 3, size, size).mul(new Scalar(2)).sub(new Scalar(1));
                    long t0 = System.nanoTime();
                    loss.loss(x, y).backward();
                    x.grad().sum().item_double();
                    long t1 = System.nanoTime();
                    if (i >= 0) {
                        ms[i] = (t1 - t0) / 1e6;
                    }
                }
            }
            Arrays.sort(ms);
            System.out.printf("VggLoss %d slices, batch %d at %dx%d, %d thread(s): median %.1f ms, min %.1f ms (%d runs)%n",
                    slices, batch, size, size, torch.get_num_threads(), ms[iters / 2], ms[0], iters);
        }
    }
}
