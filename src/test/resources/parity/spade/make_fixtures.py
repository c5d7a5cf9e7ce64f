r"""Parity fixtures for gan4j's SPADE from the official NVlabs/SPADE networks on random weights.

This script is ours (a gan4j test helper); it contains no NVlabs code. It imports the official modules
from an export of the repository and runs them on CPU with Debian's torch.

Get the official code (outside any git work tree):

    R=/work/.mirror/NVlabs+SPADE/repo          # a clone of github.com/NVlabs/SPADE
    mkdir -p /work/ref/SPADE && cd /work/ref/SPADE
    git -C $R ls-tree -r --name-only HEAD | grep '\.py$' | while read f; do
      mkdir -p "$(dirname "$f")"; git -C $R show "HEAD:$f" > "$f"; done
    # (plain `git archive HEAD` fails on this mirror: its large images are absent)
    # SPADE expects vacancy/Synchronized-BatchNorm-PyTorch's sync_batchnorm/ package under
    # models/networks/ (its README: git clone + cp -rf); this script finds it either there or in
    mkdir -p /work/ref/Synchronized-BatchNorm-PyTorch
    git -C /work/.mirror/vacancy+Synchronized-BatchNorm-PyTorch/repo archive HEAD \
      | tar -x -C /work/ref/Synchronized-BatchNorm-PyTorch

Then, from this folder:

    /usr/bin/python3 make_fixtures.py [--spade /work/ref/SPADE] [--sync-bn /work/ref/Synchronized-BatchNorm-PyTorch]

It writes generator_seg.pt, generator_vae.pt, encoder.pt, discriminator.pt and losses.pt beside itself,
reloads them and prints their keys and shapes, then loads each stored state into a freshly built official
network and checks that it reproduces the stored outputs exactly. Everything is seeded and runs on one
thread; a rerun writes byte-identical files.
"""
import argparse
import importlib
import os
import sys
import types
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings("ignore")  # F.tanh / nearest-interpolate deprecation chatter

HERE = os.path.dirname(os.path.abspath(__file__))


# ----------------------------------------------------------------------------------------------------------
# imports of the official code
# ----------------------------------------------------------------------------------------------------------
def setup_imports(spade_root, sync_bn_root):
    sys.path.insert(0, spade_root)
    # models/networks/normalization.py does `from models.networks.sync_batchnorm import SynchronizedBatchNorm2d`
    if not os.path.isdir(os.path.join(spade_root, "models", "networks", "sync_batchnorm")):
        sys.path.insert(0, sync_bn_root)
        import sync_batchnorm  # vacancy/Synchronized-BatchNorm-PyTorch, unchanged
        sys.modules["models.networks.sync_batchnorm"] = sync_batchnorm
    # util/util.py imports dill, PIL and util.coco for its other helpers; the networks only use
    # find_class_in_module from it (and only in modify_commandline_options / define_*, which we do not call).
    try:
        importlib.import_module("util.util")
    except ImportError as e:
        print("util.util not importable (%s): using a stub with find_class_in_module only" % e)
        import util  # the official package, empty __init__
        stub = types.ModuleType("util.util")

        def find_class_in_module(target_cls_name, module):
            target = target_cls_name.replace("_", "").lower()
            lib = importlib.import_module(module)
            return next(c for n, c in lib.__dict__.items() if n.lower() == target)

        stub.find_class_in_module = find_class_in_module
        sys.modules["util.util"] = stub
        util.util = stub


# ----------------------------------------------------------------------------------------------------------
# options: the official defaults (options/base_options.py, options/train_options.py, the networks'
# modify_commandline_options) with the fixture's sizes on top
# ----------------------------------------------------------------------------------------------------------
def make_opt(**over):
    o = dict(
        # base_options
        model="pix2pix", netG="spade", norm_G="spectralspadesyncbatch3x3",  # SPADEGenerator's set_defaults
        norm_D="spectralinstance", norm_E="spectralinstance",
        batchSize=2, crop_size=512, aspect_ratio=1.0, label_nc=182, contain_dontcare_label=False,
        output_nc=3, ngf=64, init_type="xavier", init_variance=0.02, z_dim=256, no_instance=False,
        nef=16, use_vae=False,
        # generator.py
        num_upsampling_layers="normal",
        # train_options
        isTrain=True, continue_train=False, ndf=64, lambda_feat=10.0, lambda_vgg=10.0, no_ganFeat_loss=False,
        no_vgg_loss=False, gan_mode="hinge", netD="multiscale", lambda_kld=0.05,
        # discriminator.py
        netD_subarch="n_layer", num_D=2, n_layers_D=4,
    )
    o.update(over)
    opt = argparse.Namespace(**o)
    opt.gpu_ids = []  # CPU
    # as BaseOptions.parse does
    opt.semantic_nc = opt.label_nc + (1 if opt.contain_dontcare_label else 0) + (0 if opt.no_instance else 1)
    return opt


def opt_dict(opt):
    return {k: v for k, v in sorted(vars(opt).items()) if isinstance(v, (str, int, float, bool))}


# ----------------------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------------------
# Weights: the official init path (BaseNetwork.init_weights, as networks.create_network calls it) with
# init_type 'none', which the official code documents as "uses pytorch's default init method". The default
# 'xavier' with gain 0.02 makes SPADE's gamma/beta ~1e-3, which would leave the modulation nearly untested.
# init_weights zeroes every bias, so the biases are then redrawn (normal, std BIAS_STD). The forward passes do
# not depend on how the weights were drawn: they are stored.
INIT_TYPE = "none"
# The generators' stored state is taken after GEN_WARMUP training-mode forwards on other random inputs: with the
# freshly initialised buffers (running mean 0 / var 1, random spectral-norm u, v whose u.Wv is far below the
# spectral norm or negative) the eval-mode output is tanh-saturated (every |y| > 0.99), which would test nothing.
# The encoder and discriminator normalise every spectral-norm conv with InstanceNorm, so their eval output is
# meaningful from the start; their state is the one before any forward (warm-up 0), as built.
GEN_WARMUP = 30
BIAS_STD = 0.1


def build(cls, opt, warmup=0, warmup_input=None):
    """Construct + init as networks.create_network (minus print / cuda); then `warmup` training-mode forwards
    on other random inputs (no_grad, no optimiser step: only the buffers move), then round to float16."""
    net = cls(opt)
    net.init_weights(opt.init_type, opt.init_variance)
    # init_weights sets every Conv/Linear bias to 0 whatever the init_type; give them random values so that
    # the biases take part in the comparison
    with torch.no_grad():
        for name, p in net.named_parameters():
            if name.endswith("bias"):
                p.normal_(0.0, BIAS_STD)
    net.train()
    with torch.no_grad():
        for k in range(warmup):
            net(*warmup_input(k))
    round_state_fp16(net)
    return net


def sn_sigmas(net):
    """sigma = u . (W v) as the eval-mode spectral-norm hook computes it from the stored u, v (dim 0)."""
    out = {}
    for name, m in net.named_modules():
        if hasattr(m, "weight_orig"):
            w = m.weight_orig.detach().flatten(1)
            out[name] = float(torch.dot(m.weight_u, torch.mv(w, m.weight_v)))
    return out


def round_state_fp16(net):
    """Round every floating parameter and buffer through float16 in place, so the fp32 forward runs on exactly
    the values stored (in place: the spectral-norm `weight` attribute shares weight_orig's storage until the
    first forward)."""
    with torch.no_grad():
        for t in net.state_dict().values():
            if t.is_floating_point():
                t.copy_(t.half().float())


def state_fp16(net):
    out = {}
    for k, v in net.state_dict().items():
        if v.is_floating_point():
            h = v.half()
            assert torch.equal(h.float(), v), k
            out[k] = h.clone()
        else:
            out[k] = v.clone()
    return out


def buffers_fp32(net):
    """The state that a forward pass can change: batch-norm running stats (+ num_batches_tracked) and the
    spectral-norm vectors u, v."""
    return {k: v.detach().clone() for k, v in net.named_buffers()}


def nested_clone(x):
    if isinstance(x, (list, tuple)):
        return [nested_clone(y) for y in x]
    return x.detach().clone()


def blocky_map(n, h, w, nvals, nrect, gen, offset=0):
    """Integer maps made of overlapping random rectangles (odd sizes and offsets, so nearest resizing picks
    different pixels at every scale)."""
    m = torch.randint(0, nvals, (n, 1, 1, 1), generator=gen).expand(n, 1, h, w).clone()
    for b in range(n):
        for _ in range(nrect):
            y0 = int(torch.randint(0, h, (1,), generator=gen))
            x0 = int(torch.randint(0, w, (1,), generator=gen))
            hh = int(torch.randint(1, max(2, h // 2), (1,), generator=gen))
            ww = int(torch.randint(1, max(2, w // 2), (1,), generator=gen))
            m[b, 0, y0:y0 + hh, x0:x0 + ww] = int(torch.randint(0, nvals, (1,), generator=gen))
    return m + offset


def pix2pix_helper(opt):
    """A Pix2PixModel without its networks: only for the official preprocess_input / get_edges /
    divide_pred / reparameterize / compute_*_loss methods."""
    from models.pix2pix_model import Pix2PixModel
    m = Pix2PixModel.__new__(Pix2PixModel)
    nn.Module.__init__(m)
    m.opt = opt
    m.FloatTensor = torch.FloatTensor
    m.ByteTensor = torch.ByteTensor
    return m


def try_error(fn):
    try:
        fn()
        return "no error"
    except Exception as e:  # noqa: BLE001 - recorded in the fixture / README
        return "%s: %s" % (type(e).__name__, str(e).splitlines()[0])


def save(obj, name):
    path = os.path.join(HERE, name)
    torch.save(obj, path, _use_new_zipfile_serialization=True)
    return path


def bn_checks(net, x_fn):
    """Check on this network that the one-process SynchronizedBatchNorm2d is F.batch_norm: output equal to an
    nn.BatchNorm2d with the same buffers, running_var updated with the unbiased variance, num_batches_tracked
    untouched."""
    from models.networks.sync_batchnorm import SynchronizedBatchNorm2d
    notes = {}
    bns = [m for m in net.modules() if isinstance(m, SynchronizedBatchNorm2d)]
    bn = bns[0]
    notes["sync_bn_eps"] = bn.eps
    notes["sync_bn_momentum"] = bn.momentum
    notes["sync_bn_affine"] = bn.affine
    x = x_fn(bn.num_features)
    ref = nn.BatchNorm2d(bn.num_features, affine=False)
    ref.load_state_dict(bn.state_dict())
    saved = {k: v.clone() for k, v in bn.state_dict().items()}
    bn.train()
    ref.train()
    with torch.no_grad():
        y = bn(x)
        y_ref = ref(x)
    notes["sync_bn_train_equals_BatchNorm2d"] = bool(torch.equal(y, y_ref))
    notes["sync_bn_running_mean_equal"] = bool(torch.equal(bn.running_mean, ref.running_mean))
    notes["sync_bn_running_var_equal"] = bool(torch.equal(bn.running_var, ref.running_var))
    n = x.numel() // x.size(1)
    unb = x.transpose(0, 1).reshape(x.size(1), -1).var(dim=1, unbiased=True)
    expect = (1 - bn.momentum) * saved["running_var"] + bn.momentum * unb
    notes["sync_bn_running_var_unbiased"] = bool(torch.allclose(bn.running_var, expect, rtol=1e-6, atol=1e-7))
    notes["sync_bn_num_batches_tracked_after_train_forward"] = int(bn.num_batches_tracked)
    notes["BatchNorm2d_num_batches_tracked_after_train_forward"] = int(ref.num_batches_tracked)
    notes["sync_bn_values_per_channel_in_check"] = n
    bn.load_state_dict(saved)  # leave the network as it was
    return notes


# ----------------------------------------------------------------------------------------------------------
# 1, 2: generators
# ----------------------------------------------------------------------------------------------------------
BLOCKS = ["fc", "head_0", "G_middle_0", "G_middle_1", "up_0", "up_1", "up_2", "up_3", "up_4", "conv_img"]


def run_generator(netG, semantics, z, keep_blocks, after_eval):
    """eval forward, train forward (one power iteration per SN conv, batch statistics), eval forward again."""
    out = {}
    inter = {}
    hooks = []
    for name in keep_blocks:
        if hasattr(netG, name):
            hooks.append(getattr(netG, name).register_forward_hook(
                lambda mod, inp, o, name=name: inter.__setitem__(name, o.detach().clone())))
    netG.eval()
    with torch.no_grad():
        out["y_eval"] = netG(semantics, z=z)
    for h in hooks:
        h.remove()
    if keep_blocks:
        out["blocks_eval"] = inter
    netG.train()
    with torch.no_grad():
        out["y_train"] = netG(semantics, z=z)
    out["state_after_train"] = buffers_fp32(netG)
    if after_eval:
        netG.eval()
        with torch.no_grad():
            out["y_eval_after_train"] = netG(semantics, z=z)
    return out


def make_generator_seg():
    from models.networks.generator import SPADEGenerator
    torch.manual_seed(1)
    opt = make_opt(label_nc=5, contain_dontcare_label=True, no_instance=False, ngf=2, crop_size=64,
                   aspect_ratio=2.0, num_upsampling_layers="normal", use_vae=False, init_type=INIT_TYPE)
    helper = pix2pix_helper(opt)
    H, W = 32, 64  # 2**5 * sh, 2**5 * sw; checked below

    def seg_input(seed):
        gen = torch.Generator().manual_seed(seed)
        label = blocky_map(2, H, W, opt.label_nc + 1, 14, gen)  # 0..5, 5 = don't-care (= label_nc)
        instance = blocky_map(2, H, W, 7, 10, gen, offset=26000)  # cityscapes-like ids
        return label, instance

    def warm(k):
        lab, inst = seg_input(1000 + k)
        return helper.preprocess_input({"label": lab, "instance": inst, "image": None})[0], None

    netG = build(SPADEGenerator, opt, GEN_WARMUP, warm)
    state = state_fp16(netG)
    sw, sh = netG.sw, netG.sh
    assert (H, W) == (2 ** 5 * sh, 2 ** 5 * sw)
    label, instance = seg_input(11)
    label[0, 0, 3:9, 5:17] = opt.label_nc
    semantics, _ = helper.preprocess_input({"label": label.clone(), "instance": instance.clone(),
                                            "image": torch.zeros(2, 3, H, W)})
    res = run_generator(netG, semantics, None, BLOCKS, after_eval=True)
    notes = bn_checks(netG, lambda c: torch.randn(2, c, 1, 2, generator=torch.Generator().manual_seed(5)))
    d = dict(torch=str(torch.__version__), opt=opt_dict(opt), state=state, label=label, instance=instance,
             semantics=semantics, sw=sw, sh=sh, out_h=H, out_w=W, warmup_forwards=GEN_WARMUP, **res, notes=notes)
    print("generator_seg: sw=%d sh=%d -> output %s" % (sw, sh, tuple(res["y_eval"].shape)))
    return save(d, "generator_seg.pt")


def make_generator_vae():
    from models.networks.generator import SPADEGenerator
    # crop_size 64 with 'most' gives sw = 64 // 2**7 = 0: record what the official code does with it
    opt64 = make_opt(label_nc=4, contain_dontcare_label=False, no_instance=True, ngf=2, crop_size=64,
                     aspect_ratio=1.0, num_upsampling_layers="most", use_vae=True, init_type=INIT_TYPE)
    err64 = try_error(lambda: SPADEGenerator(opt64)(torch.zeros(2, 4, 64, 64), z=torch.zeros(2, 256)))
    print("generator_vae at crop_size 64 / 'most':", err64)

    torch.manual_seed(2)
    opt = make_opt(label_nc=4, contain_dontcare_label=False, no_instance=True, ngf=2, crop_size=128,
                   aspect_ratio=1.0, num_upsampling_layers="most", use_vae=True, init_type=INIT_TYPE)
    helper = pix2pix_helper(opt)
    H, W = 128, 128  # 2**7 * sh, 2**7 * sw; checked below

    def vae_input(seed):
        gen = torch.Generator().manual_seed(seed)
        label = blocky_map(2, H, W, opt.label_nc, 16, gen)
        z = torch.randn(2, opt.z_dim, generator=gen)
        return label, z

    def warm(k):
        lab, z = vae_input(2000 + k)
        return helper.preprocess_input({"label": lab, "instance": 0, "image": None})[0], z

    netG = build(SPADEGenerator, opt, GEN_WARMUP, warm)
    state = state_fp16(netG)
    sw, sh = netG.sw, netG.sh
    assert (H, W) == (2 ** 7 * sh, 2 ** 7 * sw)
    label, z = vae_input(22)
    semantics, _ = helper.preprocess_input({"label": label.clone(), "instance": 0, "image": None})
    # keep the small block outputs only (the last ones are [2,2,64,64] and [2,1,128,128])
    res = run_generator(netG, semantics, z, ["fc", "head_0", "G_middle_0", "G_middle_1", "up_0", "up_1",
                                             "up_2"], after_eval=False)
    # semantics is not stored: it is exactly the one-hot of `label` (4 channels, no instance edges)
    assert torch.equal(semantics, torch.nn.functional.one_hot(label[:, 0], opt.label_nc).permute(0, 3, 1, 2).float())
    d = dict(torch=str(torch.__version__), opt=opt_dict(opt), state=state, label=label, z=z,
             sw=sw, sh=sh, out_h=H, out_w=W, warmup_forwards=GEN_WARMUP, **res, crop64_most_error=err64)
    print("generator_vae: sw=%d sh=%d -> output %s" % (sw, sh, tuple(res["y_eval"].shape)))
    return save(d, "generator_vae.pt")


# ----------------------------------------------------------------------------------------------------------
# 3: encoder
# ----------------------------------------------------------------------------------------------------------
def make_encoder():
    from models.networks.encoder import ConvEncoder
    opt128 = make_opt(ngf=4, crop_size=128, use_vae=True, init_type=INIT_TYPE)
    err128 = try_error(lambda: ConvEncoder(opt128)(torch.zeros(2, 3, 64, 64)))
    print("encoder at crop_size 128:", err128)

    torch.manual_seed(3)
    opt = make_opt(ngf=4, crop_size=256, use_vae=True, init_type=INIT_TYPE)
    netE = build(ConvEncoder, opt)
    state = state_fp16(netE)
    sigmas = sn_sigmas(netE)
    image = torch.rand(2, 3, 64, 64, generator=torch.Generator().manual_seed(33)) * 2 - 1
    netE.eval()
    with torch.no_grad():
        mu_eval, logvar_eval = netE(image)
    netE.train()
    with torch.no_grad():
        mu_train, logvar_train = netE(image)
    after = buffers_fp32(netE)
    netE.eval()
    with torch.no_grad():
        mu_eval_after, logvar_eval_after = netE(image)
    # reparameterisation: the official Pix2PixModel.reparameterize draws eps with randn_like; draw the same
    # eps from the same seed and check
    helper = pix2pix_helper(opt)
    torch.manual_seed(34)
    z_official = helper.reparameterize(mu_eval, logvar_eval)
    torch.manual_seed(34)
    eps = torch.randn_like(logvar_eval)
    z = eps * torch.exp(0.5 * logvar_eval) + mu_eval
    assert torch.equal(z, z_official)
    d = dict(torch=str(torch.__version__), opt=opt_dict(opt), state=state, image=image,
             mu_eval=mu_eval, logvar_eval=logvar_eval, mu_train=mu_train, logvar_train=logvar_train,
             state_after_train=after, mu_eval_after_train=mu_eval_after, logvar_eval_after_train=logvar_eval_after,
             eps=eps, z=z, crop128_error=err128, sn_sigma_eval=sigmas)
    save(d, "encoder.pt")
    return mu_eval, logvar_eval


# ----------------------------------------------------------------------------------------------------------
# 4, 5: discriminator and losses
# ----------------------------------------------------------------------------------------------------------
def make_discriminator_and_losses(mu_eval, logvar_eval):
    from models.networks.discriminator import MultiscaleDiscriminator
    from models.networks.loss import GANLoss, KLDLoss, VGGLoss
    torch.manual_seed(4)
    opt = make_opt(label_nc=5, contain_dontcare_label=True, no_instance=False, ndf=4, num_D=2, n_layers_D=4,
                   crop_size=64, init_type=INIT_TYPE)
    netD = build(MultiscaleDiscriminator, opt)
    state = state_fp16(netD)
    sigmas = sn_sigmas(netD)

    # the batch Pix2PixModel.discriminate builds: [cat(semantics, fake); cat(semantics, real)]
    gen = torch.Generator().manual_seed(44)
    label = blocky_map(1, 64, 64, opt.label_nc + 1, 12, gen)
    instance = blocky_map(1, 64, 64, 5, 8, gen, offset=1000)
    fake = torch.tanh(torch.randn(1, 3, 64, 64, generator=gen))
    real = torch.rand(1, 3, 64, 64, generator=gen) * 2 - 1
    helper = pix2pix_helper(opt)
    semantics, real_image = helper.preprocess_input({"label": label.clone(), "instance": instance.clone(),
                                                     "image": real.clone()})
    inp = torch.cat([torch.cat([semantics, fake], 1), torch.cat([semantics, real_image], 1)], 0)

    netD.eval()
    with torch.no_grad():
        out_eval = nested_clone(netD(inp))

    # ---- losses, on the eval outputs (before the training forward changes u/v) ----
    pred_fake, pred_real = helper.divide_pred(out_eval)
    crit = GANLoss(opt.gan_mode, tensor=torch.FloatTensor, opt=opt)
    crit_feat = nn.L1Loss()
    with torch.no_grad():
        d_fake = crit(pred_fake, False, for_discriminator=True)
        d_real = crit(pred_real, True, for_discriminator=True)
        g_gan = crit(pred_fake, True, for_discriminator=False)
        # GAN feature matching, as compute_generator_loss does it
        g_feat = torch.FloatTensor(1).fill_(0)
        num_D = len(pred_fake)
        for i in range(num_D):
            for j in range(len(pred_fake[i]) - 1):
                g_feat += crit_feat(pred_fake[i][j], pred_real[i][j].detach()) * opt.lambda_feat / num_D
        # the same through the official compute_generator_loss / compute_discriminator_loss, with netG
        # replaced by a stub that returns `fake` (no VGG, no VAE)
        opt_nv = make_opt(**{**vars(opt), "no_vgg_loss": True, "use_vae": False})
        h2 = pix2pix_helper(opt_nv)
        h2.netD = netD
        h2.netG = lambda sem, z=None: fake.clone()
        h2.criterionGAN = crit
        h2.criterionFeat = crit_feat
        G_losses, _ = h2.compute_generator_loss(semantics, real_image)
        D_losses = h2.compute_discriminator_loss(semantics, real_image)
    assert torch.equal(G_losses["GAN"], g_gan) and torch.equal(G_losses["GAN_Feat"], g_feat)
    assert torch.equal(D_losses["D_Fake"], d_fake) and torch.equal(D_losses["D_real"], d_real)

    kld_raw = KLDLoss()(mu_eval, logvar_eval)
    kld = kld_raw * opt.lambda_kld

    # VGG loss formula on stand-in features: the official VGGLoss.forward with its VGG19 replaced by the
    # identity on lists of feature tensors (the official __init__ downloads VGG19 and calls .cuda())
    fg = torch.Generator().manual_seed(45)
    shapes = [(2, 4, 16, 16), (2, 8, 8, 8), (2, 16, 4, 4), (2, 32, 2, 2), (2, 32, 1, 1)]
    x_feats = [torch.randn(s, generator=fg).relu() for s in shapes]
    y_feats = [torch.randn(s, generator=fg).relu() for s in shapes]
    vgg = VGGLoss.__new__(VGGLoss)
    nn.Module.__init__(vgg)
    vgg.vgg = nn.Identity()
    vgg.criterion = nn.L1Loss()
    vgg.weights = [1.0 / 32, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0]
    with torch.no_grad():
        vgg_from_feats = vgg(x_feats, y_feats)
    manual = sum(w * (x - y).abs().mean() for w, x, y in zip(vgg.weights, x_feats, y_feats))
    assert torch.allclose(vgg_from_feats, manual, rtol=1e-6, atol=0)

    # ---- discriminator training forward ----
    netD.train()
    with torch.no_grad():
        out_train = nested_clone(netD(inp))
    after = buffers_fp32(netD)

    # input = [cat(semantics, fake); cat(semantics, real)]; semantics = one-hot(label, 6) ++ get_edges(instance)
    dd = dict(torch=str(torch.__version__), opt=opt_dict(opt), state=state, input=inp, out_eval=out_eval,
              out_train=out_train, state_after_train=after, sn_sigma_eval=sigmas)
    save(dd, "discriminator.pt")

    ld = dict(torch=str(torch.__version__), opt=opt_dict(opt), pred_fake=pred_fake, pred_real=pred_real,
              d_fake=d_fake, d_real=d_real, g_gan=g_gan, g_feat=g_feat,
              lambda_feat=opt.lambda_feat, kld_mu=mu_eval, kld_logvar=logvar_eval, kld_unweighted=kld_raw,
              lambda_kld=opt.lambda_kld, kld=kld, vgg_weights=list(vgg.weights), vgg_x_feats=x_feats,
              vgg_y_feats=y_feats, vgg_from_feats=vgg_from_feats, lambda_vgg=opt.lambda_vgg)
    save(ld, "losses.pt")


# ----------------------------------------------------------------------------------------------------------
def describe(x, indent="  "):
    if torch.is_tensor(x):
        return "%s %s" % (str(x.dtype).replace("torch.", ""), list(x.shape))
    if isinstance(x, dict):
        return "{%d keys}" % len(x)
    if isinstance(x, list):
        return "[" + ", ".join(describe(y) for y in x) + "]"
    return repr(x)


def verify():
    total = 0
    for name in ["generator_seg.pt", "generator_vae.pt", "encoder.pt", "discriminator.pt", "losses.pt"]:
        path = os.path.join(HERE, name)
        size = os.path.getsize(path)
        total += size
        d = torch.load(path)
        print("== %s  (%d bytes)" % (name, size))
        for k, v in d.items():
            if k in ("state", "state_after_train") or (isinstance(v, dict) and k != "opt"):
                n = sum(t.numel() for t in v.values()) if all(torch.is_tensor(t) for t in v.values()) else None
                print("  %-26s dict, %d entries%s" % (k, len(v), "" if n is None else ", %d values" % n))
            elif k == "opt":
                print("  %-26s %s" % (k, v))
            else:
                print("  %-26s %s" % (k, describe(v)))
    print("total %d bytes" % total)


def replay():
    """Load each stored state into a freshly built official network and check that it reproduces the stored
    eval / train outputs and the buffers after the training forward exactly."""
    from models.networks.generator import SPADEGenerator
    from models.networks.encoder import ConvEncoder
    from models.networks.discriminator import MultiscaleDiscriminator

    def fresh(cls, d):
        net = cls(make_opt(**d["opt"]))
        net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in d["state"].items()})
        return net

    def same(a, b):
        if isinstance(a, (list, tuple)):
            return all(same(x, y) for x, y in zip(a, b))
        return torch.equal(a, b)

    def check(name, cls, run, outs):
        d = torch.load(os.path.join(HERE, name))
        net = fresh(cls, d)
        net.eval()
        with torch.no_grad():
            e = run(net, d)
        net.train()
        with torch.no_grad():
            t = run(net, d)
        ok = same(e, [d[k] for k in outs[0]]) and same(t, [d[k] for k in outs[1]])
        ok = ok and all(torch.equal(v, d["state_after_train"][k]) for k, v in buffers_fp32(net).items())
        print("replay %-18s %s" % (name, "exact" if ok else "MISMATCH"))
        assert ok

    helper = pix2pix_helper(make_opt(label_nc=5, contain_dontcare_label=True))
    check("generator_seg.pt", SPADEGenerator, lambda n, d: [n(d["semantics"])], (["y_eval"], ["y_train"]))
    check("generator_vae.pt", SPADEGenerator,
          lambda n, d: [n(torch.nn.functional.one_hot(d["label"][:, 0], 4).permute(0, 3, 1, 2).float().contiguous(), z=d["z"])],
          (["y_eval"], ["y_train"]))
    check("encoder.pt", ConvEncoder, lambda n, d: list(n(d["image"])),
          (["mu_eval", "logvar_eval"], ["mu_train", "logvar_train"]))
    check("discriminator.pt", MultiscaleDiscriminator, lambda n, d: [n(d["input"])], (["out_eval"], ["out_train"]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spade", default="/work/ref/SPADE")
    ap.add_argument("--sync-bn", default="/work/ref/Synchronized-BatchNorm-PyTorch")
    args = ap.parse_args()
    torch.set_num_threads(1)
    setup_imports(args.spade, args.sync_bn)
    make_generator_seg()
    make_generator_vae()
    mu, logvar = make_encoder()
    make_discriminator_and_losses(mu, logvar)
    verify()
    replay()


if __name__ == "__main__":
    main()
