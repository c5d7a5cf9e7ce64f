package org.gan4j.singan.consingan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.ModuleContract;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDicts;
import org.junit.jupiter.api.Test;

/** ConSinGAN's modules keep the module contract; the generator grows by copying and has the official keys. */
class ModulesContractTest {

    private static final ConSinGANConfig C = ConSinGANConfig.paper().withNfc(8);
    private static final int[] HS = {10, 13, 17};
    private static final int[] WS = {12, 15, 20};

    private static List<Tensor> noise(int stages) {
        Seeds.seed(3);
        return Sampling.noise(C, null, stages - 1, HS, WS, 2);
    }

    @Test
    void blocksAndCritic() throws Exception {
        Seeds.seed(1);
        Tensor x = torch.randn(2, 8, 12, 12);
        Tensor img = torch.randn(2, 3, 20, 22);
        ModuleContract.check(() -> new ConvBlock(8, 8, 3, false, 0.05), m -> m.forward(x), 2, 8, 10, 10);
        ModuleContract.check(() -> new ConvBlock(8, 8, 3, true, 0.05), m -> m.forward(x), 2, 8, 10, 10);
        ModuleContract.check(() -> new Stage(8, 3, 3, false, 0.05), m -> m.forward(x), 2, 8, 6, 6);
        ModuleContract.check(() -> new Discriminator(C), d -> d.forward(img), 2, 1, 10, 12);
    }

    @Test
    void generatorOfOneAndThreeStages() throws Exception {
        List<Tensor> z = noise(3);
        double[] amp = {1, 0.1, 0.05};
        ModuleContract.check(() -> new GrowingGenerator(C), g -> g.forward(z, HS, WS, amp), 2, 3, 10, 12);
        ModuleContract.check(() -> {
            GrowingGenerator g = new GrowingGenerator(C);
            g.initNextStage();
            g.initNextStage();
            return g;
        }, g -> g.forward(z, HS, WS, amp), 2, 3, 17, 20);
        ModuleContract.check(() -> {
            GrowingGenerator g = new GrowingGenerator(C.withBatchNorm(true));
            g.initNextStage();
            return g;
        }, g -> g.forward(z, HS, WS, amp), 2, 3, 13, 15);
    }

    @Test
    void officialKeysAndANewStageStartsAsACopy() {
        try (Scope s = new Scope()) {
            Seeds.seed(5);
            GrowingGenerator g = new GrowingGenerator(C);
            g.initNextStage();
            assertThat(g.stateDict().keySet()).containsExactly("head.conv.weight", "head.conv.bias",
                    "body.0.block0.conv.weight", "body.0.block0.conv.bias", "body.0.block1.conv.weight",
                    "body.0.block1.conv.bias", "body.0.block2.conv.weight", "body.0.block2.conv.bias",
                    "body.1.block0.conv.weight", "body.1.block0.conv.bias", "body.1.block1.conv.weight",
                    "body.1.block1.conv.bias", "body.1.block2.conv.weight", "body.1.block2.conv.bias",
                    "tail.0.weight", "tail.0.bias");
            StateDicts.assertBitEqual(g.body.get(0).stateDict(), g.body.get(1).stateDict(), "stage 1 against stage 0");
            // a copy, not a shared module: changing stage 1 leaves stage 0 alone
            try (var ng = new org.gan4j.torch.NoGrad()) {
                g.body.get(1).parameters().get(0).add_(org.gan4j.torch.Tensors.s(1.0));
            }
            assertThat(torch.equal(g.body.get(0).parameters().get(0), g.body.get(1).parameters().get(0))).isFalse();
            assertThat(new Discriminator(C).stateDict().keySet()).containsExactly("head.conv.weight", "head.conv.bias",
                    "body.block0.conv.weight", "body.block0.conv.bias", "body.block1.conv.weight",
                    "body.block1.conv.bias", "body.block2.conv.weight", "body.block2.conv.bias", "tail.weight",
                    "tail.bias");
            assertThat(new GrowingGenerator(C.withBatchNorm(true)).stateDict()).containsKeys("head.norm.running_mean",
                    "body.0.block2.norm.weight");
        }
    }
}
