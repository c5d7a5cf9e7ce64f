package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.ModuleContract;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Test;

/** Contract tests (shape, seed determinism, save/load identical output) for every StyleGAN2 module, and the generator's API. */
class ModulesContractTest {

    private static final List<Integer> K = Generator.BLUR_KERNEL;

    private static Tensor randn(long... shape) {
        torch.manual_seed(5);
        return torch.randn(shape);
    }

    @Test
    void blocks() throws Exception {
        Tensor x = randn(2, 8, 8, 8);
        Tensor w = randn(2, 12);
        ModuleContract.check(() -> new MappingNetwork(12, 3, 0.01), m -> m.forward(w), 2, 12);
        ModuleContract.check(() -> new StyledConv(8, 6, 12, true, K), m -> m.forward(x, w, randn(1, 1, 16, 16)), 2, 6, 16, 16);
        ModuleContract.check(() -> new ToRGB(8, 12, true, K), m -> m.forward(x, w, randn(2, 3, 4, 4)), 2, 3, 8, 8);
        ModuleContract.check(() -> new ConvLayer(8, 4, 3, true, K, true, true), ConvLayerForward.of(x), 2, 4, 4, 4);
        ModuleContract.check(() -> new ResBlock(8, 4, K), m -> m.forward(x), 2, 4, 4, 4);
    }

    private interface ConvLayerForward {
        static java.util.function.Function<ConvLayer, Tensor> of(Tensor x) {
            return m -> m.forward(x);
        }
    }

    @Test
    void generatorAndDiscriminator() throws Exception {
        Stylegan2Config c = Tiny.config();
        Tensor z = randn(4, 32);
        ModuleContract.check(() -> new Generator(c), g -> g.forward(Styles.z(z), NoiseMode.CONST), 4, 3, 16, 16);
        ModuleContract.check(() -> new Discriminator(c), d -> d.forward(randn(4, 3, 16, 16)), 4, 1);
        for (int size : new int[] {8, 32}) { // any power of two; 8 px has a single upsampling level
            Stylegan2Config cs = c.withSize(size);
            ModuleContract.check(() -> new Generator(cs), g -> g.forward(Styles.z(z), NoiseMode.CONST), 4, 3, size, size);
            ModuleContract.check(() -> new Discriminator(cs), d -> d.forward(randn(2, 3, size, size)), 2, 1);
        }
    }

    @Test
    void generatorApi() {
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Seeds.seed(1);
            Generator g = new Generator(Tiny.config());
            g.namedParameters().forEach((k, p) -> {
                if (k.endsWith("noise.weight")) {
                    org.gan4j.nn.Init.fill(p, 0.5); // noise strengths start at 0; make the noise visible
                }
            });
            assertThat(g.nLatent()).isEqualTo(6);
            assertThat(g.numLayers()).isEqualTo(5);
            assertThat(g.noiseBuffers()).extracting(t -> t.size(3)).containsExactly(4L, 8L, 8L, 16L, 16L);
            assertThat(g.makeNoise()).extracting(t -> t.size(3)).containsExactly(4L, 8L, 8L, 16L, 16L);
            assertThat(g.meanLatent(64).shape()).containsExactly(1, 32);
            Tensor z = torch.randn(3, 32);
            Tensor z2 = torch.randn(3, 32);

            // const noise is deterministic; random noise is not; none equals explicit zero noise
            Tensor a = g.forward(Styles.z(z), NoiseMode.CONST);
            assertThat(Tensors.floats(g.forward(Styles.z(z), NoiseMode.CONST))).containsExactly(Tensors.floats(a));
            assertThat(Fixtures.maxAbs(g.forward(Styles.z(z), NoiseMode.RANDOM), a)).isGreaterThan(1e-3);
            List<Tensor> zeros = g.noiseBuffers().stream().map(torch::zeros_like).toList();
            assertThat(Tensors.floats(g.forward(Styles.z(z), NoiseMode.NONE)))
                    .containsExactly(Tensors.floats(g.synthesize(g.latents(Styles.z(z)), zeros)));

            // W input equals the mapped z; W+ with equal rows equals W
            Tensor w = g.getLatent(z);
            assertThat(Tensors.floats(g.forward(Styles.w(w), NoiseMode.CONST))).containsExactly(Tensors.floats(a));
            Tensor wPlus = w.unsqueeze(1).repeat(1, 6, 1);
            assertThat(Tensors.floats(g.forward(Styles.w(wPlus), NoiseMode.CONST))).containsExactly(Tensors.floats(a));

            // mixing: rows [0,k) from the first code, [k,L) from the second; k = L is the first code alone
            Tensor mixed = g.latents(Styles.z(z, z2).mix(2));
            assertThat(Tensors.floats(mixed.select(1, 1))).containsExactly(Tensors.floats(w));
            assertThat(Tensors.floats(mixed.select(1, 2))).containsExactly(Tensors.floats(g.getLatent(z2)));
            assertThat(Tensors.floats(g.forward(Styles.z(z, z2).mix(6), NoiseMode.CONST))).containsExactly(Tensors.floats(a));

            // truncation ψ = 0 gives the average latent for every sample; ψ = 1 changes nothing
            Tensor avg = g.meanLatent(64);
            Tensor t0 = g.latents(Styles.z(z).truncate(0, avg));
            // avg + 0·(w - avg) is avg exactly in float arithmetic, with or without FMA
            assertThat(Tensors.floats(t0.select(1, 0).select(0, 2))).containsExactly(Tensors.floats(avg.view(32)));
            assertThat(Tensors.floats(g.forward(Styles.z(z).truncate(1, avg), NoiseMode.CONST))).containsExactly(Tensors.floats(a));

            assertThatThrownBy(() -> g.forward(Styles.w(torch.randn(3, 5, 32)), NoiseMode.CONST))
                    .hasMessageContaining("W+ code").hasMessageContaining("[*, 6, 32]");
            assertThatThrownBy(() -> g.forward(Styles.z(z).truncate(0.5, null), NoiseMode.CONST))
                    .hasMessageContaining("average latent");
            assertThatThrownBy(() -> new Discriminator(Tiny.config()).forward(torch.randn(6, 3, 16, 16)))
                    .hasMessageContaining("multiple of the minibatch-stddev group 4");
        }
    }

    @Test
    void gradientsReachEveryGeneratorAndDiscriminatorParameter() {
        try (Scope s = new Scope()) {
            Seeds.seed(2);
            Generator g = new Generator(Tiny.config());
            Discriminator d = new Discriminator(Tiny.config());
            Tensor img = g.forward(Styles.z(torch.randn(4, 32)), NoiseMode.RANDOM);
            d.forward(img).sum().backward();
            for (var e : g.namedParameters().entrySet()) {
                assertThat(e.getValue().grad().defined()).as("G " + e.getKey()).isTrue();
            }
            for (var e : d.namedParameters().entrySet()) {
                assertThat(e.getValue().grad().defined()).as("D " + e.getKey()).isTrue();
            }
        }
    }
}
