package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.Images;
import org.gan4j.singan.Harmonization;
import org.gan4j.singan.SinGANModel;
import org.gan4j.torch.ImageTensors;
import picocli.CommandLine.Command;

/** {@code gan4j singan edit}: make a copy-paste edit of the image seamless (official editing.py). */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Editing: make a rough copy-paste edit of the training image look natural.",
                "As harmonize with the editing dilation (disk of radius 20). Writes the composite",
                "(1 - mask) * input + mask * generated as OUT, the generated image before compositing as",
                "OUT-raw.png, and the dilated mask as OUT-mask.png.",
                "A ConSinGAN model trained with --mode harmonization or editing takes the image at its coarsest",
                "stage instead (no --start-scale), optionally after --fine-tune N iterations on it."},
        footer = {"", "Example:",
                "  gan4j singan edit --model runs/mountains --image edited.png --mask edited_mask.png \\",
                "      --start-scale 1 --out edited_out.png      (also writes edited_out-raw.png)"})
final class SinganEdit extends MaskedInjection {

    @Override
    Harmonization.Result run(SinGANModel m, Tensor image, Tensor mask, int n) {
        return Harmonization.edit(m, image, mask, n);
    }

    @Override
    void writeExtra(Harmonization.Result r, PrintWriter pw) {
        Path raw = AppFiles.beside(out, "raw");
        Images.writePng(raw, ImageTensors.toImage(r.generated()));
        pw.println("Wrote the raw output " + raw);
    }
}
