package org.gan4j.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.data.AnimatedGif;
import org.gan4j.data.FaceAttributes;
import org.gan4j.data.FaceSample;
import org.gan4j.data.Faces;
import org.gan4j.data.Images;
import org.gan4j.loss.ImageDistance;
import org.gan4j.models.ShippedModel;
import org.gan4j.mystyle.Album;
import org.gan4j.mystyle.AlphaProjector;
import org.gan4j.mystyle.DirectionProjection;
import org.gan4j.mystyle.EdgePolicy;
import org.gan4j.mystyle.HeldOutApplications;
import org.gan4j.mystyle.IdentityScores;
import org.gan4j.mystyle.Editing;
import org.gan4j.mystyle.MystyleConfig;
import org.gan4j.mystyle.MystyleMethod;
import org.gan4j.mystyle.MystyleModel;
import org.gan4j.mystyle.MystyleRun;
import org.gan4j.mystyle.MystyleTrainer;
import org.gan4j.mystyle.MystyleTraining;
import org.gan4j.mystyle.PersonalSpace;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.stylegan2.Sampling;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.gan4j.train.Progress;
import org.gan4j.train.RunDir;
import org.gan4j.train.SampleGrid;

/**
 * {@code gan4j demo mystyle}: the shipped faces StyleGAN2 personalised to a held-out {@code builtin:faces} identity
 * with a shortened {@code fast} preset, then the album and its reconstructions before and after tuning, P₀ samples
 * beside the base generator's, a held-out picture projected, inpainted and super-resolved in P_β, and a yaw edit.
 */
final class MystyleDemo {

    /** The person: identities 0 .. 999 make up the shipped generator's training set, so this one was never seen. */
    static final int IDENTITY = 20_000;
    /** The held-out picture of the person that is projected, inpainted and super-resolved (not in the album). */
    static final int HELD_OUT_VARIANT = 100;
    /** Super-resolution factor. */
    static final int SR_FACTOR = HeldOutApplications.SR_FACTOR;
    /** The edit sweep's largest |θ|, in units of the album's yaw (−1 .. 1). */
    static final double EDIT_MAGNITUDE = 1.0;
    /** The official num_edits: 11 gives 9 frames. */
    static final int EDITS = 11;

    /**
     * What the demo shortens to fit a few minutes on 2 cores.
     *
     * @param albumSize       pictures of the person (preset fast: 8)
     * @param inversionSteps  projector steps per anchor (preset fast: 300)
     * @param tuneSteps       tuning steps, each one update per picture (preset fast: 100)
     * @param projectionSteps steps of each projection into P_β (official: 1000)
     * @param samples         samples per row of the sample grid
     * @param idIdentities    identities the identity network learns from (0 .. n−1, never the demo's person)
     * @param idSteps         the identity network's training steps
     */
    record Settings(int albumSize, int inversionSteps, int tuneSteps, int projectionSteps, int samples,
            int idIdentities, int idSteps) {

        /** About 5 minutes of CPU on 2 free cores. */
        static Settings demo() {
            return new Settings(8, 100, 25, 150, 8, 100, 200);
        }

        Settings withTuneSteps(Integer v) {
            return v == null ? this : new Settings(albumSize, inversionSteps, v, projectionSteps, samples, idIdentities,
                    idSteps);
        }
    }

    private MystyleDemo() {}

    static int run(PrintWriter pw, Path out, Integer iters, long seed) throws Exception {
        return run(pw, out, Settings.demo().withTuneSteps(iters), seed);
    }

    static int run(PrintWriter pw, Path out, Settings st, long seed) throws Exception {
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        Path dir = out != null ? out : Path.of("runs", "demo-mystyle-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        String albumName = Album.BUILTIN + IDENTITY;
        MystyleConfig c = MystyleConfig.fast().withAlbumCount(st.albumSize()).withInversionSteps(st.inversionSteps())
                .withTuneSteps(st.tuneSteps()).withSeed(seed);
        pw.println("MyStyle demo: the shipped faces StyleGAN2 (" + ShippedModel.NAME + ", trained on identities 0-999)"
                + " personalised to the held-out identity " + IDENTITY + "; output in " + dir);
        pw.printf(Locale.ROOT, "Settings (preset fast shortened for a few minutes on 2 cores): album of %d pictures,"
                + " anchors by %d projector steps each (fast: %d), %d tuning steps (fast: %d), %d steps per projection"
                + " (official: %d), seed %d%n", st.albumSize(), st.inversionSteps(), MystyleConfig.fast().inversionSteps(),
                st.tuneSteps(), MystyleConfig.fast().tuneSteps(), st.projectionSteps(),
                AlphaProjector.Options.defaults().steps(), seed);
        pw.flush();
        Path runDir = dir.resolve("run");
        try (Progress progress = Progress.fromEnvironment()) {
            MystyleTraining.train(new MystyleRun(c, ShippedModel.NAME, albumName, null, null),
                    RunDir.create(MystyleMethod.NAME, runDir), progress);
        }
        Path albumPng = dir.resolve("album.png");
        Path recPng = dir.resolve("reconstructions.png");
        Path samplesPng = dir.resolve("samples.png");
        Path projPng = dir.resolve("projection.png");
        Path inpaintPng = dir.resolve("inpainting.png");
        Path srPng = dir.resolve("super-resolution.png");
        Path stripPng = dir.resolve("edit-yaw.png");
        Path gif = dir.resolve("edit-yaw.gif");
        double before;
        double after;
        double[] projLoss = new double[3];
        double cosine;
        long outside;
        Map<String, List<BufferedImage>> judged = new LinkedHashMap<>();
        List<BufferedImage> albumImages;
        double[] thetas = Editing.thetas(EDIT_MAGNITUDE, EDITS);
        try (Stylegan2Checkpoint base = Stylegan2Checkpoint.loadForSampling(ShippedModel.FACES_STYLEGAN2.file());
                MystyleModel tuned = MystyleModel.load(runDir); Scope s = new Scope();
                Progress progress = Progress.fromEnvironment()) {
            Generator g0 = base.gEma();
            Generator g1 = tuned.generator();
            ImageDistance distance = tuned.distance(null, null, null); // the tuning's: the shipped discriminator's features
            int size = g1.config().size();
            Album album = Album.read(albumName, size, st.albumSize());
            albumImages = album.images();
            int n = album.size();
            Tensor x = ImageTensors.fromImages(album.images()); // [N,3,H,W]
            Tensor anchors = tuned.anchors(); // [N,S]
            before = MystyleTrainer.reconstructionLoss(g0, anchors, x, distance, c.l2Weight());
            after = MystyleTrainer.reconstructionLoss(g1, anchors, x, distance, c.l2Weight());

            Images.writePng(albumPng, SampleGrid.tile(album.images(), n, SampleGrid.DEFAULT_GAP));
            List<BufferedImage> rows = new ArrayList<>(album.images());
            rows.addAll(render(g0, anchors));
            rows.addAll(render(g1, anchors));
            Images.writePng(recPng, SampleGrid.tile(rows, n, SampleGrid.DEFAULT_GAP));

            // the base generator's own samples, then the same P0 latents through the base and the tuned generator
            int k = st.samples();
            List<BufferedImage> samples = new ArrayList<>();
            try (Scope r = new Scope()) {
                Seeds.seed(seed);
                Sampling.render(g0, Tensors.randn(k, g0.styleDim()), false, 1, null, NoiseMode.CONST, 8, samples::add);
            }
            Tensor wP0 = PersonalSpace.latents(PersonalSpace.tensor(PersonalSpace.p0Alphas(k, n,
                    PersonalSpace.ANCHORS_PER_SAMPLE, new Random(seed))), anchors); // [k,S]
            judged.put("base generator, random samples", List.copyOf(samples));
            List<BufferedImage> baseP0 = render(g0, wP0);
            List<BufferedImage> tunedP0 = render(g1, wP0);
            judged.put("base generator at the P0 latents", baseP0);
            judged.put("MyStyle, P0 samples", tunedP0);
            samples.addAll(baseP0);
            samples.addAll(tunedP0);
            Images.writePng(samplesPng, SampleGrid.tile(samples, k, SampleGrid.DEFAULT_GAP));

            FaceSample held = Faces.draw(IDENTITY, HELD_OUT_VARIANT, size);
            AlphaProjector.Options po = AlphaProjector.Options.defaults().withSteps(st.projectionSteps());
            HeldOutApplications apps = HeldOutApplications.run(g1, anchors, held, distance, po, progress);
            AlphaProjector.Result plain = apps.plain();
            projLoss[0] = plain.loss();
            projLoss[1] = apps.inpainted().loss();
            projLoss[2] = apps.up().loss();
            List<BufferedImage> results = apps.results();
            Images.writePng(projPng, SampleGrid.tile(List.of(held.image(), results.get(0)), 2, SampleGrid.DEFAULT_GAP));
            Images.writePng(inpaintPng, SampleGrid.tile(List.of(ImageTensors.toImage(apps.masked()), results.get(1),
                    held.image()), 3, SampleGrid.DEFAULT_GAP));
            Images.writePng(srPng, SampleGrid.tile(List.of(upscaled(ImageTensors.toImage(apps.low()), SR_FACTOR, false),
                    results.get(2), held.image()), 3, SampleGrid.DEFAULT_GAP));

            double[][] a = tuned.anchorMatrix();
            DirectionProjection proj = DirectionProjection.of(a, yawDirection(a, IDENTITY));
            cosine = proj.cosine();
            List<Editing.Edit> sweep = Editing.sweep(PersonalSpace.matrix(plain.alphas()), proj.gamma(), a,
                    thetas, EdgePolicy.CONTINUE, PersonalSpace.DEFAULT_BETA, null);
            outside = sweep.stream().filter(Editing.Edit::outside).count();
            List<BufferedImage> frames = new ArrayList<>();
            try (NoGrad ng = new NoGrad()) {
                for (Editing.Edit e : sweep) {
                    try (Scope f = new Scope()) {
                        Tensor w = PersonalSpace.tensor(e.wPlus()).unsqueeze(0); // [1,L,S]
                        frames.add(ImageTensors.toImage(g1.synthesize(w, NoiseMode.CONST)));
                    }
                }
            }
            judged.put("MyStyle, projection / inpainting / SR", results);
            judged.put("MyStyle, yaw edit frames", frames);
            Images.writePng(stripPng, SampleGrid.tile(frames, frames.size(), SampleGrid.DEFAULT_GAP));
            List<BufferedImage> loop = new ArrayList<>();
            for (int i = 0; i < 2 * frames.size() - 2; i++) { // there and back
                loop.add(upscaled(frames.get(i < frames.size() ? i : 2 * frames.size() - 2 - i), 2, true));
            }
            AnimatedGif.write(gif, loop, 6);
        }
        List<String> identityRows = identitySimilarity(pw, st, seed, albumImages, judged);
        double wall = (System.nanoTime() - t0) / 60e9;
        double cpu = (cpuNanos() - cpu0) / 60e9;
        pw.println();
        pw.printf(Locale.ROOT, "Album reconstruction loss (distance + MSE, G(anchor) vs picture, mean of %d):"
                + " base generator %.4f, tuned %.4f (%.0f%% lower)%n", st.albumSize(), before, after,
                100 * (1 - after / before));
        pw.printf(Locale.ROOT, "Held-out picture in P_beta, final loss: projection %.4f, inpainting %.4f,"
                + " super-resolution x%d %.4f%n", projLoss[0], projLoss[1], SR_FACTOR, projLoss[2]);
        pw.printf(Locale.ROOT, "Yaw direction (the anchors' least-squares slope on the album's true yaw): cosine %.3f"
                + " with its projection on the anchors' span; %d of %d frames outside P_beta (policy continue)%n",
                cosine, outside, thetas.length);
        pw.println();
        pw.println("Identity similarity to the album (cosine of the identity network's codes to the album's mean code):");
        identityRows.forEach(pw::println);
        pw.println();
        pw.printf(Locale.ROOT, "Done in %.1f min (%.1f min of CPU). Look at:%n", wall, cpu);
        pw.println("  the album                                                " + albumPng);
        pw.println("  album / base G(anchor) / tuned G(anchor)                 " + recPng);
        pw.println("  base samples / P0 through base G / P0 through tuned G    " + samplesPng);
        pw.println("  held-out picture | its projection into P_beta            " + projPng);
        pw.println("  eyes masked | inpainted | original                       " + inpaintPng);
        pw.println("  " + SR_FACTOR + "x smaller | super-resolved | original                    " + srPng);
        pw.println("  a yaw edit of the projection, strip and GIF              " + stripPng + ", " + gif);
        pw.println("  the personalisation run (mystyle.pt, metrics, loss.png)  " + runDir);
        pw.println("More: gan4j mystyle sample --model " + runDir + " --count 16 --out samples/");
        return 0;
    }

    /**
     * Trains the identity network on other identities and scores each group of {@code judged} pictures against the
     * album, beside the references (more real pictures of the person, real pictures of other people).
     */
    private static List<String> identitySimilarity(PrintWriter pw, Settings st, long seed, List<BufferedImage> album,
            Map<String, List<BufferedImage>> judged) {
        Map<String, List<BufferedImage>> groups = IdentityScores.references(IDENTITY, HELD_OUT_VARIANT + 1);
        groups.putAll(judged);
        pw.println();
        pw.println("Training the identity network on identities 0-" + (st.idIdentities() - 1) + " (" + st.idSteps()
                + " steps) ...");
        pw.flush();
        try (Progress progress = Progress.fromEnvironment()) {
            return IdentityScores.score(album, groups, st.idIdentities(), st.idSteps(), seed, progress).stream()
                    .map(IdentityScores.Score::line).toList();
        }
    }

    /** G(w) for each row of {@code w} ({@code [N,S]}), with the constant noise. */
    private static List<BufferedImage> render(Generator g, Tensor w) {
        List<BufferedImage> out = new ArrayList<>();
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            for (int i = 0; i < w.size(0); i++) {
                Tensor wi = w.narrow(0, i, 1).unsqueeze(1).repeat(1, g.nLatent(), 1); // [1,L,S]
                out.add(ImageTensors.toImage(g.synthesize(wi, NoiseMode.CONST)));
            }
        }
        return out;
    }

    /**
     * The album's yaw as a W direction: the least-squares slope of the anchors on the pictures' true yaw,
     * d = Σ_i (y_i − ȳ)(a_i − ā) / Σ_i (y_i − ȳ)², so that θ = 1 asks for one unit of yaw (half its range).
     */
    static double[] yawDirection(double[][] anchors, int identity) {
        int n = anchors.length;
        int s = anchors[0].length;
        double[] yaw = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            yaw[i] = FaceAttributes.draw(identity, i).yaw();
            mean += yaw[i] / n;
        }
        double[] d = new double[s];
        double var = 0;
        for (int i = 0; i < n; i++) {
            double dy = yaw[i] - mean;
            var += dy * dy;
            for (int j = 0; j < s; j++) {
                d[j] += dy * anchors[i][j];
            }
        }
        for (int j = 0; j < s; j++) {
            d[j] /= var; // Σ dy = 0, so subtracting ā would change nothing
        }
        return d;
    }

    private static BufferedImage upscaled(BufferedImage img, int k, boolean smooth) {
        BufferedImage out = new BufferedImage(img.getWidth() * k, img.getHeight() * k, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, smooth ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
                : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }
}
