package org.gan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.data.Images;
import org.gan4j.data.Npy;
import org.gan4j.stylegan2.Generator;
import org.gan4j.stylegan2.NoiseMode;
import org.gan4j.stylegan2.Stylegan2Checkpoint;
import org.gan4j.stylegan2.Stylegan2Config;
import org.gan4j.torch.ImageTensors;
import org.gan4j.torch.NoGrad;
import org.gan4j.torch.Scope;
import org.gan4j.torch.Seeds;
import org.gan4j.torch.Tensors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan4j mystyle ...} in-process on a tiny random generator and an album it drew: personalize (given anchors,
 * then inverted ones) and resume, sample, project (plain, inpainting, super-resolution), edit with each policy, and
 * one-line errors.
 */
@Tag("slow")
class MystyleCliTest {

    static final Stylegan2Config G = Stylegan2Config.paper(16).withStyleDim(16).withNMlp(2).withChannels(1, 8, 64).withSeed(3);

    @TempDir
    Path tmp;

    /** The generator file, an album of 4 of its pictures, and their W codes as anchors.npy. */
    private Path[] inputs() throws Exception {
        Path model = tmp.resolve("g16.pt");
        Path album = tmp.resolve("album");
        Path anchors = tmp.resolve("anchors.npy");
        try (Scope s = new Scope(); NoGrad ng = new NoGrad()) {
            Seeds.seed(3);
            Generator g = new Generator(G);
            Stylegan2Checkpoint.of(g, null).save(model);
            Tensor w = g.getLatent(torch.randn(4, 16));
            List<BufferedImage> pics = ImageTensors.toImages(g.synthesize(w.unsqueeze(1).repeat(1, g.nLatent(), 1), NoiseMode.CONST));
            for (int i = 0; i < pics.size(); i++) {
                Images.writePng(album.resolve("p" + i + ".png"), pics.get(i));
            }
            Npy.write(anchors, Tensors.floats(w.contiguous()), 4, 16);
            Npy.write(tmp.resolve("direction.npy"), Tensors.floats(torch.randn(16)), 16);
        }
        return new Path[] {model, album, anchors};
    }

    /**
     * The official loss from weights files: torchvision-layout AlexNet weights and LPIPS's linear layers (random
     * here) drive the tuning and the projection (also at 4× below the 16 px model: upsampled for AlexNet); the
     * files' one-line refusals.
     */
    @Test
    void lpipsOnAlexNetFromWeightsFiles() throws Exception {
        Path[] in = inputs();
        Path alex = tmp.resolve("alexnet.pth");
        Path lin = tmp.resolve("alex.pth");
        try (Scope s = new Scope()) {
            java.util.Map<String, Tensor> net = new java.util.LinkedHashMap<>();
            int[] index = {0, 3, 6, 8, 10};
            int[] out = {64, 192, 384, 256, 256};
            int[] kernel = {11, 5, 3, 3, 3};
            int inCh = 3;
            for (int i = 0; i < index.length; i++) {
                net.put("features." + index[i] + ".weight", torch.randn(out[i], inCh, kernel[i], kernel[i]).mul(Tensors.s(0.05)));
                net.put("features." + index[i] + ".bias", torch.randn(out[i]).mul(Tensors.s(0.01)));
                inCh = out[i];
            }
            net.put("classifier.1.weight", torch.randn(4, 9)); // ignored, as in torchvision's file
            org.gan4j.torch.PtFile.save(alex, org.gan4j.torch.StateDict.of(net));
            java.util.Map<String, Tensor> layers = new java.util.LinkedHashMap<>();
            for (int l = 0; l < out.length; l++) {
                layers.put("lin" + l + ".model.1.weight", torch.rand(1, out[l], 1, 1));
            }
            org.gan4j.torch.PtFile.save(lin, org.gan4j.torch.StateDict.of(layers));
        }
        Path run = tmp.resolve("alex-run");
        Cli p = Cli.run("mystyle", "personalize", "--model", in[0].toString(), "--album", in[1].toString(), "--anchors",
                in[2].toString(), "--steps", "1", "--alexnet", alex.toString(), "--lpips-weights", lin.toString(),
                "--seed", "1", "--threads", "1", "--out", run.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("distance: LPIPS on AlexNet " + alex.toAbsolutePath() + " with the linear layers of");
        Cli sr = Cli.run("mystyle", "project", "--model", run.toString(), "--image", in[1].resolve("p1.png").toString(),
                "--sr-factor", "4", "--steps", "2", "--alexnet", alex.toString(), "--lpips-weights", lin.toString(),
                "--out", tmp.resolve("alex-sr").toString());
        assertThat(sr.code()).as(sr.err()).isZero();

        Cli linOnly = Cli.run("mystyle", "personalize", "--model", in[0].toString(), "--album", in[1].toString(),
                "--lpips-weights", lin.toString(), "--out", tmp.resolve("x1").toString());
        assertThat(linOnly.err()).contains("are LPIPS's linear layers for a network: give its weights too");
        assertThat(linOnly.errLines()).isEqualTo(1);
        Cli both = Cli.run("mystyle", "project", "--model", run.toString(), "--image", in[1].resolve("p1.png").toString(),
                "--alexnet", alex.toString(), "--vgg16", alex.toString(), "--out", tmp.resolve("x2").toString());
        assertThat(both.err()).contains("give --alexnet or --vgg16, not both");
        assertThat(both.errLines()).isEqualTo(1);
        Cli foreign = Cli.run("mystyle", "project", "--model", run.toString(), "--image", in[1].resolve("p1.png").toString(),
                "--alexnet", lin.toString(), "--out", tmp.resolve("x3").toString());
        assertThat(foreign.err()).contains("is not a torchvision alexnet state dict");
        assertThat(foreign.errLines()).isEqualTo(1);
        Cli missing = Cli.run("mystyle", "personalize", "--model", in[0].toString(), "--album", in[1].toString(),
                "--alexnet", tmp.resolve("none.pth").toString(), "--out", tmp.resolve("x4").toString());
        assertThat(missing.err().trim()).isEqualTo("gan4j: --alexnet " + tmp.resolve("none.pth") + " not found");
        assertThat(tmp.resolve("x4")).doesNotExist();
    }

    @Test
    void personalizeSampleProjectEdit() throws Exception {
        Path[] in = inputs();
        Path run = tmp.resolve("run");
        Cli p = Cli.run("mystyle", "personalize", "--model", in[0].toString(), "--album", in[1].toString(), "--anchors",
                in[2].toString(), "--steps", "2", "--seed", "1", "--threads", "1", "--out", run.toString());
        assertThat(p.code()).as(p.err()).isEqualTo(0);
        assertThat(run.resolve("mystyle.pt")).exists();
        assertThat(run.resolve("anchors.npy")).exists();
        assertThat(run.resolve("checkpoints/latest.pt")).exists();
        Cli again = Cli.run("mystyle", "personalize", "--resume", run.toString(), "--threads", "1");
        assertThat(again.code()).as(again.err()).isEqualTo(0);
        Cli mixed = Cli.run("mystyle", "personalize", "--resume", run.toString(), "--steps", "9");
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.errLines()).isEqualTo(1);

        Path inverted = tmp.resolve("inverted");
        Cli inv = Cli.run("mystyle", "personalize", "--model", in[0].toString(), "--album", in[1].toString(), "--steps", "1",
                "--inversion-steps", "2", "--seed", "1", "--threads", "1", "--out", inverted.toString());
        assertThat(inv.code()).as(inv.err()).isEqualTo(0);
        assertThat(Npy.read(inverted.resolve("anchors.npy")).shape()).containsExactly(4, 16);

        Path samples = tmp.resolve("samples");
        Cli s = Cli.run("mystyle", "sample", "--model", run.toString(), "--count", "5", "--seed", "2", "--out", samples.toString());
        assertThat(s.code()).as(s.err()).isEqualTo(0);
        assertThat(samples.resolve("grid.png")).exists();
        assertThat(samples.resolve("004.png")).exists();
        Npy.Array alphas = Npy.read(samples.resolve("alphas.npy"));
        assertThat(alphas.shape()).containsExactly(5, 4);

        Path image = in[1].resolve("p1.png");
        Path proj = tmp.resolve("proj");
        Cli pr = Cli.run("mystyle", "project", "--model", run.toString(), "--image", image.toString(), "--steps", "3",
                "--out", proj.toString());
        assertThat(pr.code()).as(pr.err()).isEqualTo(0);
        assertThat(Npy.read(proj.resolve("alphas.npy")).shape()).containsExactly(G.nLatent(), 4);
        assertThat(proj.resolve("result.png")).exists();

        Path mask = tmp.resolve("mask.png");
        BufferedImage mk = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = mk.createGraphics();
        gr.setColor(Color.WHITE);
        gr.fillRect(0, 0, 16, 16);
        gr.setColor(Color.BLACK);
        gr.fillRect(4, 4, 8, 8);
        gr.dispose();
        Images.writePng(mask, mk);
        Path filled = tmp.resolve("filled");
        Cli fill = Cli.run("mystyle", "project", "--model", run.toString(), "--image", image.toString(), "--mask",
                mask.toString(), "--steps", "2", "--out", filled.toString());
        assertThat(fill.code()).as(fill.err()).isEqualTo(0);
        BufferedImage original = Images.read(image);
        BufferedImage result = Images.read(filled.resolve("result.png"));
        assertThat(result.getRGB(0, 0)).isEqualTo(original.getRGB(0, 0)); // a known pixel is kept
        Path sr = tmp.resolve("sr");
        Cli up = Cli.run("mystyle", "project", "--model", run.toString(), "--image", image.toString(), "--sr-factor", "4",
                "--steps", "2", "--out", sr.toString());
        assertThat(up.code()).as(up.err()).isEqualTo(0);
        assertThat(Images.read(sr.resolve("input.png")).getWidth()).isEqualTo(4);

        for (String policy : List.of("stop", "continue", "project")) {
            Path edit = tmp.resolve("edit-" + policy);
            Cli e = Cli.run("mystyle", "edit", "--model", run.toString(), "--alphas", proj.resolve("alphas.npy").toString(),
                    "--direction", tmp.resolve("direction.npy").toString(), "--policy", policy, "--magnitude", "0.5",
                    "--edits", "6", "--out", edit.toString());
            assertThat(e.code()).as(policy + ": " + e.err()).isEqualTo(0);
            assertThat(e.out()).contains("Cosine similarity");
            assertThat(edit.resolve("strip.png")).exists();
            assertThat(edit.resolve("edit.gif")).exists();
        }

        // One-line errors.
        Cli noModel = Cli.run("mystyle", "sample", "--model", tmp.resolve("nope").toString(), "--out", tmp.resolve("x").toString());
        assertThat(noModel.code()).isNotZero();
        assertThat(noModel.errLines()).isEqualTo(1);
        Cli notMystyle = Cli.run("mystyle", "sample", "--model", in[0].toString(), "--out", tmp.resolve("x").toString());
        assertThat(notMystyle.code()).isNotZero();
        assertThat(notMystyle.err()).contains("without MyStyle's anchors");
        assertThat(notMystyle.errLines()).isEqualTo(1);
        Cli badPolicy = Cli.run("mystyle", "edit", "--model", run.toString(), "--alphas", proj.resolve("alphas.npy").toString(),
                "--direction", tmp.resolve("direction.npy").toString(), "--policy", "sideways", "--out", tmp.resolve("y").toString());
        assertThat(badPolicy.code()).isNotZero();
        assertThat(badPolicy.errLines()).isEqualTo(1);
        Cli both = Cli.run("mystyle", "project", "--model", run.toString(), "--image", image.toString(), "--mask",
                mask.toString(), "--sr-factor", "4", "--out", tmp.resolve("z").toString());
        assertThat(both.code()).isNotZero();
        assertThat(both.errLines()).isEqualTo(1);
        Cli fewAnchors = Cli.run("mystyle", "personalize", "--model", in[0].toString(), "--album", in[1].toString(),
                "--anchors", tmp.resolve("direction.npy").toString(), "--steps", "1", "--out", tmp.resolve("w").toString());
        assertThat(fewAnchors.code()).isNotZero();
        assertThat(fewAnchors.err()).contains("one anchor per picture");
        assertThat(fewAnchors.errLines()).isEqualTo(1);
        Cli badAlbum = Cli.run("mystyle", "personalize", "--model", "builtin:faces", "--album", "builtin:faces:x",
                "--out", tmp.resolve("v").toString());
        assertThat(badAlbum.code()).isNotZero();
        assertThat(badAlbum.errLines()).isEqualTo(1);
        assertThat(tmp.resolve("v")).doesNotExist();
        Cli setWithoutPlus = Cli.run("mystyle", "project", "--model", run.toString(), "--image", image.toString(),
                "--set", "yaw=0.5", "--out", tmp.resolve("u").toString());
        assertThat(setWithoutPlus.err()).contains("--set needs a MyStyle++ model");
        assertThat(setWithoutPlus.errLines()).isEqualTo(1);
        Cli neither = Cli.run("mystyle", "edit", "--model", run.toString(), "--alphas", proj.resolve("alphas.npy").toString(),
                "--out", tmp.resolve("t").toString());
        assertThat(neither.err()).contains("give the edit with --direction FILE");
        assertThat(neither.errLines()).isEqualTo(1);
        Cli tuneWithoutImage = Cli.run("mystyle", "edit", "--model", run.toString(), "--alphas",
                proj.resolve("alphas.npy").toString(), "--direction", tmp.resolve("direction.npy").toString(), "--tune", "2",
                "--out", tmp.resolve("t").toString());
        assertThat(tuneWithoutImage.err()).contains("--tune needs the image itself");
        assertThat(tuneWithoutImage.errLines()).isEqualTo(1);

        // Single-image tuning after the projection: the result comes from the tuned generator.
        Path tuned = tmp.resolve("tuned");
        Cli t = Cli.run("mystyle", "project", "--model", run.toString(), "--image", image.toString(), "--steps", "3",
                "--tune", "3", "--out", tuned.toString());
        assertThat(t.code()).as(t.err()).isEqualTo(0);
        assertThat(t.out()).contains("Tuned the generator on this image for 3 steps");
    }
}
