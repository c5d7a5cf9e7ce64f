package org.gan4j.spade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.MultiscaleDiscriminator;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.torch.Scope;
import org.gan4j.torch.dist.Launch;
import org.gan4j.torch.dist.TwoProcesses;
import org.gan4j.torch.dist.World;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel SPADE: two local processes with the global batch 4 (2 pairs each) train the model one process
 * trains with batch 4 — through G's synchronized batch norms (statistics of the global batch, forward and backward,
 * and their running averages), the style encoder's draws and its KL term (a sum over the batch).
 */
class SpadeDataParallelTest {

    static final long ITERS = 3;

    static SpadeConfig config() {
        SpadeConfig c = TinySpade.config(ITERS, 5, true);
        return c.withTraining(4, ITERS, 1);
    }

    static SpadeTrainer trainer(World world) {
        return new SpadeTrainer(config(), TinySpade.DATA, null, 2, 1, world);
    }

    @Test
    @Tag("slow") // about 20 s: two JVMs train alongside the one-process run
    void twoProcessesTrainTheOneProcessModel(@TempDir Path tmp) throws Exception {
        Path two = tmp.resolve("two.pt");
        TwoProcesses.run(Child.class, two.toString());

        Path one = tmp.resolve("one.pt");
        try (Scope s = new Scope(); SpadeTrainer t = trainer(World.single())) {
            for (long i = 0; i < ITERS; i++) {
                t.step(0, i);
            }
            t.save(one, 0, ITERS);
        }
        try (Scope s = new Scope()) {
            SpadeCheckpoint a = SpadeCheckpoint.load(one);
            SpadeCheckpoint b = SpadeCheckpoint.load(two);
            SpadeBatches.Batch x = new SpadeBatches(TinySpade.DATA, config()).batch(7);
            torch.manual_seed(9);
            Tensor z = torch.randn(4, ConvEncoder.Z_DIM);
            SpadeNets n = config().nets();
            Nets na = nets(a, n);
            Nets nb = nets(b, n);
            same("E(x): mu", na.e().forward(x.real()).mu(), nb.e().forward(x.real()).mu());
            same("G(m, z)", na.g().forward(x.semantics(), z), nb.g().forward(x.semantics(), z));
            Tensor in = torch.cat(new org.bytedeco.pytorch.TensorVector(x.semantics(), x.real()), 1);
            same("D(m, x)", last(na.d().forward(in)), last(nb.d().forward(in)));
        }
    }

    /** The first scale's prediction map. */
    private static Tensor last(List<List<Tensor>> scales) {
        List<Tensor> first = scales.get(0);
        return first.get(first.size() - 1);
    }

    private record Nets(SpadeGenerator g, MultiscaleDiscriminator d, ConvEncoder e) {}

    /** The checkpoint's networks in training mode (batch statistics), as they train. */
    private static Nets nets(SpadeCheckpoint ck, SpadeNets n) {
        SpadeGenerator g = new SpadeGenerator(n);
        g.loadStateDict(ck.netG(), "netG");
        MultiscaleDiscriminator d = new MultiscaleDiscriminator(n.numD(), n.semanticNc() + 3, n.ndf(), n.nLayersD(),
                NonSpadeNorm.parse(n.normD()));
        d.loadStateDict(ck.netD(), "netD");
        ConvEncoder e = new ConvEncoder(n.ngf(), n.cropSize(), NonSpadeNorm.parse(n.normE()));
        e.loadStateDict(ck.netE(), "netE");
        return new Nets(g, d, e);
    }

    /**
     * The two models compute the same function within 1e-4 on a batch they did not train on (measured 7e-6 for E,
     * 3e-6 for G, 7e-5 for D's predictions; batch norm on each rank's own rows: 0.12). Their weights are
     * compared through what they compute: a bias followed by a normalisation (a conv before batch norm, a SPADE β
     * before the next block's norms) has an exactly-zero gradient, whose float noise — different for another split
     * of the batch — Adam scales to steps of about lr; the norm removes those biases again. A KL term not scaled to
     * the global sum: 0.037.
     */
    private static void same(String what, Tensor a, Tensor b) {
        double d = a.sub(b).abs().max().item_double();
        System.out.printf("%s: largest difference %.3g%n", what, d);
        assertThat(d).as(what).isLessThan(1e-4);
    }

    /** One process of the job: every rank steps its trainer; rank 0 saves the checkpoint to {@code args[0]}. */
    public static final class Child {
        public static void main(String[] args) {
            try (World world = World.join(Launch.fromEnvironment()); Scope s = new Scope();
                    SpadeTrainer t = trainer(world)) {
                for (long i = 0; i < ITERS; i++) {
                    t.step(0, i);
                }
                if (world.leader()) {
                    t.save(Path.of(args[0]), 0, ITERS);
                }
            } catch (Gan4jException e) {
                System.err.println("gan4j: " + e.getMessage());
                System.exit(e.exitCode());
            } catch (java.io.IOException e) {
                System.err.println("gan4j: " + e.getMessage());
                System.exit(1);
            }
            System.exit(0);
        }
    }
}
