package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.data.Images;
import org.gan4j.singan.ModelFile;
import org.gan4j.singan.OfficialImport;
import org.gan4j.singan.SinGAN;
import org.gan4j.singan.SinGANModel;
import org.gan4j.torch.ImageTensors;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan4j import singan DIR --out RUN}: a model trained by the official SinGAN code, as a gan4j run. */
@Command(name = "singan", mixinStandardHelpOptions = true,
        description = {"Import a model trained by the official SinGAN code.",
                "Reads its TrainedModels/<image>/scale_factor=... directory (N/netG.pth, N/netD.pth,",
                "N/z_opt.pth, NoiseAmp.pth, reals.pth) into a gan4j run that samples the same way."},
        footer = {"", "Example:",
                "  gan4j import singan SinGAN/TrainedModels/balloons/scale_factor=0.750000,alpha=10 --out runs/balloons",
                "  gan4j singan sample --model runs/balloons --count 8 --out samples/"})
final class ImportSingan implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The official model directory.")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "The gan4j run directory to create.")
    Path out;

    @Option(names = "--min-size", paramLabel = "PX",
            description = "The min size it was trained with (default: found from the stored reals; 25, 20 or 18).")
    Integer minSize;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        engine.apply();
        try (SinGANModel m = OfficialImport.load(dir, minSize)) {
            RunDir run = RunDir.create("singan", out);
            run.writeConfig(m.config());
            Images.writePng(run.path(SinGAN.INPUT_PNG), ImageTensors.toImage(m.scale(m.finest()).real()));
            ModelFile.saveAtomic(m, run.path("model.pt"));
            run.markFinished();
            pw.println("Imported " + m.size() + " scales (r = " + String.format("%.4f", m.scaleFactor()) + ") into "
                    + run.path("model.pt"));
            return 0;
        }
    }
}
