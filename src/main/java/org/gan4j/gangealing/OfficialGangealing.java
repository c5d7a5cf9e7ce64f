package org.gan4j.gangealing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.nn.Padding2d;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;

/**
 * The released GANgealing checkpoints ({@code cat.pt}, {@code car.pt}, ...: train.py's dict with the official STN
 * at flow 128 / input 256) brought into a gan4j run with their test settings ({@code utils/download.py}: padding,
 * similarity iterations, heads).
 */
public final class OfficialGangealing {

    /** Test-time settings of a released model. */
    public record Settings(Padding2d padding, int iters, int heads) {}

    /** The official table (utils/download.py's PRETRAINED_TEST_HYPERPARAMS). */
    public static final Map<String, Settings> RELEASED = Map.of(
            "bicycle", new Settings(Padding2d.REFLECTION, 3, 1),
            "car", new Settings(Padding2d.REFLECTION, 3, 4),
            "cat", new Settings(Padding2d.BORDER, 3, 1),
            "cat_ssl_mix6", new Settings(Padding2d.BORDER, 3, 1),
            "celeba", new Settings(Padding2d.BORDER, 1, 1),
            "cub", new Settings(Padding2d.BORDER, 1, 1),
            "dog", new Settings(Padding2d.BORDER, 3, 1),
            "horse", new Settings(Padding2d.REFLECTION, 3, 4),
            "tvmonitor", new Settings(Padding2d.REFLECTION, 3, 1));

    private OfficialGangealing() {}

    /**
     * Reads an official checkpoint and writes {@code out/gangealing.pt} (t_ema, and ll and g_ema when present) with
     * the settings of the model {@code name} (null: the file's stem when it names a released model, else the file's
     * own args or the defaults).
     *
     * @return the settings used
     */
    public static Settings importTo(Path checkpoint, String name, Path out) throws IOException {
        GangealingCheckpoint ck = GangealingCheckpoint.load(checkpoint);
        String key = name != null ? name : checkpoint.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Settings known = RELEASED.get(key.toLowerCase(Locale.ROOT));
        if (name != null && known == null) {
            throw new Gan4jException("--settings " + name + " is not a released model; they are "
                    + String.join(", ", new java.util.TreeSet<>(RELEASED.keySet())));
        }
        Map<String, Object> a = new LinkedHashMap<>(ck.args());
        int heads = heads(ck.tEma(), checkpoint);
        Padding2d padding = known != null ? known.padding()
                : a.get("padding_mode") instanceof String s ? Padding2d.parse(s) : Padding2d.BORDER;
        int iters = known != null ? known.iters() : 1;
        a.putIfAbsent("flow_size", 128L);
        a.putIfAbsent("real_size", 256L);
        a.putIfAbsent("stn_channel_multiplier", 0.5);
        a.put("num_heads", (long) heads);
        a.put("padding_mode", padding.name().toLowerCase(Locale.ROOT));
        a.put("gan4j_test_iters", (long) iters);
        a.put("gan4j_imported_from", checkpoint.toAbsolutePath().toString());
        // Build the network once: a checkpoint whose t_ema does not fit the official STN fails here, in one line.
        StnShape shape = new StnShape(((Number) a.get("flow_size")).intValue(), ((Number) a.get("real_size")).intValue(),
                a.get("gan4j_stn_channel_max") instanceof Number n ? n.intValue() : 512,
                ((Number) a.get("stn_channel_multiplier")).doubleValue(),
                a.get("gan4j_flow_downsample") instanceof Number n ? n.intValue() : 8, heads);
        try (ComposedStn t = new ComposedStn(shape)) {
            t.loadStateDict(ck.tEma(), checkpoint + "[t_ema]");
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("t_ema", StateDict.of(ck.tEma()));
        if (!ck.ll().isEmpty()) {
            root.put("ll", StateDict.of(ck.ll()));
        }
        if (!ck.gEma().isEmpty()) {
            root.put("g_ema", StateDict.of(ck.gEma()));
        }
        root.put("args", a);
        java.nio.file.Files.createDirectories(out);
        org.gan4j.torch.AtomicFile.write(out.resolve(GangealingModel.CHECKPOINT), tmp -> PtFile.save(tmp, root));
        return new Settings(padding, iters, heads);
    }

    /** K from the similarity head's linear layer ([4K, D]). */
    static int heads(Map<String, Tensor> tEma, Path file) {
        Tensor w = tEma.get("stns.0.warp_head.linear.weight");
        if (w == null) {
            throw new Gan4jException(file + "[t_ema] has no stns.0.warp_head.linear.weight: not a composed"
                    + " similarity + flow STN (the only kind gan4j runs)");
        }
        return (int) (w.size(0) / 4);
    }
}
