package org.gan4j.cocosnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.gan4j.Gan4jException;
import org.gan4j.spade.Perceptual;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VGG of CoCosNet's losses: the Caffe input scaling by hand, errors for missing or foreign files. */
class CocosVggTest {

    @TempDir
    Path tmp;

    @Test
    void caffeLayoutTakesBgrIn0To255MinusTheMean() {
        // one pixel (−1, 0, 1): [0,1] → (0, 0.5, 1), BGR (1, 0.5, 0), minus (0.4076, 0.4580, 0.4850), times 255
        double[] want = {(1 - 0.40760392) * 255, (0.5 - 0.45795686) * 255, (0 - 0.48501961) * 255};
        double[] got = CocosVgg.preprocessPixel(new double[] {-1, 0, 1}, org.gan4j.nn.Vgg19Features.Layout.CAFFE);
        assertThat(got).containsExactly(want, org.assertj.core.data.Offset.offset(1e-4));
        // torchvision's: ImageNet mean and std on RGB in [0, 1]
        double[] tv = CocosVgg.preprocessPixel(new double[] {-1, 0, 1}, org.gan4j.nn.Vgg19Features.Layout.TORCHVISION);
        assertThat(tv).containsExactly(new double[] {(0 - 0.485) / 0.229, (0.5 - 0.456) / 0.224, (1 - 0.406) / 0.225},
                org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void missingAndForeignWeightFilesAreOneLineErrors() throws Exception {
        assertThatThrownBy(() -> CocosVgg.of(Perceptual.VGG19, tmp.resolve("nope.pth").toString()))
                .isInstanceOf(Gan4jException.class).hasMessageContaining("nope.pth").hasMessageContaining("vgg19_conv.pth");
        Path junk = tmp.resolve("junk.pth");
        java.nio.file.Files.writeString(junk, "not a checkpoint");
        assertThatThrownBy(() -> CocosVgg.of(Perceptual.VGG19, junk.toString())).isInstanceOf(Gan4jException.class)
                .hasMessageContaining("junk.pth");
    }

    @Test
    void paperStyleRelevanceIsOneForTheSameImageAndLowerForAnother() {
        try (org.gan4j.torch.Scope s = new org.gan4j.torch.Scope(); CocosVgg vgg = CocosVgg.of(Perceptual.RANDOM_VGG19, null)) {
            org.bytedeco.pytorch.Tensor a = org.gan4j.torch.ImageTensors.fromImage(org.gan4j.data.Scenes.pair(1, 32, 32).image());
            org.bytedeco.pytorch.Tensor b = org.gan4j.torch.ImageTensors.fromImage(org.gan4j.data.Scenes.pair(2, 5, 32, 32).image());
            double[] same = VggStyleRelevance.of(vgg, a, a);
            double[] other = VggStyleRelevance.of(vgg, a, b);
            assertThat(same).containsExactly(new double[] {1, 1}, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(other[0]).isLessThan(0.999);
            assertThat(other[1]).isLessThan(0.999);
        }
    }
}
