package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.gangealing.GangealingModel;
import org.gan4j.gangealing.OfficialGangealing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan4j import gangealing cat.pt --out RUN}: a released GANgealing checkpoint with its test settings. */
@Command(name = "gangealing", mixinStandardHelpOptions = true,
        description = {"Import a checkpoint of the official GANgealing code (wpeebles/gangealing: cat, dog, celeba, cub,",
                "bicycle, tvmonitor, car and horse with 4 heads, or your own train.py run) into a gan4j run: its t_ema",
                "(checked against the official STN, every missing or mis-shaped key named), its ll and g_ema, and the",
                "official test settings of the released model the file is named after (or --settings NAME): padding,",
                "similarity iterations, heads."},
        footer = {"", "Examples:", "  gan4j import gangealing cat.pt --out runs/cat",
                "  gan4j import gangealing my_run/0150000.pt --settings dog --out runs/dogs",
                "  gan4j gangealing congeal --model runs/cat --images cats/ --out aligned/"})
final class ImportGangealing implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CKPT", description = "The official checkpoint (.pt).")
    Path checkpoint;

    @Option(names = "--settings", paramLabel = "NAME", description = "The released model whose test settings apply"
            + " (default: the file's name when it is one; otherwise border padding, one iteration).")
    String settings;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "The gan4j run directory to create.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        if (!Files.exists(checkpoint)) {
            throw new Gan4jException("checkpoint not found: " + checkpoint);
        }
        engine.apply();
        OfficialGangealing.Settings s = OfficialGangealing.importTo(checkpoint, settings, out);
        pw.println(String.format(Locale.ROOT, "Imported %s to %s (K=%d, padding %s, %d similarity iteration%s)", checkpoint,
                out.resolve(GangealingModel.CHECKPOINT), s.heads(), s.padding().name().toLowerCase(Locale.ROOT), s.iters(),
                s.iters() == 1 ? "" : "s"));
        return 0;
    }
}
