package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.cocosnet.CocosModel;
import org.gan4j.cocosnet.TinyOfficialPair;
import org.gan4j.data.Images;
import org.gan4j.data.LabelMap;
import org.gan4j.data.LabelMaps;
import org.gan4j.data.Palette;
import org.gan4j.spade.SpadeGenerator;
import org.gan4j.spade.SpadeNets;
import org.gan4j.torch.OrderedDict;
import org.gan4j.torch.PtFile;
import org.gan4j.torch.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j import cocosnet} in-process on small official-layout pairs: a checkpoint folder imports into a run that
 * {@code gan4j cocosnet translate} uses; every bad input (missing, unexpected or mis-shaped keys, a class count the
 * weights contradict, a SPADE checkpoint, a truncated file, a released model gan4j cannot run) is one line naming the
 * file and the problem, exit code 2, and no run directory.
 */
class ImportCocosnetCliTest {

    @TempDir
    Path tmp;

    private Path pair(String name) throws Exception {
        return TinyOfficialPair.write(tmp.resolve(name), TinyOfficialPair.ade20k());
    }

    private static LabelMap quarters(int size, int a, int b) {
        int[] ids = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                ids[y * size + x] = y < size / 2 ? a : x < size / 2 ? b : 255;
            }
        }
        return new LabelMap(size, size, ids);
    }

    @Test
    void aCheckpointFolderImportsIntoARunThatTranslates() throws Exception {
        Path dir = pair("ade20k");
        Path run = tmp.resolve("run");
        Cli r = Cli.run("import", "cocosnet", dir.toString(), "--label-nc", "4", "--dontcare", "--config", "ade20k",
                "--size", "64", "--out", run.toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Imported CoCosNet ade20k").contains("correspondence ngf 4, generator ngf 2")
                .contains("5 input channels (4 classes + don't-care)").contains("use_attention, maskmix, PONO, PONO_C")
                .contains("warp_mask_losstype direct").contains("64x64");
        assertThat(run.resolve(CocosModel.NET_CORR)).isRegularFile();
        assertThat(Palette.read(run.resolve(CocosModel.PALETTE_JSON)).classes()).hasSize(4);

        LabelMaps.writePng(tmp.resolve("map.png"), quarters(64, 1, 2));
        LabelMaps.writePng(tmp.resolve("ref-map.png"), quarters(64, 2, 3));
        BufferedImage photo = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                photo.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | 90);
            }
        }
        Images.writePng(tmp.resolve("photo.png"), photo);
        Path out = tmp.resolve("out.png");
        Cli t = Cli.run("cocosnet", "translate", "--model", run.toString(), "--input", tmp.resolve("map.png").toString(),
                "--exemplar", tmp.resolve("photo.png").toString(), "--exemplar-labels", tmp.resolve("ref-map.png").toString(),
                "--out", out.toString(), "--threads", "1");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(Images.read(out).getWidth()).isEqualTo(64);

        // the files given one by one, a palette, and the official defaults without --config
        Files.writeString(tmp.resolve("pal.json"), "{\"classes\":[{\"id\":0,\"name\":\"sky\",\"color\":\"#87ceeb\"},"
                + "{\"id\":1,\"color\":\"#00ff00\"},{\"id\":255,\"name\":\"unknown\",\"color\":\"#000000\"}]}");
        Path run2 = tmp.resolve("run2");
        Cli e = Cli.run("import", "cocosnet", "--corr", dir.resolve(CocosModel.NET_CORR).toString(), "--g",
                dir.resolve(CocosModel.NET_G).toString(), "--label-nc", "4", "--dontcare", "--palette",
                tmp.resolve("pal.json").toString(), "--size", "64", "--out", run2.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("Imported CoCosNet (official defaults)").contains("nearest warp")
                .doesNotContain("PONO_C");
        assertThat(Palette.read(run2.resolve(CocosModel.PALETTE_JSON)).classes()).extracting(Palette.Entry::name)
                .containsExactly("sky", "class 1", "unknown");
    }

    /** The import fails with one line containing each of {@code parts}, exit code 2, and leaves no run. */
    private void fails(String[] args, String... parts) {
        Path out = tmp.resolve("never");
        String[] all = new String[args.length + 6];
        all[0] = "import";
        all[1] = "cocosnet";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--out";
        all[args.length + 3] = out.toString();
        all[args.length + 4] = "--threads";
        all[args.length + 5] = "1";
        Cli r = Cli.run(all);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains(parts);
        assertThat(out).doesNotExist();
    }

    private static String[] ade20k(Path dir, String... more) {
        String[] base = {dir.toString(), "--label-nc", "4", "--dontcare", "--config", "ade20k", "--size", "64"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void edit(Path file, java.util.function.Consumer<Map<Object, Object>> change) {
        try (Scope s = new Scope()) {
            OrderedDict sd = (OrderedDict) PtFile.load(file);
            change.accept(sd);
            PtFile.save(file, sd);
        }
    }

    @Test
    void badKeysAndShapesAreNamedInOneLine() throws Exception {
        Path missing = pair("missing");
        edit(missing.resolve(CocosModel.NET_CORR), sd -> sd.remove("layer.3.prelu.weight"));
        fails(ade20k(missing), "missing/latest_net_Corr.pth", "missing keys [layer.3.prelu.weight]");

        Path unexpected = pair("unexpected");
        edit(unexpected.resolve(CocosModel.NET_G), sd -> sd.put("G_middle_2.conv_0.bias", torch.zeros(4)));
        fails(ade20k(unexpected), "unexpected/latest_net_G.pth", "unexpected keys [G_middle_2.conv_0.bias]");

        Path shape = pair("shape");
        edit(shape.resolve(CocosModel.NET_G), sd -> sd.put("up_1.conv_1.bias", torch.zeros(5)));
        fails(ade20k(shape), "shape/latest_net_G.pth", "wrong shapes [up_1.conv_1.bias [5] (expected [8])]");
    }

    @Test
    void wrongOptionsAndForeignFilesAreOneLineErrors() throws Exception {
        Path dir = pair("ade20k");
        fails(new String[] {dir.toString(), "--label-nc", "150", "--dontcare", "--config", "ade20k"},
                "latest_net_Corr.pth takes 5 input channels", "--label-nc 150 with --dontcare gives 151",
                "the released ade20k model: --label-nc 150 --dontcare");
        fails(new String[] {dir.toString(), "--label-nc", "20", "--config", "deepfashion"}, "--config deepfashion",
                "--warp_patch", "does not implement");
        fails(new String[] {dir.toString(), "--label-nc", "4", "--dontcare", "--config", "celebahq", "--size", "64"},
                "--config celebahq has --adaptor_kernel 4", "latest_net_Corr.pth has 3x3 adaptor kernels");
        fails(new String[] {"--label-nc", "4"}, "both --corr FILE and --g FILE");
        fails(ade20k(tmp.resolve("nowhere")), "nowhere is not a directory");
        fails(new String[] {dir.toString(), "--g", tmp.resolve("none.pth").toString(), "--label-nc", "4"},
                "generator checkpoint not found", "none.pth");

        // an official SPADE generator where CoCosNet's should be
        Path spade = pair("spade");
        try (Scope s = new Scope(); SpadeGenerator g = new SpadeGenerator(SpadeNets.defaults(4).withWidths(2, 4))) {
            PtFile.save(spade.resolve(CocosModel.NET_G), new OrderedDict(g.stateDict()));
        }
        fails(ade20k(spade), "spade/latest_net_G.pth is a SPADE generator", "gan4j import spade");

        // the two files swapped
        fails(new String[] {"--corr", dir.resolve(CocosModel.NET_G).toString(), "--g", dir.resolve(CocosModel.NET_CORR)
                .toString(), "--label-nc", "4", "--dontcare"}, "latest_net_G.pth is a generator's state dict", "give latest_net_Corr.pth");

        // a gan4j training checkpoint
        Path ck = tmp.resolve("latest.pt");
        try (Scope s = new Scope()) {
            Map<String, Object> tree = new java.util.LinkedHashMap<>();
            tree.put("netCorr", PtFile.load(dir.resolve(CocosModel.NET_CORR)));
            tree.put("netG", PtFile.load(dir.resolve(CocosModel.NET_G)));
            tree.put("netD", new OrderedDict());
            PtFile.save(ck, tree);
        }
        fails(new String[] {"--corr", ck.toString(), "--g", dir.resolve(CocosModel.NET_G).toString(), "--label-nc", "4",
                "--dontcare"}, "latest.pt is a gan4j training checkpoint");

        // a truncated download
        Path cut = pair("cut");
        Path g = cut.resolve(CocosModel.NET_G);
        try (FileChannel ch = FileChannel.open(g, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        fails(ade20k(cut), "cut/latest_net_G.pth");

        // a palette with a class the model does not have
        Files.writeString(tmp.resolve("pal.json"), "{\"classes\":[{\"id\":7,\"color\":\"#87ceeb\"}]}");
        fails(ade20k(dir, "--palette", tmp.resolve("pal.json").toString()), "pal.json: class id 7", "ids 0..3");
    }
}
