package org.gan4j.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.metrics.SlicedWasserstein;
import org.gan4j.singan.Sampler;
import org.gan4j.singan.SinGAN;
import org.gan4j.singan.SinGANConfig;
import org.gan4j.singan.SinGANModel;
import org.gan4j.singan.consingan.ConSinGAN;
import org.gan4j.singan.consingan.ConSinGANConfig;
import org.gan4j.singan.consingan.ConSinGANMethod;
import org.gan4j.singan.consingan.ConSinGANModel;
import org.gan4j.singan.consingan.Sampling;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.Rng;
import org.gan4j.torch.Scope;
import org.gan4j.train.MetricsLog;
import org.gan4j.train.RunDir;

/**
 * {@code gan4j singan train --images DIR}: one model per image of a folder, one after another, into RUN/<image>/.
 * RUN/folder.json fixes the image list, the architecture and the resolved configuration before the first image;
 * RUN/summary.csv gets a row when an image's model is complete. {@code --resume RUN} skips the images with a row,
 * resumes the one that was training and trains the rest; the summary table (image, training time, patch SWD of
 * {@value #SWD_SAMPLES} samples against the training image, as docs/singan.md measures it) ends every call.
 */
final class SinganFolder {

    static final String FOLDER_JSON = "folder.json";
    static final String SUMMARY_CSV = "summary.csv";
    static final int SWD_SAMPLES = 8;
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * What folder.json holds.
     *
     * @param images  the image folder (absolute)
     * @param files   the image file names, in training order
     * @param arch    singan or consingan
     * @param config  the resolved configuration, as config.json
     * @param samples final samples per image
     */
    record Folder(String images, List<String> files, String arch, Map<String, Object> config, int samples) {}

    /** One finished image. */
    record Row(String image, double seconds, double swd, double floor) {}

    private SinganFolder() {}

    static boolean isFolderRun(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(FOLDER_JSON));
    }

    /** The images of {@code dir} gan4j reads, sorted by name; one line if none or two share a run name. */
    static List<Path> images(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new Gan4jException("--images " + dir + " is not a directory");
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).filter(p -> EXTENSIONS.stream()
                    .anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).forEach(out::add);
        } catch (IOException e) {
            throw new Gan4jException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new Gan4jException("--images " + dir + " holds no PNG, JPEG, BMP or GIF image");
        }
        Map<String, Path> names = new LinkedHashMap<>();
        for (Path p : out) {
            Path other = names.put(runName(p.getFileName().toString()), p);
            if (other != null) {
                throw new Gan4jException(other.getFileName() + " and " + p.getFileName() + " in " + dir
                        + " would train into the same run folder " + runName(p.getFileName().toString()) + "/");
            }
        }
        return out;
    }

    static String runName(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** Starts a folder run: writes folder.json, then trains every image. */
    static int start(SinganTrain cmd, PrintWriter pw, Path imagesDir, Path out, boolean consingan, Object config,
            int samples) {
        List<Path> imgs = images(imagesDir);
        if (Files.exists(out) && !isEmptyDir(out)) {
            throw new Gan4jException(out + " already exists; give a new --out, or --resume " + out
                    + " to continue a folder run");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> cfg = JSON.convertValue(config, LinkedHashMap.class);
        Folder f = new Folder(imagesDir.toAbsolutePath().toString(),
                imgs.stream().map(p -> p.getFileName().toString()).toList(),
                consingan ? ConSinGANMethod.NAME : "singan", cfg, samples);
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(FOLDER_JSON), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(f));
        } catch (IOException e) {
            throw new Gan4jException("cannot write " + out.resolve(FOLDER_JSON) + ": " + e.getMessage(), e);
        }
        pw.println("Folder run " + out + ": " + imgs.size() + " images, --arch " + f.arch());
        return run(cmd, pw, out, f);
    }

    /** Continues a folder run: finished images are skipped, the one in training resumes. */
    static int resume(SinganTrain cmd, PrintWriter pw, Path out) {
        Folder f;
        try {
            f = JSON.readValue(out.resolve(FOLDER_JSON).toFile(), Folder.class);
        } catch (IOException e) {
            throw new Gan4jException(out.resolve(FOLDER_JSON) + " cannot be read: " + e.getMessage(), e);
        }
        pw.println("Resuming folder run " + out + ".");
        return run(cmd, pw, out, f);
    }

    private static int run(SinganTrain cmd, PrintWriter pw, Path out, Folder f) {
        boolean consingan = ConSinGANMethod.NAME.equals(f.arch());
        Object config = consingan ? JSON.convertValue(f.config(), ConSinGANConfig.class)
                : JSON.convertValue(f.config(), SinGANConfig.class);
        Map<String, Row> done = readSummary(out.resolve(SUMMARY_CSV));
        for (String file : f.files()) {
            String name = runName(file);
            if (done.containsKey(name)) {
                pw.println(name + ": done, skipped");
                continue;
            }
            Path dir = out.resolve(name);
            if (Files.isDirectory(dir) && RunDir.latestCheckpoint(dir) != null) {
                cmd.resumeOne(pw, RunDir.open(dir), f.samples());
            } else {
                deleteTree(dir); // started but killed before its first checkpoint: nothing to keep
                cmd.trainOne(pw, Path.of(f.images(), file), config, dir, f.samples());
            }
            double[] swd = patchSwd(dir, consingan);
            Row row = new Row(name, trainingSeconds(dir), swd[0], swd[1]);
            appendRow(out.resolve(SUMMARY_CSV), row);
            done.put(name, row);
        }
        printTable(pw, f, done);
        return 0;
    }

    /** The run's training time over all its sessions: the last row of its metrics.csv (the loop's own clock). */
    static double trainingSeconds(Path run) {
        try {
            List<MetricsLog.Row> rows = MetricsLog.read(run.resolve(RunDir.METRICS_CSV)).rows();
            return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).seconds();
        } catch (IOException e) {
            throw new Gan4jException("cannot read " + run.resolve(RunDir.METRICS_CSV) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Patch SWD (x1000) of {@value #SWD_SAMPLES} random samples (seed 11) against the training image, and of the
     * image against itself (two draws of patches: the floor, as in docs/singan.md).
     */
    static double[] patchSwd(Path run, boolean consingan) {
        try (Scope s = new Scope()) {
            if (consingan) {
                try (ConSinGANModel m = ConSinGAN.load(run)) {
                    return swd(Sampling.generate(m, SWD_SAMPLES, 1, 1, Rng.seeded(11)), m.reals().get(m.finest()));
                }
            }
            try (SinGANModel m = SinGAN.load(run)) {
                return swd(Sampler.generate(m, Sampler.Request.random(SWD_SAMPLES).withNoise(Rng.seeded(11))),
                        m.scale(m.finest()).real());
            }
        }
    }

    private static double[] swd(Tensor fake, Tensor real) {
        Tensor samples = ImageTensors.fromImages(ImageTensors.toImages(fake)); // 8-bit, as the samples a user gets
        int levels = SlicedWasserstein.levelsFor(real.size(2), real.size(3));
        return new double[] {SlicedWasserstein.patchSwd(samples, real, levels, 4096, 4, 3).mean(),
                SlicedWasserstein.patchSwd(real, real, levels, 4096, 4, 3).mean()};
    }

    static void printTable(PrintWriter pw, Folder f, Map<String, Row> done) {
        int w = Math.max(5, f.files().stream().mapToInt(n -> runName(n).length()).max().orElse(5));
        pw.println();
        pw.printf("%-" + w + "s  %10s  %9s  %9s%n", "image", "time", "patch SWD", "floor");
        for (String file : f.files()) {
            Row r = done.get(runName(file));
            if (r != null) {
                pw.printf(Locale.ROOT, "%-" + w + "s  %10s  %9.1f  %9.1f%n", r.image(), duration(r.seconds()), r.swd(),
                        r.floor());
            }
        }
        pw.println("(time: training, over all sessions; patch SWD: x1000, " + SWD_SAMPLES + " samples against the"
                + " training image, lower is closer; floor: the image against itself; rows also in " + SUMMARY_CSV + ")");
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }

    static Map<String, Row> readSummary(Path csv) {
        Map<String, Row> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                String[] p = line.split(",");
                if (p.length == 4 && !p[0].equals("image")) {
                    out.put(p[0], new Row(p[0], Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                            Double.parseDouble(p[3])));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new Gan4jException(csv + " cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    private static void appendRow(Path csv, Row r) {
        try {
            if (!Files.exists(csv)) {
                Files.writeString(csv, "image,seconds,patch_swd,floor\n");
            }
            Files.writeString(csv, String.format(Locale.ROOT, "%s,%.1f,%.2f,%.2f%n", r.image(), r.seconds(), r.swd(), r.floor()),
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv, e);
        }
    }

    private static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new Gan4jException("cannot clear the unfinished " + dir + ": " + e.getMessage(), e);
        }
    }
}
