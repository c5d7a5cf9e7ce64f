package org.gan4j.singan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Resize;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Super-resolution against a held-out high-resolution image. The test image is a dead-leaves picture (disks
 * with radii ~ 1/r³, a scale-invariant model of natural images' edges) rendered at 256x192; the low-resolution
 * image is its imresize by 1/4. The finest generator of a model trained by {@code gan4j singan sr} on the
 * low-resolution image alone (fixture, see singan/sr/README.md; training takes minutes, so it is not repeated
 * here) upsamples it x4 in 6 steps, and the result must be closer to the 256x192 original than bicubic
 * upsampling is. What this checks: the application (step plan, re-applied generator, noise, crop) on a really
 * trained generator; training with the SR settings is checked by the CLI test.
 */
class SuperResolutionQualityTest {

    @TempDir
    Path tmp;

    private static BufferedImage png(String name) throws Exception {
        try (InputStream in = SuperResolutionQualityTest.class.getResourceAsStream("/singan/sr/" + name)) {
            return ImageIO.read(in);
        }
    }

    /** The fixture's finest scale as a one-scale model (SR uses only G_N, σ_N and the SR configuration). */
    static SinGANModel finestOnly(Tensor lr) throws Exception {
        Path file = Files.createTempFile("gan4j-sr", ".pt");
        try (InputStream in = SuperResolutionQualityTest.class.getResourceAsStream("/singan/sr/deadleaves-finest.pt")) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<?, ?> d = (Map<?, ?>) PtFile.load(file);
        Files.delete(file);
        Map<String, Tensor> netG = StateDict.tensors(d.get("netG"), "netG");
        int channels = (int) netG.get("head.conv.weight").size(0);
        SinGANConfig c = SinGANConfig.paper().forSuperResolution(4);
        Generator g = new Generator(channels, channels, c.kerSize(), c.numLayer());
        g.loadStateDict(netG, "the fixture's netG");
        SinGANModel m = new SinGANModel(c, 1 / SuperResolutionSteps.stepScale(4));
        int p = c.pad();
        m.add(new Scale(g, new Discriminator(channels, channels, c.kerSize(), c.numLayer()),
                torch.zeros(1, 3, lr.size(2) + 2L * p, lr.size(3) + 2L * p), ((Number) d.get("noise_amp")).doubleValue(), lr));
        return m;
    }

    @Test
    void beatsBicubicOnADeadLeavesImage() throws Exception {
        try (Scope s = new Scope()) {
            Tensor hr = ImageTensors.fromImage(png("deadleaves-hr.png"));
            Tensor lr = ImageTensors.fromImage(png("deadleaves-lr.png"));
            SinGANModel m = finestOnly(lr);
            SuperResolution.Plan plan = SuperResolution.plan(m, 4, (int) lr.size(2), (int) lr.size(3));
            assertThat(plan.steps()).isEqualTo(6);
            double sum = 0;
            for (int seed = 1; seed <= 3; seed++) {
                Seeds.seed(seed);
                Tensor sr = SuperResolution.upsample(m, lr, plan);
                assertThat(sr.sizes().vec().get()).isEqualTo(hr.sizes().vec().get());
                sum += torch.mse_loss(sr, hr).item_double();
            }
            double mseSr = sum / 3;
            double mseMatlab = torch.mse_loss(Imresize.imresize(lr, 4), hr).item_double();
            double mseTorch = torch.mse_loss(Resize.bicubicTorch(lr, (int) hr.size(2), (int) hr.size(3), false)
                    .clamp(new org.bytedeco.pytorch.ScalarOptional(new org.bytedeco.pytorch.Scalar(-1.0)),
                            new org.bytedeco.pytorch.ScalarOptional(new org.bytedeco.pytorch.Scalar(1.0))), hr).item_double();
            System.out.printf("x4 on dead leaves: PSNR SinGAN %.2f dB, bicubic (MATLAB imresize) %.2f dB, bicubic (torch) %.2f dB%n",
                    psnr(mseSr), psnr(mseMatlab), psnr(mseTorch));
            assertThat(mseSr).isLessThan(Math.min(mseMatlab, mseTorch));
        }
    }

    /** PSNR of images in [-1,1] (peak-to-peak 2). */
    static double psnr(double mse) {
        return 10 * Math.log10(4 / mse);
    }
}
