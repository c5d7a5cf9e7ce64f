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
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.StateDict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Super-resolution of a held-out high-resolution image. The test image is a dead-leaves picture (disks with
 * radii ~ 1/r³, a scale-invariant model of natural images' edges) rendered at 192x192; the low-resolution input
 * is its imresize by 1/4 (48x48). The finest generator of a model trained by {@code gan4j singan sr --preset
 * fast --iters 300} on the 48x48 image alone (fixture, see singan/sr/README.md; training takes minutes, so it is
 * not repeated here) upsamples it x4 in 6 steps.
 *
 * <p>What it checks, honestly: not that SinGAN is closer to the original than bicubic upsampling — with this
 * fast-preset model it is not (PSNR about 23.5 dB against bicubic's 25.1 dB: it draws sharp edges, some of them
 * slightly misplaced, where bicubic blurs; the paper's own table shows SinGAN trading distortion for perceptual
 * quality the same way). It checks that the application (step plan, re-applied generator, noise, crop) does
 * what SR should: the output is exactly 4x the input, markedly sharper than bicubic (more than twice its
 * gradient energy, and no more than the original's), and still the input when downscaled back (MSE against the
 * 48x48 input below 0.02, where a result that drifted from the image would not be).
 */
class SuperResolutionQualityTest {

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
    @Tag("slow")
    void upscalesSharperThanBicubicAndStaysTheInputWhenDownscaled() throws Exception {
        try (Scope s = new Scope()) {
            Tensor hr = ImageTensors.fromImage(png("deadleaves-hr.png"));
            Tensor lr = ImageTensors.fromImage(png("deadleaves-lr.png"));
            SinGANModel m = finestOnly(lr);
            SuperResolution.Plan plan = SuperResolution.plan(m, 4, (int) lr.size(2), (int) lr.size(3));
            assertThat(plan.steps()).isEqualTo(6);
            Tensor bicubic = Imresize.imresize(lr, 4);
            for (int seed = 1; seed <= 2; seed++) {
                Seeds.seed(seed);
                Tensor sr = SuperResolution.upsample(m, lr, plan);
                assertThat(sr.sizes().vec().get()).isEqualTo(hr.sizes().vec().get());
                double consistency = torch.mse_loss(Imresize.imresize(sr, 0.25), lr).item_double();
                System.out.printf("x4 on dead leaves, seed %d: PSNR SinGAN %.2f dB, bicubic %.2f dB; gradient energy"
                        + " SinGAN %.4f, bicubic %.4f, original %.4f; downscaled-back MSE %.5f%n", seed,
                        psnr(torch.mse_loss(sr, hr).item_double()), psnr(torch.mse_loss(bicubic, hr).item_double()),
                        gradientEnergy(sr), gradientEnergy(bicubic), gradientEnergy(hr), consistency);
                assertThat(gradientEnergy(sr)).isGreaterThan(2 * gradientEnergy(bicubic));
                assertThat(gradientEnergy(sr)).isLessThan(gradientEnergy(hr));
                assertThat(consistency).isLessThan(0.02);
            }
        }
    }

    /** Mean squared difference of neighbouring pixels, vertically plus horizontally. */
    static double gradientEnergy(Tensor x) {
        long h = x.size(2);
        long w = x.size(3);
        Tensor dy = x.narrow(2, 1, h - 1).sub(x.narrow(2, 0, h - 1));
        Tensor dx = x.narrow(3, 1, w - 1).sub(x.narrow(3, 0, w - 1));
        return dy.mul(dy).mean().item_double() + dx.mul(dx).mean().item_double();
    }

    /** PSNR of images in [-1,1] (peak-to-peak 2). */
    static double psnr(double mse) {
        return 10 * Math.log10(4 / mse);
    }
}
