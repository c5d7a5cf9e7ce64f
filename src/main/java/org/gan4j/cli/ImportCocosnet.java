package org.gan4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gan4j.Gan4jException;
import org.gan4j.cocosnet.CocosModel;
import org.gan4j.cocosnet.CocosNets;
import org.gan4j.cocosnet.CocosRelease;
import org.gan4j.cocosnet.ImportedCocosRun;
import org.gan4j.cocosnet.OfficialCocosImport;
import org.gan4j.cocosnet.WarpMask;
import org.gan4j.data.Palette;
import org.gan4j.train.RunDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan4j import cocosnet checkpoints/ade20k --label-nc 150 --dontcare --config ade20k --out RUN}. */
@Command(name = "cocosnet", mixinStandardHelpOptions = true,
        description = {"Import checkpoints of the official CoCosNet code (microsoft/CoCosNet) into a",
                "gan4j run: the folder's latest_net_Corr.pth and latest_net_G.pth (or --corr",
                "and --g). Both networks' widths, the input channels, the adaptor kernel,",
                "attention, mask mixing and PONO are read from the weights; --config names the",
                "released model whose test flags give the rest (PONO-C, bilinear warp, warped",
                "mask) and is checked against the weights; without it the official option",
                "defaults apply. Every missing, unexpected or mis-shaped key is named."},
        footer = {"", "Examples:",
                "  gan4j import cocosnet checkpoints/ade20k --label-nc 150 --dontcare --config ade20k --out runs/ade20k",
                "  gan4j import cocosnet checkpoints/celebahq --label-nc 19 --config celebahq --palette faces.json --out runs/faces",
                "  gan4j import cocosnet --corr Corr.pth --g G.pth --label-nc 15 --config celebahqedge --out runs/edges",
                "  gan4j cocosnet translate --model runs/ade20k --input map.png --exemplar photo.jpg --exemplar-labels"
                        + " photo-map.png --out out.png"})
final class ImportCocosnet implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The official checkpoint folder (checkpoints/<name>/) with latest_net_Corr.pth and latest_net_G.pth.")
    Path dir;

    @Option(names = "--corr", paramLabel = "FILE", description = "The correspondence network's file (default: DIR/latest_net_Corr.pth).")
    Path corr;

    @Option(names = "--g", paramLabel = "FILE", description = "The translation network's file (default: DIR/latest_net_G.pth).")
    Path g;

    @Option(names = "--label-nc", required = true, paramLabel = "N",
            description = "Number of classes (ADE20K 150, celebahq 19, celebahqedge 15).")
    int labelNc;

    @Option(names = "--dontcare", description = "The model has the don't-care channel (contain_dontcare_label: ADE20K).")
    boolean dontcare;

    @Option(names = "--config", paramLabel = "NAME",
            description = "The released model: ade20k, celebahq, celebahqedge (deepfashion needs --warp_patch, not implemented).")
    String config;

    @Option(names = "--size", defaultValue = "256", paramLabel = "PX",
            description = "The training crop size, the default translation size (a multiple of 32). Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--palette", paramLabel = "FILE.json", description = "The classes' names and colours (default colours otherwise).")
    Path palette;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "The gan4j run directory to create.")
    Path out;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        PrintWriter pw = engine.out();
        if (dir == null && (corr == null || g == null)) {
            throw new Gan4jException("give the official checkpoint folder (DIR with " + CocosModel.NET_CORR + " and "
                    + CocosModel.NET_G + "), or both --corr FILE and --g FILE");
        }
        CocosRelease release = config == null ? null : CocosRelease.parse(config);
        Palette pal = palette == null ? null : Palette.read(palette);
        engine.apply();
        OfficialCocosImport.Options o = new OfficialCocosImport.Options(labelNc, dontcare, release, size, pal);
        OfficialCocosImport.Imported m = corr == null && g == null ? OfficialCocosImport.readDir(dir, o)
                : OfficialCocosImport.read(corr != null ? corr : dir.resolve(CocosModel.NET_CORR),
                        g != null ? g : dir.resolve(CocosModel.NET_G), o);
        RunDir run = ImportedCocosRun.write(m, out);
        CocosNets n = m.spec().config().nets();
        pw.println("Imported CoCosNet" + (release == null ? " (official defaults)" : " " + release.word) + ": correspondence ngf "
                + n.ngfCorr() + ", generator ngf " + n.ngfG() + ", " + n.semanticNc() + " input channels (" + labelNc
                + " classes" + (dontcare ? " + don't-care" : "") + "), " + String.join(", ", flags(n)) + ", " + n.cropSize()
                + "x" + n.cropSize() + " into " + run.dir());
        return 0;
    }

    /** The model's flags with their official names. */
    private static List<String> flags(CocosNets n) {
        List<String> f = new ArrayList<>();
        f.add("adaptor_kernel " + n.adaptorKernel());
        if (n.useAttention()) {
            f.add("use_attention");
        }
        if (n.maskmix()) {
            f.add("maskmix");
        }
        if (n.pono()) {
            f.add("PONO");
        }
        if (n.ponoC()) {
            f.add("PONO_C");
        }
        f.add(n.warpBilinear() ? "warp_bilinear" : "nearest warp");
        if (n.warpMask() != WarpMask.NONE) {
            f.add("warp_mask_losstype " + n.warpMask().name().toLowerCase(java.util.Locale.ROOT));
        }
        return f;
    }
}
