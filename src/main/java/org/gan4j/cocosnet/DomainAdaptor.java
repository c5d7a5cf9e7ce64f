package org.gan4j.cocosnet;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.gan4j.nn.Layer;
import org.gan4j.nn.Module;
import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.nn.NormG;
import org.gan4j.nn.Padding;
import org.gan4j.nn.SpadeResnetBlock;
import org.gan4j.nn.SpadeSegmap;
import org.gan4j.torch.Tensors;

/**
 * One domain adaptor F_{A→S} or F_{B→S} of CoCosNet's correspondence network (official
 * {@code AdaptiveFeatureGenerator}): five convolutions under {@code norm_E} (spectral + instance norm), the second and
 * fourth of stride 2 and kernel {@code adaptor_kernel}, then three SPADE residual blocks conditioned on the branch's
 * own input (reflection padding), 8·ngf → 8·ngf → 8·ngf → 4·ngf channels at a quarter of the input size:
 * <pre>
 *   x = conv5(lrelu(conv4(lrelu(conv3(lrelu(conv2(lrelu(conv1(in)))))))))     [N,8ngf,H/4,W/4]
 *   x = G_middle_1(G_middle_0(head_0(x, in), in), in)                        [N,4ngf,H/4,W/4]
 * </pre>
 * Keys as the official: {@code layer1.0.weight_orig} … {@code layer5.*}, {@code head_0.*}, {@code G_middle_0.*},
 * {@code G_middle_1.*}.
 */
public final class DomainAdaptor extends Module {

    private final Layer[] layers = new Layer[5];
    private final SpadeResnetBlock head0;
    private final SpadeResnetBlock middle0;
    private final SpadeResnetBlock middle1;

    /**
     * @param inputNc       channels of the branch's input (semantic_nc for the label map, 3 for the exemplar)
     * @param ngf           width (64 in every released model: the correspondence trunk expects 4·ngf = 256)
     * @param adaptorKernel kernel of the two strided convolutions ({@code --adaptor_kernel}, 3 or 4)
     * @param normE         the convolutions' norm ({@code --norm_E}, spectralinstance)
     * @param normG         the SPADE blocks' norm ({@code --norm_G} with {@code --PONO})
     */
    public DomainAdaptor(int inputNc, int ngf, int adaptorKernel, NonSpadeNorm normE, NormG normG) {
        int[][] spec = { // in, out, kernel, stride
            {inputNc, ngf, 3, 1}, {ngf, 2 * ngf, adaptorKernel, 2}, {2 * ngf, 4 * ngf, 3, 1},
            {4 * ngf, 8 * ngf, adaptorKernel, 2}, {8 * ngf, 8 * ngf, 3, 1}};
        for (int i = 0; i < 5; i++) {
            NonSpadeNorm.Normed c = normE.conv(spec[i][0], spec[i][1], spec[i][2], spec[i][3], 1); // pw = ceil((3-1)/2)
            registerModule("layer" + (i + 1), c.module());
            layers[i] = c.layer();
        }
        head0 = registerModule("head_0", new SpadeResnetBlock(8 * ngf, 8 * ngf, inputNc, normG, Padding.REFLECT));
        middle0 = registerModule("G_middle_0", new SpadeResnetBlock(8 * ngf, 8 * ngf, inputNc, normG, Padding.REFLECT));
        middle1 = registerModule("G_middle_1", new SpadeResnetBlock(8 * ngf, 4 * ngf, inputNc, normG, Padding.REFLECT));
    }

    public Tensor forward(Tensor input) { // [N,inputNc,H,W] -> [N,4ngf,H/4,W/4]
        Tensor x = layers[0].forward(input);
        for (int i = 1; i < 5; i++) {
            x = layers[i].forward(torch.leaky_relu(x, Tensors.s(0.2)));
        }
        SpadeSegmap m = SpadeSegmap.dense(input); // the branch's own input conditions its blocks
        x = head0.forward(x, m);
        x = middle0.forward(x, m);
        return middle1.forward(x, m);
    }
}
