#!/usr/bin/env python3
"""Writes the upstream inference transform's output on a committed fixture image.

Upstream: torchvision Resize((size, size), BICUBIC) on a PIL image, ToTensor, Normalize(mean, std).
Run with Debian's python3-torchvision:  /usr/bin/python3 tools/golden/gen_transform_golden.py
Outputs under core/src/test/resources/golden/transforms/: fixture.png and inference.json.
"""
import json
import os

import numpy as np
import torch
import torchvision
from PIL import Image
from torchvision import transforms as T

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "..", "core", "src", "test", "resources", "golden", "transforms")
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]


def fixture_image():
    """A 61x47 image with edges, gradients and noise: stresses both shrinking and enlarging."""
    rng = np.random.default_rng(0)
    h, w = 47, 61
    yy, xx = np.mgrid[0:h, 0:w]
    r = (xx * 255 / (w - 1))
    g = ((xx // 6 + yy // 6) % 2) * 200 + 30
    b = 128 + 100 * np.sin(xx / 3.0) * np.cos(yy / 5.0)
    img = np.stack([r, g, b], axis=-1) + rng.normal(0, 12, (h, w, 3))
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    img = fixture_image()
    png = os.path.join(OUT_DIR, "fixture.png")
    img.save(png + ".tmp.png")
    os.replace(png + ".tmp.png", png)
    cases = []
    for size in (16, 32, 64):
        tf = T.Compose([T.Resize((size, size), interpolation=T.InterpolationMode.BICUBIC),
                        T.ToTensor(), T.Normalize(MEAN, STD)])
        x = tf(Image.open(png).convert("RGB"))
        cases.append({"size": size, "chw": x.flatten().tolist()})
    out = os.path.join(OUT_DIR, "inference.json")
    with open(out + ".tmp", "w") as f:
        json.dump({"generator": "torchvision " + torchvision.__version__, "mean": MEAN, "std": STD,
                   "cases": cases}, f)
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
