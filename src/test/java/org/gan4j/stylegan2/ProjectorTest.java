package org.gan4j.stylegan2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.loss.PerceptualDistance;
import org.gan4j.loss.PyramidLoss;
import org.gan4j.nn.RandomVgg16;
import org.gan4j.nn.Vgg16Features;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Projection on a tiny generator recovers an image it made; the schedule and noise regularizer by hand. */
class ProjectorTest {

    private static Generator tinyGenerator() {
        Seeds.seed(21);
        return new Generator(Tiny.config());
    }

    /** G(w) for a random z with the stored noise: an image the generator can make. */
    private static Tensor target(Generator g, long seed) {
        try (NoGrad ng = new NoGrad()) {
            Tensor z = torch.randn(new long[] {1, g.styleDim()}, new GeneratorOptional(torch.make_generator_cpu(seed)));
            return g.forward(Styles.z(z), NoiseMode.CONST);
        }
    }

    @Test
    @Tag("slow")
    void projectionRecoversAGeneratedImage() {
        Generator g = tinyGenerator();
        try (Scope s = new Scope()) {
            Tensor target = target(g, 5);
            Projector.Options o = Projector.Options.defaults().withSteps(150).withMeanSamples(2000).withSeed(1);
            Projector.Result r = Projector.project(g, target, new PyramidLoss(), o, TinyTraining.quiet());
            assertThat(r.latent().shape()).containsExactly(1, g.styleDim());
            // Far closer than where it started (the mean w) and than other images of the same generator.
            double randomMse = 0;
            for (long seed = 100; seed < 105; seed++) {
                try (NoGrad ng = new NoGrad()) {
                    randomMse += torch.mse_loss(target(g, seed), target).item_double() / 5;
                }
            }
            assertThat(r.distance()).isLessThan(r.startDistance() * 0.1);
            assertThat(r.mse()).isLessThan(randomMse * 0.1);
            // The saved latent and noise render the reconstruction exactly.
            try (NoGrad ng = new NoGrad()) {
                assertThat(torch.equal(Projector.reconstruct(g, r.latent(), r.noises()), r.image())).isTrue();
            }
            // W+ gets at least as close.
            Projector.Result wp = Projector.project(g, target, new PyramidLoss(), o.withWPlus(true), TinyTraining.quiet());
            assertThat(wp.latent().shape()).containsExactly(1, g.nLatent(), g.styleDim());
            assertThat(wp.mse()).isLessThan(randomMse * 0.1);
        }
    }

    @Test
    @Tag("slow")
    void perceptualDistanceDrivesAProjection() {
        Generator g = tinyGenerator();
        try (Scope s = new Scope()) {
            Map<String, Tensor> vgg = RandomVgg16.weights(3);
            PerceptualDistance d = new PerceptualDistance(Vgg16Features.of(vgg, "random vgg16"));
            Tensor target = target(g, 7);
            assertThat(d.distance(target, target).item_double()).isEqualTo(0.0);
            // No pixel MSE term: the perceptual distance alone must drive the latent.
            Projector.Options o = Projector.Options.defaults().withSteps(40).withMeanSamples(1000).withMse(0).withSeed(2);
            Projector.Result r = Projector.project(g, target, d, o, TinyTraining.quiet());
            assertThat(r.distance()).isLessThan(r.startDistance() * 0.5);
        }
    }

    @Test
    void perceptualDistanceIsTheMeanOverLayersOfUnitNormalisedSquaredDifferences() {
        try (Scope s = new Scope()) {
            // One layer, one pixel, two channels: f(x) = (3, 4) → (0.6, 0.8); f(y) = (1, 0) → (1, 0);
            // d = ((0.6 - 1)² + 0.8²) = 0.8. Second layer identical features: 0. Mean over 2 layers: 0.4.
            Tensor fx = Tensors.of(new float[] {3, 4}, 1, 2, 1, 1);
            Tensor fy = Tensors.of(new float[] {1, 0}, 1, 2, 1, 1);
            Tensor d = PerceptualDistance.fromFeatures(List.of(fx, fx), List.of(fy, fx));
            // float32: two 2-term norms, divisions, squares, a 2-term sum and a mean of 2 (γ_10 of the 0.8 summed)
            assertThat(d.item_double()).isCloseTo(0.4, within(org.gan4j.torch.FloatBounds.gamma(10) * 0.8));
        }
    }

    @Test
    void noiseRegularizerIsTheSquaredOneShiftAutocorrelationAtEveryPyramidLevel() {
        try (Scope s = new Scope()) {
            int n = 16;
            Tensor map = torch.randn(1, 1, n, n);
            float[] v = Tensors.floats(map);
            double expected = 0;
            double tol = 0; // float32: each autocorrelation sums size² signed products (γ_{size²+4} of their
                            // absolute sum, with the 2x2 means before it), then is squared
            double[][] a = new double[n][n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    a[y][x] = v[y * n + x];
                }
            }
            for (int size = n; ; size /= 2) {
                double h = 0;
                double vv = 0;
                double hAbs = 0;
                double vAbs = 0;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        h += a[y][x] * a[y][(x - 1 + size) % size]; // roll by 1 along W: out[x] = in[x-1]
                        vv += a[y][x] * a[(y - 1 + size) % size][x];
                        hAbs += Math.abs(a[y][x] * a[y][(x - 1 + size) % size]);
                        vAbs += Math.abs(a[y][x] * a[(y - 1 + size) % size][x]);
                    }
                }
                h /= size * size;
                vv /= size * size;
                expected += h * h + vv * vv;
                double g = org.gan4j.torch.FloatBounds.gamma(size * size + 4);
                tol += 2 * Math.abs(h) * g * hAbs / (size * size) + 2 * Math.abs(vv) * g * vAbs / (size * size)
                        + org.gan4j.torch.FloatBounds.gamma(3) * (h * h + vv * vv);
                if (size <= 8) {
                    break;
                }
                double[][] b = new double[size / 2][size / 2];
                for (int y = 0; y < size / 2; y++) {
                    for (int x = 0; x < size / 2; x++) {
                        b[y][x] = (a[2 * y][2 * x] + a[2 * y][2 * x + 1] + a[2 * y + 1][2 * x] + a[2 * y + 1][2 * x + 1]) / 4;
                    }
                }
                a = b;
            }
            assertThat(NoiseRegularization.loss(List.of(map)).item_double()).isCloseTo(expected, within(tol));
            List<Tensor> maps = new ArrayList<>(List.of(map.mul(new org.bytedeco.pytorch.Scalar(3)).add(new org.bytedeco.pytorch.Scalar(1))));
            NoiseRegularization.normalize(maps);
            // float32 mean and std of n² values of about unit size: γ_{n²+2} and γ_{2n²+4} of the mean |value|
            double meanAbs = maps.get(0).abs().mean().item_double();
            assertThat(maps.get(0).mean().item_double()).isCloseTo(0, within(org.gan4j.torch.FloatBounds.gamma(n * n + 2) * meanAbs));
            assertThat(maps.get(0).std().item_double()).isCloseTo(1, within(org.gan4j.torch.FloatBounds.gamma(2 * n * n + 4)));
        }
    }

    @Test
    void learningRateRampsUpThenDownAsRosinalitys() {
        assertThat(Projector.learningRate(0, 0.1, 0.25, 0.05)).isEqualTo(0.0);
        assertThat(Projector.learningRate(0.025, 0.1, 0.25, 0.05)).isCloseTo(0.05, within(1e-12));
        assertThat(Projector.learningRate(0.5, 0.1, 0.25, 0.05)).isCloseTo(0.1, within(1e-12));
        assertThat(Projector.learningRate(0.875, 0.1, 0.25, 0.05)).isCloseTo(0.05, within(1e-12));
        assertThat(Projector.learningRate(1, 0.1, 0.25, 0.05)).isCloseTo(0, within(1e-12));
    }
}
