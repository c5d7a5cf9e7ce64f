package org.gan4j.singan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.gan4j.Gan4jException;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.StateDict;

/**
 * Reads a model trained by the official SinGAN code (a {@code TrainedModels/<image>/scale_factor=...} directory:
 * per-scale {@code N/netG.pth}, {@code N/netD.pth}, {@code N/z_opt.pth}, and {@code NoiseAmp.pth},
 * {@code reals.pth}) into a {@link SinGANModel}. The official code does not store the recomputed scale factor r;
 * it recomputes it from the image, and so does this import: r = (minSize / min(H_N, W_N))^(1/N), checked
 * against every stored real's size.
 */
public final class OfficialImport {

    private OfficialImport() {}

    /**
     * @param dir     the official model directory
     * @param minSize the min size it was trained with (null: 25, or 20 for an animation model, trying 18 too)
     */
    public static SinGANModel load(Path dir, Integer minSize) {
        if (!Files.isDirectory(dir)) {
            throw new Gan4jException(dir + " is not a directory; give the official TrainedModels/<image>/scale_factor=... directory");
        }
        List<Tensor> reals = tensorList(dir.resolve("reals.pth"));
        List<Double> amps = numberList(dir.resolve("NoiseAmp.pth"));
        int scales = reals.size();
        if (amps.size() != scales) {
            throw new Gan4jException(dir + ": reals.pth has " + scales + " scales but NoiseAmp.pth has " + amps.size());
        }
        for (int n = 0; n < scales; n++) {
            Path sd = dir.resolve(Integer.toString(n));
            for (String f : new String[] {"netG.pth", "netD.pth", "z_opt.pth"}) {
                if (!Files.isRegularFile(sd.resolve(f))) {
                    throw new Gan4jException(dir + ": scale " + n + " lacks " + sd.resolve(f).getFileName()
                            + " (expected " + sd.resolve(f) + ")");
                }
            }
        }
        boolean animation = dir.getFileName() != null && dir.getFileName().toString().contains("noise_padding");
        Tensor finest = reals.get(scales - 1);
        int hN = (int) finest.size(2);
        int wN = (int) finest.size(3);
        List<Integer> candidates = minSize != null ? List.of(minSize) : animation ? List.of(20, 25, 18) : List.of(25, 20, 18);
        Double r = null;
        for (int m : candidates) {
            double rr = scales == 1 ? 0.75 : Math.pow(m / (double) Math.min(hN, wN), 1.0 / (scales - 1));
            if (sizesMatch(reals, rr)) {
                r = rr;
                break;
            }
        }
        if (r == null) {
            throw new Gan4jException(dir + ": the stored reals' sizes do not follow SinGAN's pyramid for min size "
                    + candidates + "; give the min size it was trained with (--min-size)");
        }
        SinGANConfig base = SinGANConfig.paper().withSeed(0);
        SinGANConfig config = animation ? base.forAnimation() : base;
        SinGANModel model = new SinGANModel(config.withPreset("imported"), r);
        for (int n = 0; n < scales; n++) {
            Path sd = dir.resolve(Integer.toString(n));
            var g = StateDict.tensors(PtFile.load(sd.resolve("netG.pth")), sd.resolve("netG.pth").toString());
            var d = StateDict.tensors(PtFile.load(sd.resolve("netD.pth")), sd.resolve("netD.pth").toString());
            Tensor head = g.get("head.conv.weight");
            if (head == null) {
                throw new Gan4jException(sd.resolve("netG.pth") + " is not a SinGAN generator (no head.conv.weight)");
            }
            int nfc = (int) head.size(0);
            int ker = (int) head.size(2);
            Generator gen = new Generator(nfc, nfc, ker, config.numLayer());
            Discriminator dis = new Discriminator(nfc, nfc, ker, config.numLayer());
            gen.loadStateDict(g, sd.resolve("netG.pth").toString());
            dis.loadStateDict(d, sd.resolve("netD.pth").toString());
            Object z = PtFile.load(sd.resolve("z_opt.pth"));
            if (!(z instanceof Tensor zOpt)) {
                throw new Gan4jException(sd.resolve("z_opt.pth") + " does not hold a tensor");
            }
            model.add(new Scale(gen, dis, zOpt.to(org.bytedeco.pytorch.global.torch.ScalarType.Float),
                    amps.get(n), reals.get(n).to(org.bytedeco.pytorch.global.torch.ScalarType.Float)));
        }
        return model;
    }

    private static boolean sizesMatch(List<Tensor> reals, double r) {
        int last = reals.size() - 1;
        Tensor finest = reals.get(last);
        for (int i = 0; i <= last; i++) {
            double s = Math.pow(r, last - i);
            if (Pyramid.ceilSize((int) finest.size(2), s) != reals.get(i).size(2)
                    || Pyramid.ceilSize((int) finest.size(3), s) != reals.get(i).size(3)) {
                return false;
            }
        }
        return true;
    }

    private static List<Tensor> tensorList(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException("missing " + file + " (the official training saves reals.pth beside the scale folders)");
        }
        Object o = PtFile.load(file);
        List<Tensor> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object e : l) {
                if (!(e instanceof Tensor t)) {
                    throw new Gan4jException(file + " should hold a list of tensors, found " + describe(e));
                }
                out.add(t);
            }
            return out;
        }
        throw new Gan4jException(file + " should hold a list of tensors, found " + describe(o));
    }

    private static List<Double> numberList(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Gan4jException("missing " + file + " (the official training saves NoiseAmp.pth beside the scale folders)");
        }
        Object o = PtFile.load(file);
        List<Double> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object e : l) {
                if (e instanceof Number num) {
                    out.add(num.doubleValue());
                } else if (e instanceof Tensor t && t.numel() == 1) {
                    out.add(t.item_double());
                } else {
                    throw new Gan4jException(file + " should hold a list of numbers, found " + describe(e));
                }
            }
            return out;
        }
        throw new Gan4jException(file + " should hold a list of numbers, found " + describe(o));
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
