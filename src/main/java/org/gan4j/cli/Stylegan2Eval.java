package org.gan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.data.Datasets;
import org.gan4j.data.ImageDataset;
import org.gan4j.nn.FidInception;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.stylegan2.Stylegan2Evaluation;
import org.gan4j.train.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gan4j stylegan2 eval}: patch SWD (and FID / KID with Inception weights) of samples against the real set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"How close a generator's samples are to its training images: patch SWD over a Laplacian pyramid",
                "(Karras et al. 2018; needs no pretrained network) and, with --inception, FID and KID. Every number",
                "comes with its floor: the same distance between two disjoint sets of real images of the same size."},
        footer = {"", "Examples:", "  gan4j stylegan2 eval --model runs/faces64 --data builtin:faces",
                "  gan4j stylegan2 eval --model ckpt.pt --data photos/ --samples 5000 --inception pt_inception-2015-12-05-6726825d.pth"})
final class Stylegan2Eval implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    Stylegan2Options opts = new Stylegan2Options();

    @Option(names = "--data", required = true, paramLabel = "DIR|builtin:NAME",
            description = "The real images: a folder (searched recursively) or builtin:faces, builtin:landscapes.")
    String data;

    @Option(names = "--samples", defaultValue = "2000", paramLabel = "N",
            description = "Generated images, and the size of each of the two real sets. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--inception", paramLabel = "FILE.pth",
            description = "pytorch-fid's InceptionV3 weights (pt_inception-2015-12-05-6726825d.pth) for FID and KID.")
    Path inception;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Also write the scores as JSON.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        opts.validate();
        if (inception != null && !Files.isRegularFile(inception)) {
            throw new Gan4jException("--inception " + inception + ": file not found (pytorch-fid's"
                    + " pt_inception-2015-12-05-6726825d.pth, from its GitHub releases)");
        }
        engine.apply();
        PrintWriter pw = engine.out();
        long seed = opts.applySeed();
        try (Stylegan2Checkpoint ck = opts.load(); FidInception fid = inception == null ? null : FidInception.load(inception)) {
            int size = ck.config().size();
            ImageDataset real = Datasets.open(data, size);
            Stylegan2Evaluation.Settings s = new Stylegan2Evaluation.Settings(samples, opts.truncation, opts.noise(), seed);
            pw.println("StyleGAN2 " + size + "x" + size + " g_ema of " + opts.model + " against " + real.describe()
                    + " (seed " + seed + ", " + opts.truncationNote(ck) + ")");
            pw.flush();
            Stylegan2Evaluation.Report r;
            try (Progress progress = Progress.fromEnvironment()) {
                r = Stylegan2Evaluation.evaluate(ck, real, s, fid, progress);
            }
            pw.printf(Locale.ROOT, "%d samples against %d real images; floor = %d other real images against the same%n",
                    r.samples(), r.reals(), r.reals());
            pw.printf(Locale.ROOT, "%-24s %9s %9s%n", "", "samples", "floor");
            pw.printf(Locale.ROOT, "%-24s %9.2f %9.2f%n", "patch SWD x1e3 (mean)", r.swd().mean(), r.swdFloor().mean());
            for (int l = 0; l < r.swd().perLevel().length; l++) {
                pw.printf(Locale.ROOT, "%-24s %9.2f %9.2f%n", "  level " + (size >> l) + " px", r.swd().perLevel()[l],
                        r.swdFloor().perLevel()[l]);
            }
            if (r.fid() == null) {
                pw.println("FID, KID: not computed (they need Inception weights, --inception FILE.pth; gan4j ships none"
                        + " and downloads nothing).");
            } else {
                pw.printf(Locale.ROOT, "%-24s %9.3f %9.3f%n", "FID", r.fid().model(), r.fid().floor());
                pw.printf(Locale.ROOT, "%-24s %9.3f %9.3f%n", "KID x1e3", r.kid().model(), r.kid().floor());
            }
            if (out != null) {
                write(r, seed);
                pw.println("Wrote " + out);
            }
            return 0;
        }
    }

    private void write(Stylegan2Evaluation.Report r, long seed) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", opts.model.toString());
        j.put("data", data);
        j.put("seed", seed);
        j.put("truncation", opts.truncation);
        j.put("samples", r.samples());
        j.put("reals", r.reals());
        j.put("swd", r.swd().mean());
        j.put("swdPerLevel", r.swd().perLevel());
        j.put("swdFloor", r.swdFloor().mean());
        j.put("swdFloorPerLevel", r.swdFloor().perLevel());
        j.put("fid", r.fid() == null ? null : r.fid().model());
        j.put("fidFloor", r.fid() == null ? null : r.fid().floor());
        j.put("kidX1000", r.kid() == null ? null : r.kid().model());
        j.put("kidFloorX1000", r.kid() == null ? null : r.kid().floor());
        AppFiles.writeAtomically(out, tmp -> JSON.writeValue(tmp.toFile(), j));
    }
}
