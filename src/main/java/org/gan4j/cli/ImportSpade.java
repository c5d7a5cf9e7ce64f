package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.spade.ImportedRun;
import org.gan4j.spade.OfficialImport;
import org.gan4j.spade.SpadeNets;
import org.gan4j.spade.Upsampling;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan4j import spade latest_net_G.pth [--encoder latest_net_E.pth] --label-nc N --out RUN}. */
@Command(name = "spade", mixinStandardHelpOptions = true,
        description = {"Import checkpoints of the official SPADE code (NVlabs/SPADE) into a gan4j run.",
                "ngf, label-map or style-code input, 'most' upsampling, spectral and sync-BN state are read from the",
                "weights; label_nc, don't-care, crop size, aspect ratio and normal/more are given with the official",
                "names and checked against them. Every missing, unexpected or mis-shaped key is named."},
        footer = {"", "Examples:",
                "  gan4j import spade checkpoints/coco_pretrained/latest_net_G.pth --label-nc 182 --dontcare --out runs/coco",
                "  gan4j import spade checkpoints/ade20k_pretrained/latest_net_G.pth --label-nc 150 --dontcare --out runs/ade",
                "  gan4j import spade checkpoints/cityscapes_pretrained/latest_net_G.pth --label-nc 35 --crop-size 512"
                        + " --aspect-ratio 2 --out runs/city",
                "  gan4j spade synthesize --model runs/coco --labels val_label/000000000139.png --out out/"})
final class ImportSpade implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "latest_net_G.pth", description = "The official generator checkpoint.")
    Path generator;

    @Option(names = "--encoder", paramLabel = "latest_net_E.pth", description = "The style encoder (models trained with --use_vae).")
    Path encoder;

    @Option(names = "--label-nc", required = true, paramLabel = "N", description = "Number of classes (COCO 182, ADE20K 150, Cityscapes 35).")
    int labelNc;

    @Option(names = "--dontcare", description = "The model has the don't-care channel (contain_dontcare_label: COCO, ADE20K).")
    boolean dontcare;

    @Option(names = "--crop-size", defaultValue = "256", paramLabel = "PX", description = "Training crop size. Default: ${DEFAULT-VALUE}.")
    int cropSize;

    @Option(names = "--aspect-ratio", defaultValue = "1", paramLabel = "R", description = "Width / height. Default: ${DEFAULT-VALUE}.")
    double aspectRatio;

    @Option(names = "--num-upsampling-layers", paramLabel = "normal|more|most",
            description = "normal (default) or more; most is read from the weights.")
    String upsampling;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "The gan4j run directory to create.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        PrintWriter pw = engine.out();
        engine.apply();
        OfficialImport.Options o = new OfficialImport.Options(labelNc, dontcare, cropSize, aspectRatio,
                upsampling == null ? null : Upsampling.parse(upsampling));
        OfficialImport.Imported m = OfficialImport.read(generator, encoder, o);
        RunDir run = ImportedRun.write(m, out);
        SpadeNets n = m.config().nets();
        pw.println("Imported SPADE ngf " + n.ngf() + ", " + n.semanticNc() + " label channels (" + n.labelNc() + " classes"
                + (n.dontcare() ? " + don't-care" : "") + (n.instance() ? " + instance edges" : "") + "), "
                + n.upsampling().word() + " upsampling, " + (n.useVae() ? "style encoder" : "label-map input") + ", "
                + n.height() + "x" + n.width() + " into " + run.dir());
        return 0;
    }
}
