"""Draws patch SWD against training time (the figure of docs/singan.md) from measured points given on the command
line; each series is LABEL=MINUTES:SWD,MINUTES:SWD,... Optional REF=LABEL:SWD draws a horizontal reference line.

    /usr/bin/python3 bench/swd_vs_time_plot.py OUT.png "SinGAN=7.7:43.7,90:34.1" "ConSinGAN=8.1:80.7,17.9:43.3" \
        REF=floor:27.2
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

out = sys.argv[1]
fig, ax = plt.subplots(figsize=(6, 3.6), dpi=100)
for arg in sys.argv[2:]:
    label, values = arg.split("=", 1)
    if label == "REF":
        name, y = values.split(":")
        ax.axhline(float(y), color="gray", linestyle=":", linewidth=1)
        ax.text(1.02, float(y), name, color="gray", va="bottom", fontsize=8, transform=ax.get_yaxis_transform())
        continue
    pts = [tuple(map(float, p.split(":"))) for p in values.split(",")]
    ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=label)
ax.set_xscale("log")
ax.set_xlabel("training time on 2 cores (minutes, log scale)")
ax.set_ylabel("patch SWD x1000 (lower is closer)")
ax.grid(True, which="both", alpha=0.3)
ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(out)
