package org.gan4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.Landscape;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Patch SWD behaves like a distance between patch statistics. */
class SlicedWassersteinTest {

    @Test
    void ordersImagesByHowFarTheirPatchStatisticsAre() {
        try (Scope s = new Scope()) {
            Seeds.seed(3);
            Tensor real = ImageTensors.fromImage(Landscape.render(96, 64, 1));
            Tensor sameScene = ImageTensors.fromImage(Landscape.render(96, 64, 1)); // identical pixels
            Tensor otherScene = ImageTensors.fromImage(Landscape.render(96, 64, 9)); // same generator, new layout
            Tensor noisy = real.add(torch.randn(1, 3, 64, 96).mul(new Scalar(0.3))).clamp(
                    new org.bytedeco.pytorch.ScalarOptional(new Scalar(-1)), new org.bytedeco.pytorch.ScalarOptional(new Scalar(1)));
            Tensor noise = torch.rand(1, 3, 64, 96).mul(new Scalar(2)).sub(new Scalar(1));
            int levels = SlicedWasserstein.levelsFor(64, 96);
            assertThat(levels).isEqualTo(3);
            double same = SlicedWasserstein.patchSwd(real, sameScene, levels, 256, 4, 1).mean();
            double other = SlicedWasserstein.patchSwd(real, otherScene, levels, 256, 4, 1).mean();
            double noisier = SlicedWasserstein.patchSwd(real, noisy, levels, 256, 4, 1).mean();
            double random = SlicedWasserstein.patchSwd(real, noise, levels, 256, 4, 1).mean();
            assertThat(same).isLessThan(other);
            assertThat(other).isLessThan(noisier);
            assertThat(noisier).isLessThan(random);
            // Repeatable with the same seed.
            assertThat(SlicedWasserstein.patchSwd(real, noise, levels, 256, 4, 1).mean()).isEqualTo(random);
        }
    }

    @Test
    @Tag("slow")
    void aSetOfManyImagesIsComparedWithOneImageOnEqualNumbersOfPatches() {
        try (Scope s = new Scope()) {
            Tensor real = ImageTensors.fromImage(Landscape.render(96, 64, 1));
            int levels = SlicedWasserstein.levelsFor(64, 96);
            double floor = SlicedWasserstein.patchSwd(real, real, levels, 2048, 4, 1).mean();
            Tensor copies = real.repeat(24, 1, 1, 1); // 24 images of the same statistics
            double set = SlicedWasserstein.patchSwd(copies, real, levels, 2048, 4, 1).mean();
            // Patches spread over the 24 images (86 each), but the one image still gives 2048: same floor.
            assertThat(set).isBetween(0.7 * floor, 1.3 * floor);
            double fewer = SlicedWasserstein.patchSwd(real, real, levels, 86, 4, 1).mean();
            assertThat(fewer).isGreaterThan(1.5 * floor); // what too few patches of the one image would give
        }
    }
}
