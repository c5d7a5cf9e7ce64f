# Reference reconstruction of an official SinGAN model: all scales driven by z_opt (deterministic).
import sys, torch
sys.path.insert(0, '/work/ref/singan')
from config import get_arguments
import SinGAN.functions as functions
from SinGAN.manipulate import SinGAN_generate
parser = get_arguments()
parser.add_argument('--input_dir', default='Input/Images')
parser.add_argument('--input_name', default='landscape.png')
parser.add_argument('--mode', default='train')
opt = parser.parse_args(['--not_cuda', '--max_size', sys.argv[1]])
opt = functions.post_config(opt)
real = functions.read_image(opt)
functions.adjust_scales2image(real, opt)
Gs, Zs, reals, NoiseAmp = functions.load_trained_pyramid(opt)
out = SinGAN_generate(Gs, Zs, reals, NoiseAmp, opt, gen_start_scale=len(Gs), num_samples=1)
torch.save(out.detach().clone(), sys.argv[2])
print('scale_factor', opt.scale_factor, 'out', tuple(out.shape), 'noise_amp', [float(a) for a in NoiseAmp])
