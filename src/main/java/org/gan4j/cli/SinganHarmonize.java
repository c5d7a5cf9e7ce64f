package org.gan4j.cli;

import org.bytedeco.pytorch.Tensor;
import org.gan4j.singan.Harmonization;
import org.gan4j.singan.SinGANModel;
import picocli.CommandLine.Command;

/** {@code gan4j singan harmonize}: blend a pasted object into the image's look (official harmonization.py). */
@Command(name = "harmonize", mixinStandardHelpOptions = true,
        description = {"Harmonization: make an object pasted into the training image (a naive collage) match it.",
                "The collage is injected at --start-scale and regenerated from there; the output is",
                "(1 - mask) * input + mask * generated, with the mask dilated (disk of radius 7) and blurred",
                "(Gaussian, sigma 5) as the official code. The dilated mask is written as OUT-mask.png.",
                "A ConSinGAN model trained with --mode harmonization or editing takes the image at its coarsest",
                "stage instead (no --start-scale), optionally after --fine-tune N iterations on it."},
        footer = {"", "Example:",
                "  gan4j singan harmonize --model runs/painting --image collage.png --mask collage_mask.png \\",
                "      --start-scale 2 --out harmonized.png"})
final class SinganHarmonize extends MaskedInjection {

    @Override
    Harmonization.Result run(SinGANModel m, Tensor image, Tensor mask, int n) {
        return Harmonization.harmonize(m, image, mask, n);
    }
}
