#!/usr/bin/env python3
"""Writes torchvision's training-transform outputs on the committed fixture image, with every random
parameter pinned, so the Java transforms can be checked op by op.

Cases: openai-clip (Resize(size) bicubic + CenterCrop(size)) on the fixture and on it rotated by 90
degrees (portrait); resized_crop with given boxes (the RandomResizedCrop op); the same followed by
hflip and the ColorJitter ops in a given order with given factors. All end with ToTensor + Normalize.
Run with Debian's python3-torchvision:  /usr/bin/python3 tools/golden/gen_train_transform_golden.py
Reads fixture.png and writes train.json under core/src/test/resources/golden/transforms/.
"""
import json
import os

import numpy as np
import torchvision
from PIL import Image
from torchvision import transforms as T
from torchvision.transforms import functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "..", "core", "src", "test", "resources", "golden", "transforms")
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]
BICUBIC = T.InterpolationMode.BICUBIC
ADJUST = {"BRIGHTNESS": F.adjust_brightness, "CONTRAST": F.adjust_contrast,
          "SATURATION": F.adjust_saturation}

# (left, top, width, height), output size, flip, jitter (order, brightness, contrast, saturation)
CROPS = [
    ((5, 3, 40, 40), 32, False, None),
    ((0, 0, 61, 47), 16, False, None),
    ((10, 7, 23, 31), 64, False, None),
    ((5, 3, 40, 40), 32, True, None),
    ((2, 1, 50, 44), 24, False, (["BRIGHTNESS", "CONTRAST", "SATURATION"], 1.37, 0.64, 0.81)),
    ((2, 1, 50, 44), 24, True, (["SATURATION", "BRIGHTNESS", "CONTRAST"], 0.61, 1.39, 1.25)),
    ((8, 6, 30, 36), 48, False, (["CONTRAST", "SATURATION", "BRIGHTNESS"], 1.05, 1.22, 0.6)),
]


def finish(img):
    # 6 decimals keep the file small and are far below the 1/255 tolerance
    x = T.Compose([T.ToTensor(), T.Normalize(MEAN, STD)])(img).flatten().tolist()
    return [round(v, 6) for v in x]


def main():
    fixture = Image.open(os.path.join(OUT_DIR, "fixture.png")).convert("RGB")
    cases = []
    for rotate in (False, True):
        img = fixture.transpose(Image.Transpose.ROTATE_90) if rotate else fixture
        for size in (16, 40, 64):
            tf = T.Compose([T.Resize(size, interpolation=BICUBIC), T.CenterCrop(size)])
            cases.append({"op": "openai-clip", "rotate90": rotate, "size": size, "chw": finish(tf(img))})
    for (left, top, w, h), size, flip, jitter in CROPS:
        img = F.resized_crop(fixture, top, left, h, w, [size, size], interpolation=BICUBIC)
        case = {"op": "resized_crop", "box": [left, top, w, h], "size": size, "flip": flip}
        if flip:
            img = F.hflip(img)
        if jitter:
            order, *factors = jitter
            # the Java side keeps factors as 32-bit floats, as PIL's blend does
            factors = [float(np.float32(f)) for f in factors]
            for op in order:
                img = ADJUST[op](img, factors[["BRIGHTNESS", "CONTRAST", "SATURATION"].index(op)])
            case["jitter"] = {"order": order, "brightness": factors[0], "contrast": factors[1],
                              "saturation": factors[2]}
        case["chw"] = finish(img)
        cases.append(case)
    out = os.path.join(OUT_DIR, "train.json")
    with open(out + ".tmp", "w") as f:
        json.dump({"generator": "torchvision " + torchvision.__version__, "mean": MEAN, "std": STD,
                   "cases": cases}, f)
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
