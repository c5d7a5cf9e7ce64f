package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gan4j.data.Bundled;
import org.gan4j.data.Images;
import org.gan4j.singan.SinGANConfig;
import org.gan4j.singan.SinGAN;
import org.gan4j.singan.SinGANModel;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gan4j demo [singan|spade|cocosnet|orojar|gangealing|mystyle]}: a method trained on bundled data with a short setting, then pictures to look at.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train a method on bundled data, then write pictures to look at.",
                "singan (the default): SinGAN on the bundled 192x128 landscape with the fast preset; random samples,",
                "wider-than-trained samples and the reconstruction. About 7 minutes on 2 cores.",
                "spade: SPADE on builtin:scenes (procedural label maps and photos) at 64 px with a small network;",
                "label maps it never saw turned into photos. About 5 minutes on 2 cores.",
                "cocosnet: CoCosNet on builtin:scenes at 64 px with small networks; label maps it never saw in the look",
                "of exemplars it never saw, with the warped exemplars. About 6 minutes on 2 cores.",
                "orojar: the OroJaR paper's dSprites GAN with OroJaR on builtin:dsprites; a traversal of every latent",
                "dimension and SeFa's directions. About 5 minutes on 2 cores.",
                "gangealing: the shipped faces StyleGAN2 and congealing model on held-out builtin:faces: the congealed",
                "set and its average, glasses drawn once and propagated to every face and into a clip, dense",
                "correspondences and PCK (with --iters N, a congealing model is trained first). About 1 minute.",
                "mystyle: the shipped faces StyleGAN2 personalised (MyStyle, preset fast shortened) to a held-out",
                "builtin:faces identity: reconstructions before/after tuning, P0 samples, a held-out picture projected,",
                "inpainted and 4x super-resolved in P_beta, a yaw edit, identity similarity (--iters N: tuning steps).",
                "About 5 minutes of CPU (7 minutes on a busy 2-core machine)."},
        footer = {"", "Examples:", "  gan4j demo --out runs/demo", "  gan4j demo spade --out runs/demo-spade",
                "  gan4j demo cocosnet --out runs/demo-cocosnet", "  gan4j demo orojar --out runs/demo-orojar",
                "  gan4j demo gangealing --out runs/demo-gangealing", "  gan4j demo mystyle --out runs/demo-mystyle"})
final class DemoCommand implements Callable<Integer> {

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", defaultValue = "singan", paramLabel = "METHOD",
            description = "singan, spade, cocosnet, orojar, gangealing or mystyle. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default runs/demo-<timestamp>).")
    Path out;

    @Option(names = "--iters", paramLabel = "N", description = "Iterations per scale (singan), training iterations (the others; mystyle: tuning"
            + " steps). Default: the demo's own.")
    Integer iters;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = engine.out();
        engine.apply();
        switch (method) {
            case "singan" -> {
                return singan(pw);
            }
            case "spade" -> {
                return SpadeDemo.run(pw, out, iters, seed);
            }
            case "cocosnet" -> {
                return CocosDemo.run(pw, out, iters, seed);
            }
            case "orojar" -> {
                return OrojarDemo.run(pw, out, iters, seed);
            }
            case "gangealing" -> {
                return GangealingDemo.run(pw, out, iters, seed);
            }
            case "mystyle" -> {
                return MystyleDemo.run(pw, out, iters, seed);
            }
            default -> throw new org.gan4j.Gan4jException("no demo named " + method + "; choose singan, spade, cocosnet, orojar, gangealing or mystyle");
        }
    }

    private int singan(PrintWriter pw) throws Exception {
        SinGANConfig config = SinGANConfig.fast().withSeed(seed);
        if (iters != null) {
            config = config.withIters(iters);
        }
        long t0 = System.nanoTime();
        Path dir = out != null ? out : Path.of("runs", "demo-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunDir run = RunDir.create("singan", dir);
        Path wide = run.path("samples", "wide");
        Path rec = run.path("samples", "reconstruction.png");
        List<Path> wideFiles;
        try (SinGANModel m = SinganTrain.trainNew(pw, Bundled.landscape(), config, run, 8)) {
            wideFiles = SinganSample.writeRandom(m, 2, 1, 2, 0, seed + 1, wide, "wide");
            Images.writePng(rec, SinGAN.reconstruct(m));
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        pw.println();
        pw.printf("Done in %.1f min. Look at:%n", minutes);
        pw.println("  training image    " + run.path(SinGAN.INPUT_PNG));
        pw.println("  random samples    " + run.path("samples", "final") + "/sample-*.png");
        pw.println("  2x wider samples  " + wide + "/wide-*.png (" + wideFiles.size() + ")");
        pw.println("  reconstruction    " + rec);
        pw.println("  loss curves       " + run.lossPng());
        pw.println("  trained model     " + run.path("model.pt"));
        pw.println("More: gan4j singan sample --model " + run.dir() + " --count 8 --scale-w 1.5 --out more/");
        return 0;
    }
}
