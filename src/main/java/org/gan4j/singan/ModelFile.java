package org.gan4j.singan;

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
 * SinGAN's files in PyTorch's checkpoint format (readable by {@code torch.load}):
 * <pre>
 * model.pt       {'gan4j': 'singan-model', 'version': 1, 'config': {...}, 'scale_factor': r,
 *                 'scales': [{'netG': {head.conv.weight, ..., tail.0.bias}, 'netD': {...}, 'z_opt': [1,3,H+2p,W+2p],
 *                             'noise_amp': σ, 'real': [1,3,H,W]}, ...coarsest first]}
 * latest.pt      {'gan4j': 'singan-checkpoint', 'version': 1, 'model': (as model.pt),
 *                 'current': {'scale', 'iter', 'netG', 'netD', 'optimizerG', 'optimizerD', 'z_opt', 'noise_amp'} or None}
 * </pre>
 * netG/netD use the official key names, so one scale's dict loads into the official
 * GeneratorConcatSkip2CleanAdd / WDiscriminator with {@code load_state_dict}.
 */
public final class ModelFile {

    static final String MODEL_KIND = "singan-model";
    static final String CHECKPOINT_KIND = "singan-checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A training checkpoint: the finished scales and the one in progress (null between scales). */
    public record Checkpoint(SinGANModel model, StageState current) {}

    private ModelFile() {}

    /** Writes model.pt atomically (temp file + rename). */
    public static void saveAtomic(SinGANModel m, Path file) throws IOException {
        AtomicFile.write(file, tmp -> save(m, tmp));
    }

    /** Writes model.pt to {@code file} (the caller makes it atomic). */
    static void save(SinGANModel m, Path file) throws IOException {
        PtFile.save(file, toDict(m));
    }

    /** Writes a training checkpoint to {@code file} (the caller makes it atomic). */
    static void saveCheckpoint(SinGANModel m, StageState current, Path file) throws IOException {
        Map<Object, Object> root = new LinkedHashMap<>();
        root.put("gan4j", CHECKPOINT_KIND);
        root.put("version", 1L);
        root.put("model", toDict(m));
        root.put("current", current == null ? null : current.toDict());
        PtFile.save(file, root);
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> toDict(SinGANModel m) {
        Map<Object, Object> root = new LinkedHashMap<>();
        root.put("gan4j", MODEL_KIND);
        root.put("version", 1L);
        root.put("config", JSON.convertValue(m.config(), LinkedHashMap.class));
        root.put("scale_factor", m.scaleFactor());
        List<Object> scales = new ArrayList<>();
        for (Scale s : m.scales()) {
            Map<Object, Object> d = new LinkedHashMap<>();
            d.put("netG", StateDict.of(s.g().stateDict()));
            d.put("netD", StateDict.of(s.d().stateDict()));
            d.put("z_opt", s.zOpt());
            d.put("noise_amp", s.noiseAmp());
            d.put("real", s.real());
            scales.add(d);
        }
        root.put("scales", scales);
        return root;
    }

    /** Reads model.pt (or the model inside a training checkpoint). */
    public static SinGANModel load(Path file) {
        Map<?, ?> root = open(file);
        Object kind = root.get("gan4j");
        if (CHECKPOINT_KIND.equals(kind)) {
            return fromDict(asMap(root.get("model"), file), file);
        }
        return fromDict(root, file);
    }

    /** Reads a training checkpoint (latest.pt). */
    public static Checkpoint loadCheckpoint(Path file) {
        Map<?, ?> root = open(file);
        if (!CHECKPOINT_KIND.equals(root.get("gan4j"))) {
            throw new Gan4jException(file + " is not a gan4j SinGAN training checkpoint");
        }
        SinGANModel m = fromDict(asMap(root.get("model"), file), file);
        Object cur = root.get("current");
        return new Checkpoint(m, cur == null ? null : StageState.fromDict(asMap(cur, file), file.toString()));
    }

    private static Map<?, ?> open(Path file) {
        Object o = PtFile.load(file);
        if (!(o instanceof Map<?, ?> root)) {
            throw new Gan4jException(file + " is not a gan4j SinGAN model (it holds a "
                    + (o == null ? "None" : o.getClass().getSimpleName()) + ", not a dict)");
        }
        return root;
    }

    static SinGANModel fromDict(Map<?, ?> root, Path file) {
        Object kind = root.get("gan4j");
        if (!MODEL_KIND.equals(kind)) {
            String hint = root.containsKey("g_ema") ? " (it looks like a StyleGAN2 checkpoint)"
                    : kind != null ? " (it is a gan4j '" + kind + "' file)" : "";
            throw new Gan4jException(file + " is not a gan4j SinGAN model" + hint
                    + "; give the model.pt of a 'gan4j singan train' run, or import official files with 'gan4j import singan'");
        }
        SinGANConfig config;
        try {
            config = JSON.convertValue(root.get("config"), SinGANConfig.class);
        } catch (IllegalArgumentException e) {
            throw new Gan4jException(file + ": its SinGAN configuration cannot be read (" + e.getMessage() + ")");
        }
        double r = ((Number) root.get("scale_factor")).doubleValue();
        SinGANModel m = new SinGANModel(config, r);
        List<?> scales = (List<?>) root.get("scales");
        for (int n = 0; n < scales.size(); n++) {
            Map<?, ?> d = asMap(scales.get(n), file);
            String what = file + " scale " + n;
            Generator g = new Generator(config.channelsAt(n), config.minChannelsAt(n), config.kerSize(), config.numLayer());
            Discriminator dd = new Discriminator(config.channelsAt(n), config.minChannelsAt(n), config.kerSize(),
                    config.numLayer());
            g.loadStateDict(StateDict.tensors(d.get("netG"), what + " netG"), what + " netG");
            dd.loadStateDict(StateDict.tensors(d.get("netD"), what + " netD"), what + " netD");
            m.add(new Scale(g, dd, (Tensor) d.get("z_opt"), ((Number) d.get("noise_amp")).doubleValue(),
                    (Tensor) d.get("real")));
        }
        return m;
    }

    private static Map<?, ?> asMap(Object o, Path file) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new Gan4jException(file + " is malformed: expected a dict, found "
                + (o == null ? "None" : o.getClass().getSimpleName()));
    }
}
