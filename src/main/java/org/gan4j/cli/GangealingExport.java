package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.gangealing.GangealingCheckpoint;
import org.gan4j.gangealing.GangealingModel;
import org.gan4j.torch.PtFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j gangealing export}: a run's congealing model alone (t_ema, ll, args), a few MB to share or ship. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write what congealing needs from a GANgealing run or checkpoint: t_ema, the target latent ll,",
                "args and, with clusters, the classifier; no generator, no optimiser states. congeal, transfer,",
                "correspondence, propagate and pck take the file as --model; torch.load reads it."},
        footer = {"", "Examples:", "  gan4j gangealing export --model runs/congeal --out faces64-gangealing.pt"})
final class GangealingExport implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN|CKPT", description = "A GANgealing run or checkpoint.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE.pt", description = "The file to write.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        PrintWriter pw = engine.out();
        Path file = GangealingModel.checkpointFile(model);
        engine.apply();
        GangealingCheckpoint ck = GangealingCheckpoint.load(file);
        AppFiles.writeAtomically(out, tmp -> PtFile.save(tmp, ck.toCongealingTree()));
        pw.printf("Wrote %s (%.1f MB: t_ema, ll, args%s; iteration %d of %s)%n", out, out.toFile().length() / 1e6,
                ck.classifier().isEmpty() ? "" : ", classifier", ck.iter(), file);
        return 0;
    }
}
