package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.data.Images;
import org.gan4j.singan.SinGAN;
import org.gan4j.singan.consingan.ConSinGANMethod;
import org.gan4j.singan.consingan.ConSinGANModel;
import org.gan4j.singan.consingan.ModelFile;
import org.gan4j.singan.consingan.OfficialImport;
import org.gan4j.torch.ImageTensors;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan4j import consingan DIR --out RUN}: a model trained by the official ConSinGAN code, as a gan4j run. */
@Command(name = "consingan", mixinStandardHelpOptions = true,
        description = {"Import a model trained by the official ConSinGAN code.",
                "Reads its run folder (parameters.txt, reals.pth, fixed_noise.pth, noise_amp.pth and the",
                "newest stage's N/netG.pth, N/netD.pth) into a gan4j ConSinGAN run that samples the same way."},
        footer = {"", "Example:",
                "  gan4j import consingan ConSinGAN/TrainedModels/balloons/2021_01_01_10_00_00_generation_train_depth_3_lr_scale_0.1_act_lrelu_0.05 --out runs/balloons",
                "  gan4j singan sample --model runs/balloons --count 8 --out samples/"})
final class ImportConsingan implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The official run folder.")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "The gan4j run directory to create.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        engine.apply();
        try (ConSinGANModel m = OfficialImport.load(dir)) {
            RunDir run = RunDir.create(ConSinGANMethod.NAME, out);
            run.writeConfig(m.config());
            Images.writePng(run.path(SinGAN.INPUT_PNG), ImageTensors.toImage(m.reals().get(m.reals().size() - 1)));
            ModelFile.saveAtomic(m, run.path(SinGAN.MODEL_PT));
            run.markFinished();
            pw.println("Imported " + m.stages() + " of " + m.config().trainStages() + " stages ("
                    + m.config().trainMode() + ", nfc " + m.config().nfc() + ") into " + run.path(SinGAN.MODEL_PT));
            return 0;
        }
    }
}
