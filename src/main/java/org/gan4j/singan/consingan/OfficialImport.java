package org.gan4j.singan.consingan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.gan4j.Gan4jException;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;

/**
 * Reads a run folder written by the official ConSinGAN training (main_train.py + training_generation.py:
 * {@code TrainedModels/<image>/<timestamp>_generation_train_depth_3_lr_scale_0.1_act_lrelu_0.05/}) into a
 * {@link ConSinGANModel}. The official code writes there:
 * <pre>
 *   parameters.txt     every option, "name\t-\tvalue" per line (written before training; the only options file)
 *   reals.pth          [x_n], the real image of every planned stage
 *   fixed_noise.pth    [z_opt_n] of every trained stage
 *   noise_amp.pth      [1, σ_1, ...] (σ_n a 0-dim tensor)
 *   G.pth              the whole pickled GrowingGenerator module (not a state dict; not read here)
 *   n/netG.pth         the generator's state dict after stage n (all n+1 stages), n/netD.pth, n/z_opt.pth
 * </pre>
 * The generator is rebuilt from the options (nfc, ker_size, num_layer, batch_norm, lrelu_alpha, train_mode),
 * grown to the number of trained stages, and loaded strictly from the newest stage folder's netG.pth; the
 * pyramid (min_size, train_stages) is checked against the stored reals' sizes.
 */
public final class OfficialImport {

    private OfficialImport() {}

    /** Loads the official run folder {@code dir}; every error is one line naming the file. */
    public static ConSinGANModel load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new Gan4jException(dir + " is not a directory; give the official TrainedModels/<image>/<timestamp>_generation_... folder");
        }
        Path params = dir.resolve("parameters.txt");
        if (!Files.isRegularFile(params) || !Files.isRegularFile(dir.resolve("fixed_noise.pth"))) {
            String hint = Files.isRegularFile(dir.resolve("NoiseAmp.pth"))
                    ? " (it looks like an official SinGAN model: use 'gan4j import singan')" : "";
            throw new Gan4jException(dir + " is not an official ConSinGAN run folder: it lacks parameters.txt or"
                    + " fixed_noise.pth" + hint);
        }
        Map<String, String> opt = readParameters(params);
        ConSinGANConfig config = config(opt, params);
        List<Tensor> reals = tensorList(dir.resolve("reals.pth"));
        List<Tensor> fixedNoise = tensorList(dir.resolve("fixed_noise.pth"));
        List<Double> amps = numberList(dir.resolve("noise_amp.pth"));
        int stages = fixedNoise.size();
        if (stages == 0 || amps.size() != stages || reals.size() != config.trainStages() || stages > reals.size()) {
            throw new Gan4jException(dir + ": inconsistent run: " + reals.size() + " reals (train_stages "
                    + config.trainStages() + "), " + stages + " fixed noise maps, " + amps.size() + " noise amplitudes");
        }
        Tensor finest = reals.get(reals.size() - 1);
        Scales plan = Scales.plan((int) finest.size(2), (int) finest.size(3), config);
        for (int i = 0; i < reals.size(); i++) {
            if (plan.heights()[i] != reals.get(i).size(2) || plan.widths()[i] != reals.get(i).size(3)) {
                throw new Gan4jException(dir + ": reals.pth stage " + i + " is " + reals.get(i).size(3) + "x"
                        + reals.get(i).size(2) + " but ConSinGAN's " + config.trainMode() + " pyramid for min_size "
                        + config.minSize() + " and " + config.trainStages() + " stages gives " + plan.widths()[i]
                        + "x" + plan.heights()[i]);
            }
        }
        Path netG = dir.resolve(Integer.toString(stages - 1)).resolve("netG.pth");
        Path netD = dir.resolve(Integer.toString(stages - 1)).resolve("netD.pth");
        for (Path f : List.of(netG, netD)) {
            if (!Files.isRegularFile(f)) {
                throw new Gan4jException(dir + ": missing " + dir.relativize(f) + " (fixed_noise.pth has " + stages
                        + " stages, so the newest stage folder is " + (stages - 1) + "/)");
            }
        }
        List<Tensor> floatReals = new ArrayList<>();
        for (Tensor r : reals) {
            floatReals.add(r.to(ScalarType.Float).contiguous());
        }
        ConSinGANModel m = new ConSinGANModel(config, plan.scaleFactor(), floatReals);
        GrowingGenerator g = new GrowingGenerator(config);
        Discriminator d = new Discriminator(config);
        m.setNetworks(g, d);
        try {
            for (int n = 1; n < stages; n++) {
                g.initNextStage();
            }
            g.loadStateDict(StateDict.tensors(PtFile.load(netG), netG.toString()), netG.toString());
            d.loadStateDict(StateDict.tensors(PtFile.load(netD), netD.toString()), netD.toString());
            for (int n = 0; n < stages; n++) {
                m.addStage(fixedNoise.get(n).to(ScalarType.Float).contiguous(), amps.get(n));
            }
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /** parameters.txt: "name\t-\tvalue" per line, as main_train.py writes it. */
    static Map<String, String> readParameters(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int sep = line.indexOf("\t-\t");
                if (sep > 0) {
                    out.put(line.substring(0, sep).trim(), line.substring(sep + 3).trim());
                }
            }
        } catch (IOException e) {
            throw new Gan4jException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The options that rebuild the model, with the official defaults where an older run lacks one. */
    static ConSinGANConfig config(Map<String, String> o, Path file) {
        String mode = o.getOrDefault("train_mode", "generation");
        String trainMode;
        try {
            trainMode = TrainMode.of(mode).id();
        } catch (Gan4jException e) {
            throw new Gan4jException(file + ": train_mode '" + mode + "' is not one of ConSinGAN's ("
                    + TrainMode.names() + ")");
        }
        String act = o.getOrDefault("activation", "lrelu");
        if (!act.equals("lrelu")) {
            throw new Gan4jException(file + ": activation '" + act + "' is not supported (gan4j's ConSinGAN uses lrelu)");
        }
        if (integer(o, "ker_size", 3, file) != 3 || integer(o, "padd_size", 0, file) != 0
                || integer(o, "nc_im", 3, file) != 3) {
            throw new Gan4jException(file + ": only ker_size 3, padd_size 0 and nc_im 3 are supported, got "
                    + o.get("ker_size") + ", " + o.get("padd_size") + ", " + o.get("nc_im"));
        }
        int niter = integer(o, "niter", 2000, file);
        return new ConSinGANConfig("imported", trainMode, niter, integer(o, "train_stages", 6, file),
                integer(o, "train_depth", 3, file), real(o, "lr_scale", 0.1, file), integer(o, "min_size", 25, file),
                integer(o, "max_size", 250, file), integer(o, "nfc", 64, file), 3, integer(o, "num_layer", 3, file),
                real(o, "lrelu_alpha", 0.05, file), bool(o, "batch_norm", file), real(o, "lr_g", 5e-4, file),
                real(o, "lr_d", 5e-4, file), real(o, "beta1", 0.5, file), integer(o, "Gsteps", 3, file),
                integer(o, "Dsteps", 3, file), real(o, "lambda_grad", 0.1, file), real(o, "alpha", 10, file),
                real(o, "noise_amp", 0.1, file), real(o, "gamma", 0.1, file), (int) Math.round(0.8 * niter),
                integer(o, "manualSeed", 0, file));
    }

    private static int integer(Map<String, String> o, String key, int dflt, Path file) {
        String v = o.get(key);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new Gan4jException(file + ": " + key + " should be an integer, got '" + v + "'");
        }
    }

    private static double real(Map<String, String> o, String key, double dflt, Path file) {
        String v = o.get(key);
        try {
            return v == null ? dflt : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new Gan4jException(file + ": " + key + " should be a number, got '" + v + "'");
        }
    }

    /** argparse store_true with default=0 prints 0 when off and True when on. */
    private static boolean bool(Map<String, String> o, String key, Path file) {
        String v = o.getOrDefault(key, "0");
        return switch (v) {
            case "0", "False" -> false;
            case "1", "True" -> true;
            default -> throw new Gan4jException(file + ": " + key + " should be True/False/0/1, got '" + v + "'");
        };
    }

    private static List<Tensor> tensorList(Path file) {
        Object o = loadFile(file);
        List<Tensor> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object e : l) {
                if (!(e instanceof Tensor t)) {
                    throw new Gan4jException(file + " should hold a list of tensors, found a " + describe(e) + " in it");
                }
                out.add(t);
            }
            return out;
        }
        throw new Gan4jException(file + " should hold a list of tensors, found " + describe(o));
    }

    private static List<Double> numberList(Path file) {
        Object o = loadFile(file);
        List<Double> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object e : l) {
                if (e instanceof Number num) {
                    out.add(num.doubleValue());
                } else if (e instanceof Tensor t && t.numel() == 1) {
                    out.add(t.item_double());
                } else {
                    throw new Gan4jException(file + " should hold a list of numbers, found a " + describe(e) + " in it");
                }
            }
            return out;
        }
        throw new Gan4jException(file + " should hold a list of numbers, found " + describe(o));
    }

    private static Object loadFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException("missing " + file + " (the official training writes it into the run folder)");
        }
        return PtFile.load(file);
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
