"""netD parity fixture for gan4j (ours, not Microsoft's): the official CoCosNet multiscale discriminator with the
released ade20k flags (--use_attention: self-attention before model3; the unused `dec`; 4x4 convs padded by 1),
ndf 8, n_layers_D 4, num_D 2, norm_D spectralinstance, weights by make_fixtures.py's formula, eval mode, on
[seg_map ; ref_img] of the ade20k fixture inputs. Writes d_ade20k.pt/.json beside itself.

    /usr/bin/python3 make_d_fixture.py            # --cocosnet DIR --sync-bn DIR for other paths
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cocosnet", default="/work/ref/CoCosNet")
    ap.add_argument("--sync-bn", default="/work/ref/Synchronized-BatchNorm-PyTorch")
    ap.add_argument("--mirror", default="/work/.mirror/microsoft+CoCosNet/repo")
    args = ap.parse_args()
    torch.set_num_threads(1)
    mf.COMMIT = mf.git_head(args.mirror)
    mf.setup_imports(os.path.abspath(args.cocosnet), os.path.abspath(args.sync_bn))
    from models import networks
    opt = mf.copy_opt(mf.make_opt(mf.ADE20K), netD="multiscale", netD_subarch="n_layer", ndf=8, n_layers_D=4,
                      num_D=2, no_ganFeat_loss=False, D_cam=0.0, use_attention_st1=False)
    torch.manual_seed(3)
    net, keys, printed = mf.build(networks.define_D, opt)
    inp = mf.ade20k_inputs(opt)
    x = torch.cat([inp["seg_map"], inp["ref_img"]], dim=1)
    with torch.no_grad():
        result, _, _ = net(x)
    d = {"input": x}
    for i, scale in enumerate(result):
        for j, t in enumerate(scale):
            d["out.%d.%d" % (i, j)] = t
    meta = mf.common_meta(opt, keys, printed, net)
    meta["notes"] = {
        "outputs": {k: list(v.shape) for k, v in d.items()},
        "attn_gamma": [float(getattr(net, "discriminator_%d" % i).attn.gamma) for i in range(2)],
        "dec_used_in_forward": False,
    }
    mf.save(d, "d_ade20k.pt")
    mf.save_json(meta, "d_ade20k.json")
    print("d_ade20k: %d state entries, %d values; %s" % (meta["num_state_entries"], meta["num_state_values"],
                                                          meta["notes"]))


if __name__ == "__main__":
    main()
