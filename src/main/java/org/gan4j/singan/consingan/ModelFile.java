package org.gan4j.singan.consingan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.AtomicFile;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;

/**
 * ConSinGAN's files in PyTorch's checkpoint format (readable by {@code torch.load}):
 * <pre>
 * model.pt   {'gan4j': 'consingan-model', 'version': 1, 'config': {...}, 'scale_factor': r,
 *             'netG': {head.conv.weight, body.0.block0.conv.weight, ..., tail.0.bias}, 'netD': {...},
 *             'fixed_noise': [z_opt per stage], 'noise_amp': [σ per stage], 'reals': [x_n per planned stage]}
 * latest.pt  {'gan4j': 'consingan-checkpoint', 'version': 1, 'model': (as model.pt, including the stage in
 *             training), 'current': {'stage', 'iter', 'optimizerG': [Adam state per parameter group],
 *             'optimizerD'} or None}
 * </pre>
 * netG loads into the official GrowingGenerator grown to the same number of stages with {@code load_state_dict},
 * netD into its Discriminator.
 */
public final class ModelFile {

    static final String MODEL_KIND = "consingan-model";
    static final String CHECKPOINT_KIND = "consingan-checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * A training checkpoint: the model so far and the stage in training (null between stages).
     *
     * @param model   the model, with the stage in training when {@code current} is given
     * @param current the optimizers and position inside the stage in training, or null
     */
    public record Checkpoint(ConSinGANModel model, Current current) {}

    /**
     * The stage in training when a checkpoint was written.
     *
     * @param stage      the stage
     * @param iter       the next iteration to run
     * @param optimizerG Adam state of each generator parameter group, in {@link ConSinGANTrainer}'s group order
     * @param optimizerD Adam state of the critic
     */
    public record Current(int stage, long iter, List<Object> optimizerG, Map<Object, Object> optimizerD) {}

    private ModelFile() {}

    /** Writes model.pt atomically (temp file + rename). */
    public static void saveAtomic(ConSinGANModel m, Path file) throws IOException {
        AtomicFile.write(file, tmp -> save(m, tmp));
    }

    /** Writes model.pt to {@code file} (the caller makes it atomic). */
    static void save(ConSinGANModel m, Path file) {
        PtFile.save(file, toDict(m));
    }

    static void saveCheckpoint(ConSinGANModel m, Current current, Path file) {
        Map<Object, Object> root = new LinkedHashMap<>();
        root.put("gan4j", CHECKPOINT_KIND);
        root.put("version", 1L);
        root.put("model", toDict(m));
        if (current == null) {
            root.put("current", null);
        } else {
            Map<Object, Object> cur = new LinkedHashMap<>();
            cur.put("stage", (long) current.stage());
            cur.put("iter", current.iter());
            cur.put("optimizerG", new ArrayList<>(current.optimizerG()));
            cur.put("optimizerD", current.optimizerD());
            root.put("current", cur);
        }
        PtFile.save(file, root);
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> toDict(ConSinGANModel m) {
        Map<Object, Object> root = new LinkedHashMap<>();
        root.put("gan4j", MODEL_KIND);
        root.put("version", 1L);
        root.put("config", JSON.convertValue(m.config(), LinkedHashMap.class));
        root.put("scale_factor", m.scaleFactor());
        root.put("netG", m.generator() == null ? null : StateDict.of(m.generator().stateDict()));
        root.put("netD", m.critic() == null ? null : StateDict.of(m.critic().stateDict()));
        root.put("fixed_noise", new ArrayList<Object>(m.fixedNoise()));
        List<Object> amps = new ArrayList<>();
        for (double a : m.noiseAmp()) {
            amps.add(a);
        }
        root.put("noise_amp", amps);
        root.put("reals", new ArrayList<Object>(m.reals()));
        return root;
    }

    /** Whether {@code file} is a gan4j ConSinGAN model or training checkpoint (false for anything else). */
    public static boolean isConSinGAN(Path file) {
        try {
            Object o = PtFile.load(file);
            return o instanceof Map<?, ?> root
                    && (MODEL_KIND.equals(root.get("gan4j")) || CHECKPOINT_KIND.equals(root.get("gan4j")));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Reads model.pt (or the model inside a training checkpoint). */
    public static ConSinGANModel load(Path file) {
        Map<?, ?> root = open(file);
        if (CHECKPOINT_KIND.equals(root.get("gan4j"))) {
            return fromDict(asMap(root.get("model"), file), file);
        }
        return fromDict(root, file);
    }

    /** Reads a training checkpoint (latest.pt). */
    @SuppressWarnings("unchecked")
    public static Checkpoint loadCheckpoint(Path file) {
        Map<?, ?> root = open(file);
        if (!CHECKPOINT_KIND.equals(root.get("gan4j"))) {
            throw new Gan4jException(file + " is not a gan4j ConSinGAN training checkpoint");
        }
        ConSinGANModel m = fromDict(asMap(root.get("model"), file), file);
        Object cur = root.get("current");
        if (cur == null) {
            return new Checkpoint(m, null);
        }
        try {
            Map<?, ?> c = asMap(cur, file);
            return new Checkpoint(m, new Current(((Number) c.get("stage")).intValue(), ((Number) c.get("iter")).longValue(),
                    (List<Object>) c.get("optimizerG"), (Map<Object, Object>) c.get("optimizerD")));
        } catch (ClassCastException | NullPointerException e) {
            throw new Gan4jException(file + ": the stage in training is incomplete or malformed", e);
        }
    }

    private static Map<?, ?> open(Path file) {
        Object o = PtFile.load(file);
        if (!(o instanceof Map<?, ?> root)) {
            throw new Gan4jException(file + " is not a gan4j ConSinGAN model (it holds a "
                    + (o == null ? "None" : o.getClass().getSimpleName()) + ", not a dict)");
        }
        return root;
    }

    static ConSinGANModel fromDict(Map<?, ?> root, Path file) {
        Object kind = root.get("gan4j");
        if (!MODEL_KIND.equals(kind)) {
            throw new Gan4jException(file + " is not a gan4j ConSinGAN model"
                    + (kind != null ? " (it is a gan4j '" + kind + "' file)" : "")
                    + "; give the model.pt of a 'gan4j singan train --arch consingan' run");
        }
        ConSinGANConfig config;
        try {
            config = JSON.convertValue(root.get("config"), ConSinGANConfig.class);
        } catch (IllegalArgumentException e) {
            throw new Gan4jException(file + ": its ConSinGAN configuration cannot be read (" + e.getMessage() + ")");
        }
        List<Tensor> reals = tensors(root.get("reals"), file, "reals");
        ConSinGANModel m = new ConSinGANModel(config, ((Number) root.get("scale_factor")).doubleValue(), reals);
        List<Tensor> noise = tensors(root.get("fixed_noise"), file, "fixed_noise");
        List<?> amps = (List<?>) root.get("noise_amp");
        if (noise.isEmpty()) {
            return m;
        }
        if (amps == null || amps.size() != noise.size() || noise.size() > reals.size()) {
            throw new Gan4jException(file + " is malformed: " + noise.size() + " fixed noise maps, "
                    + (amps == null ? "no" : amps.size()) + " noise amplitudes and " + reals.size() + " reals");
        }
        GrowingGenerator g = new GrowingGenerator(config);
        for (int n = 1; n < noise.size(); n++) {
            g.initNextStage();
        }
        Discriminator d = new Discriminator(config);
        g.loadStateDict(StateDict.tensors(root.get("netG"), file + " netG"), file + " netG");
        d.loadStateDict(StateDict.tensors(root.get("netD"), file + " netD"), file + " netD");
        m.setNetworks(g, d);
        for (int n = 0; n < noise.size(); n++) {
            m.addStage(noise.get(n), ((Number) amps.get(n)).doubleValue());
        }
        return m;
    }

    private static List<Tensor> tensors(Object o, Path file, String what) {
        if (!(o instanceof List<?> l)) {
            throw new Gan4jException(file + " is malformed: '" + what + "' is not a list");
        }
        List<Tensor> out = new ArrayList<>();
        for (Object x : l) {
            if (!(x instanceof Tensor t)) {
                throw new Gan4jException(file + " is malformed: '" + what + "' holds a non-tensor");
            }
            out.add(t);
        }
        return out;
    }

    private static Map<?, ?> asMap(Object o, Path file) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new Gan4jException(file + " is malformed: expected a dict, found "
                + (o == null ? "None" : o.getClass().getSimpleName()));
    }
}
