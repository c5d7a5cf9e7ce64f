package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.orojar.DspritesGenerator;
import org.gan4j.orojar.OrojarModel;
import org.gan4j.orojar.Vp;
import org.gan4j.orojar.VpConfig;
import org.gan4j.orojar.VpPairs;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j orojar vp}: the VP disentanglement score of a trained dSprites GAN. */
@Command(name = "vp", mixinStandardHelpOptions = true,
        description = {"Variation Predictability (Zhu et al., ECCV 2020): generate pairs of images differing in one latent",
                "dimension (U(-2, 2)), teach a small CNN on 1%% of them which dimension changed from the difference image,",
                "and report its best top-1 accuracy on the other 99%%, averaged over runs. Higher = more disentangled."},
        footer = {"", "Examples:", "  gan4j orojar vp --model runs/oj", "  gan4j orojar vp --model runs/oj --preset paper --out vp.json"})
final class OrojarVp implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN|PTH", description = "An orojar run or latest_net_G.pth.")
    Path model;

    @Option(names = "--preset", defaultValue = "fast", paramLabel = "NAME", description = "fast (100 epochs, the best epoch"
            + " chosen on 1,000 test pairs) or paper (300 epochs, every epoch on the whole test split). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--pairs", paramLabel = "N", description = "Pairs (default 10,000, the paper's).")
    Integer pairs;

    @Option(names = "--runs", paramLabel = "R", description = "Classifier runs averaged (default 3).")
    Integer runs;

    @Option(names = "--epochs", paramLabel = "E", description = "Classifier epochs (overrides the preset).")
    Integer epochs;

    @Option(names = "--out", paramLabel = "JSON", description = "Also write the score and every run as JSON.")
    Path out;

    @Mixin
    SeedOption seedOption = new SeedOption();

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        VpConfig c = switch (preset.toLowerCase(Locale.ROOT)) {
            case "fast" -> VpConfig.fast();
            case "paper" -> VpConfig.paper();
            default -> throw new Gan4jException("--preset must be fast or paper, got '" + preset + "'");
        };
        c = pairs != null ? c.withPairs(pairs) : c;
        c = runs != null ? c.withRuns(runs) : c;
        c = epochs != null ? c.withEpochs(epochs, Math.min(c.evalEvery(), epochs)) : c;
        engine.apply();
        PrintWriter pw = engine.out();
        long seed = seedOption.value();
        Vp.Score score;
        try (DspritesGenerator g = OrojarModel.load(model); Scope s = new Scope()) {
            Seeds.seed(seed);
            int nz = g.nets().nz();
            VpPairs p = VpPairs.generate(g::forward, nz, c.pairs());
            pw.println("VP of " + model + ": " + p.count() + " pairs over " + nz + " dimensions, " + c.trainPairs()
                    + " to train, " + c.epochs() + " epochs, " + c.runs() + " runs (seed " + seed + ")");
            pw.flush();
            final int epochsTotal = c.epochs();
            score = Vp.score(p, nz, c, seed, e -> {
                if (e % Math.max(1, epochsTotal / 5) == 0) {
                    pw.print(".");
                    pw.flush();
                }
            });
        }
        pw.println();
        for (int r = 0; r < score.runs().size(); r++) {
            Vp.Run run = score.runs().get(r);
            pw.println(String.format(Locale.ROOT, "run %d: %.2f%% (epoch %d)", r + 1, run.accuracy(), run.epoch()));
        }
        pw.println(String.format(Locale.ROOT, "VP = %.2f ± %.2f %%", score.mean(), score.std()));
        if (out != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model.toString());
            json.put("vp", score.mean());
            json.put("std", score.std());
            json.put("runs", score.runs());
            json.put("config", c);
            json.put("seed", seed);
            String text = RunDir.toJson(json);
            AtomicFile.write(out, tmp -> java.nio.file.Files.writeString(tmp, text));
        }
        return 0;
    }
}
