package org.gan4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.Autograd;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.StateDict;
import org.gan4j.torch.Tensors;
import org.gan4j.torch.dist.Launch;
import org.gan4j.torch.dist.TwoProcesses;
import org.gan4j.torch.dist.Shard;
import org.gan4j.torch.dist.World;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synchronized batch norm: two processes, each with half of a batch, give the one-process batch norm's output,
 * input gradient (of a loss that mixes the samples) and running statistics — through two layers, the second applied
 * twice, as CoCosNet's adaptors are.
 */
class SyncBatchNormTest {

    /** The global batch [4,3,2,2] with a large mean (as after a conv with a bias), and the loss's weights. */
    static Tensor[] data() {
        torch.manual_seed(3);
        Tensor x = torch.randn(4, 3, 2, 2).mul(Tensors.s(0.5)).add(Tensors.s(20.0));
        Tensor w = torch.randn(4, 3, 2, 2);
        return new Tensor[] {x, w};
    }

    /** y = bn2(bn1(x)·x), z = bn2(x); loss = Σ (y + z²)·w: per rank its rows. */
    static Map<String, Tensor> run(World world) {
        Tensor[] d = data();
        Shard s = world.shard();
        Tensor x = s.rows(d[0]).contiguous().requires_grad_(true);
        Tensor w = s.rows(d[1]).contiguous();
        BatchNorm2d bn1 = BatchNorm2d.synchronizedParameterFree(3);
        BatchNorm2d bn2 = new BatchNorm2d(3);
        bn1.synchronize(world);
        bn2.synchronize(world);
        Tensor y = bn2.forward(bn1.forward(x).mul(x));
        Tensor z = bn2.forward(x);
        // each rank's mean over its rows (a trainer's loss); their average over the ranks is the global mean
        Tensor loss = y.add(z.square()).mul(w).mean();
        List<Tensor> g = Autograd.grad(loss, List.of(x, bn2.weight), null, false);
        Tensor gw = world.average(List.of(g.get(1))).get(0);
        Tensor dx = g.get(0).div(Tensors.s((double) world.size())); // d(global mean)/dx: each rank's loss is N× its part
        return Map.of("y", world.gatherRows(y.detach().contiguous(), 4), "dx", world.gatherRows(dx.contiguous(), 4),
                "dweight", gw, "mean1", bn1.runningMean.clone(), "var1", bn1.runningVar.clone(),
                "mean2", bn2.runningMean.clone(), "var2", bn2.runningVar.clone());
    }

    @Test
    @Tag("slow") // two JVMs
    void twoProcessesGiveTheOneProcessBatchNorm(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("two.pt");
        TwoProcesses.run(Child.class, f.toString());
        try (Scope s = new Scope()) {
            Map<String, Tensor> one = run(World.single());
            @SuppressWarnings("unchecked")
            Map<String, Tensor> two = ((Map<String, Tensor>) (Map<?, ?>) PtFile.load(f));
            for (String k : one.keySet()) {
                double d = one.get(k).sub(two.get(k)).abs().max().item_double();
                double m = one.get(k).abs().max().item_double();
                System.out.printf("%s: largest difference %.3g (largest value %.3g)%n", k, d, m);
                assertThat(d).as(k).isLessThan(1e-5 * Math.max(1, m));
            }
        }
    }

    public static final class Child {
        public static void main(String[] args) throws Exception {
            try (World world = World.join(Launch.fromEnvironment()); Scope s = new Scope()) {
                Map<String, Tensor> r = run(world);
                if (world.leader()) {
                    PtFile.save(Path.of(args[0]), StateDict.of(r));
                }
            }
            System.exit(0);
        }
    }
}
