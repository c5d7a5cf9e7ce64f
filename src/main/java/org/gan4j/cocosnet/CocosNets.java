package org.gan4j.cocosnet;

import org.gan4j.nn.NonSpadeNorm;
import org.gan4j.nn.NormG;
import org.gan4j.nn.ParamFreeNorm;

/**
 * The options that shape CoCosNet's two networks, with the official names (microsoft/CoCosNet's
 * {@code base_options.py} and the released models' test commands).
 *
 * @param semanticNc     channels of the input map (label_nc, + don't-care, + instance edges; 3 for edge maps as RGB)
 * @param ngfCorr        width of the correspondence network ({@code --ngf}: 64, the only width the official code runs;
 *                       its trunk is 4·ngf = 256 wide)
 * @param ngfG           width of the translation network ({@code --ngf}, 64 in the released models)
 * @param cropSize       training size ({@code --crop_size}, 256 released); the generator's start grid is crop/32
 * @param aspectRatio    width/height ({@code --aspect_ratio}, 1)
 * @param adaptorKernel  the domain adaptors' strided kernel ({@code --adaptor_kernel}: 3, or 4 for celebahq, edges, deepfashion)
 * @param maskmix        the trunk also sees each side's label map ({@code --maskmix})
 * @param pono           positional normalisation in the SPADE layers ({@code --PONO})
 * @param ponoC          features centred per position across channels before the correlation ({@code --PONO_C})
 * @param matchKernel    features matched as k×k patches ({@code --match_kernel}, 3)
 * @param warpBilinear   warped exemplar upsampled bilinearly, else nearest ({@code --warp_bilinear})
 * @param warpMask       the warped label map ({@code --warp_mask_losstype})
 * @param warpCycle      the warp back to the exemplar is computed ({@code --warp_cycle_w > 0})
 * @param useAttention   self-attention at 64×64 in the generator ({@code --use_attention})
 * @param normG          SPADE norms ({@code --norm_G}: spectralspadesyncbatch3x3; PONO replaces the norm)
 * @param normE          the adaptors' convolutions ({@code --norm_E}: spectralinstance)
 */
public record CocosNets(int semanticNc, int ngfCorr, int ngfG, int cropSize, double aspectRatio, int adaptorKernel,
        boolean maskmix, boolean pono, boolean ponoC, int matchKernel, boolean warpBilinear, WarpMask warpMask,
        boolean warpCycle, boolean useAttention, NormG normG, NonSpadeNorm normE) {

    /** The correspondence is computed at a quarter of the image size ({@code opt.down}, warp_stride 4). */
    public static final int DOWN = 4;

    /**
     * The released ade20k model's flags ({@code --use_attention --maskmix --warp_mask_losstype direct --PONO
     * --PONO_C}), at 256 px with ngf 64.
     */
    public static CocosNets ade20k(int semanticNc) {
        return new CocosNets(semanticNc, 64, 64, 256, 1.0, 3, true, true, true, 3, false, WarpMask.DIRECT, false, true,
                NormG.DEFAULT, NonSpadeNorm.SPECTRAL_INSTANCE);
    }

    /**
     * The released celebahqedge model's flags ({@code --use_attention --maskmix --PONO --PONO_C --warp_bilinear
     * --adaptor_kernel 4}; trained with {@code --warp_cycle_w 1}).
     */
    public static CocosNets celebahqEdge(int semanticNc) {
        return new CocosNets(semanticNc, 64, 64, 256, 1.0, 4, true, true, true, 3, true, WarpMask.NONE, true, true,
                NormG.DEFAULT, NonSpadeNorm.SPECTRAL_INSTANCE);
    }

    /**
     * The released celebahq (mask-to-face) model's flags ({@code --use_attention --maskmix --warp_mask_losstype direct
     * --PONO --PONO_C --warp_bilinear --adaptor_kernel 4}; trained with {@code --warp_cycle_w 0.1}).
     */
    public static CocosNets celebahq(int semanticNc) {
        return new CocosNets(semanticNc, 64, 64, 256, 1.0, 4, true, true, true, 3, true, WarpMask.DIRECT, true, true,
                NormG.DEFAULT, NonSpadeNorm.SPECTRAL_INSTANCE);
    }

    /**
     * The official option defaults ({@code base_options.py}, {@code test.py} without flags): no attention, no mask
     * mixing, no PONO (norm_G's synchronized batch norm), no PONO-C, nearest warp, no warped mask, adaptor kernel 3.
     */
    public static CocosNets officialDefaults(int semanticNc) {
        return new CocosNets(semanticNc, 64, 64, 256, 1.0, 3, false, false, false, 3, false, WarpMask.NONE, false, false,
                NormG.DEFAULT, NonSpadeNorm.SPECTRAL_INSTANCE);
    }

    /** The SPADE layers' norm: PONO when asked, else norm_G's. */
    public NormG spadeNorm() {
        return pono ? new NormG(normG.spectral(), ParamFreeNorm.POSITIONAL, normG.kernel()) : normG;
    }

    /** Channels the generator's SPADE layers see: the warped exemplar (3) and the input map ({@code CBN_intype warp_mask}). */
    public int generatorInputNc() {
        return 3 + semanticNc;
    }

    /** The generator's start grid width, crop/2^5. */
    public int sw() {
        return cropSize / 32;
    }

    /** The generator's start grid height, round(sw / aspect ratio) (Python's round: half to even). */
    public int sh() {
        return (int) Math.rint(sw() / aspectRatio);
    }

    public CocosNets withSize(int crop) {
        return new CocosNets(semanticNc, ngfCorr, ngfG, crop, aspectRatio, adaptorKernel, maskmix, pono, ponoC,
                matchKernel, warpBilinear, warpMask, warpCycle, useAttention, normG, normE);
    }

    public CocosNets withCorrespondenceWidth(int ngf) {
        return new CocosNets(semanticNc, ngf, ngfG, cropSize, aspectRatio, adaptorKernel, maskmix, pono, ponoC,
                matchKernel, warpBilinear, warpMask, warpCycle, useAttention, normG, normE);
    }

    public CocosNets withGeneratorWidth(int ngf) {
        return new CocosNets(semanticNc, ngfCorr, ngf, cropSize, aspectRatio, adaptorKernel, maskmix, pono, ponoC,
                matchKernel, warpBilinear, warpMask, warpCycle, useAttention, normG, normE);
    }
}
