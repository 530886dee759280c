#!/usr/bin/python3
"""Builds a small retrieval benchmark of real images in UnED layout from Debian-packaged game artwork.

Three domains, named after their content; a class is one character and its images are distinct
drawings or renderings of it (animation frames, attack/defend poses, viewing angles):

  units      Battle for Wesnoth unit sprites (wesnoth-1.16-data, GPL-2+): one unit type, its poses
  droids     FreedroidRPG droid portraits (freedroidrpg-data, GPL-2+): one droid model, rendered
             from 8 angles of its turntable animation
  creatures  SuperTux creature sprites (supertux-data, GPL-3+/CC-BY-SA): one creature, its frames

Classes are split at random (fixed seed) into train / val / test, disjoint, so val and test hold only
classes never trained on; each is searched against itself (test -> test, the query itself removed),
as UnED's SOP and Cars are. Each image is a scene: the character cut out (sprites by their alpha,
droid renders by keying out their black background), at a random size, place and facing, on a random
crop of the same game's scenery, 96x96 RGB. The object keeps its identity while its surroundings
change, as in photos, so whole-image colour (the 8x8 thumbnail baseline) is not enough to match it.
Output (same seed, same packages: same bytes):

  OUT/info_files/<domain>/{train,val,test}.json   [{"path": "<domain>/<split>/<class>/NN.png", "class_id": N}]
  OUT/images/<domain>/<split>/<class>/NN.png
  OUT/SOURCES.txt                                 packages, versions, licences, class counts

Needs Debian's python3-pil and apt-get/dpkg-deb (the .deb files are fetched into --cache once).
Usage: tools/make-artwork-benchmark.py OUT [--cache DIR] [--seed 7] [--per-class 8] [--max-classes 150]
"""
import argparse
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

# domain: (package, folder of the characters, folder of the game's own scenery, licence)
PACKAGES = {
    "units": ("wesnoth-1.16-data", "usr/share/games/wesnoth/1.16/data/core/images/units",
              "usr/share/games/wesnoth/1.16/data/core/images/story", "GPL-2+"),
    "droids": ("freedroidrpg-data", "usr/share/freedroidrpg/data/graphics/droids",
               "usr/share/freedroidrpg/data/graphics/backgrounds", "GPL-2+"),
    "creatures": ("supertux-data", "usr/share/games/supertux2/images/creatures",
                  "usr/share/games/supertux2/images/background", "GPL-3+ / CC-BY-SA"),
}
SPLITS = (("train", 0.5), ("val", 0.2), ("test", 0.3))
MIN_IMAGES = 4
CANVAS = 96
# a droid portrait is a render on black: darker pixels are its background
DARK = 24


def unpack(package, cache):
    """Downloads the package's .deb into cache (once) and unpacks it; returns (root, version)."""
    cache.mkdir(parents=True, exist_ok=True)
    debs = sorted(cache.glob(package + "_*.deb"))
    if not debs:
        subprocess.run(["apt-get", "download", package], cwd=cache, check=True)
        debs = sorted(cache.glob(package + "_*.deb"))
    deb = debs[-1]
    root = cache / package
    if not root.is_dir():
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    version = subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], check=True, capture_output=True,
                             text=True).stdout.strip()
    return root, version


def unit_classes(top):
    """Wesnoth: in each folder, a unit is a base image <name>.png and its <name>-<pose>.png frames."""
    classes = {}
    for folder in sorted({p.parent for p in top.rglob("*.png")}):
        stems = sorted(p.stem for p in folder.glob("*.png"))
        bases = [s for s in stems if not any(s.startswith(b + "-") for b in stems if b != s)]
        for stem in stems:
            owner = max((b for b in bases if stem == b or stem.startswith(b + "-")), key=len, default=None)
            if owner is not None:
                key = (folder.relative_to(top) / owner).as_posix().replace("/", "__").replace("+", "_")
                classes.setdefault(key, []).append(folder / (stem + ".png"))
    return classes


def droid_classes(top):
    """FreedroidRPG: each droid model's turntable portrait frames."""
    return {d.name: sorted(d.glob("portrait_*.jpg")) for d in sorted(top.iterdir()) if d.is_dir()}


def creature_classes(top):
    """SuperTux: every frame under one creature's folder."""
    return {d.name: sorted(d.rglob("*.png")) for d in sorted(top.iterdir()) if d.is_dir()}


FINDERS = {"units": unit_classes, "droids": droid_classes, "creatures": creature_classes}


def spread(files, n):
    """n files evenly spaced over the sorted list: distinct poses/angles rather than neighbouring frames."""
    if len(files) <= n:
        return files
    return [files[round(i * (len(files) - 1) / (n - 1))] for i in range(n)]


def sprite(src):
    """The character cut out as RGBA: transparent sprites as they are, renders on black keyed out."""
    image = Image.open(src)
    image.load()
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
    else:
        rgba = image.convert("RGB").convert("RGBA")
        rgba.putalpha(image.convert("L").point(lambda v: 255 if v > DARK else 0))
    box = rgba.getchannel("A").point(lambda v: 255 if v > 32 else 0).getbbox()
    return rgba.crop(box) if box else rgba


def sceneries(top):
    """The game's own opaque background artwork, at least one canvas in size."""
    found = []
    for f in sorted(list(top.rglob("*.png")) + list(top.rglob("*.jpg"))):
        image = Image.open(f)
        if min(image.size) < CANVAS // 2:
            continue
        image = image.convert("RGBA")
        alpha = image.getchannel("A")
        if sum(alpha.histogram()[250:]) >= 0.98 * image.size[0] * image.size[1]:
            found.append(f)
    return found


def scene(src, backgrounds, rng):
    """The character at a random size, place and facing on a random crop of the game's scenery."""
    bg = Image.open(rng.choice(backgrounds)).convert("RGB")
    side = rng.randint(min(bg.size) // 2, min(bg.size)) if min(bg.size) > CANVAS else min(bg.size)
    x, y = rng.randint(0, bg.size[0] - side), rng.randint(0, bg.size[1] - side)
    canvas = bg.crop((x, y, x + side, y + side)).resize((CANVAS, CANVAS), Image.BICUBIC)
    fig = sprite(src)
    scale = rng.uniform(0.55, 0.95) * CANVAS / max(fig.size)
    fig = fig.resize((max(1, round(fig.size[0] * scale)), max(1, round(fig.size[1] * scale))), Image.BICUBIC)
    if rng.random() < 0.5:
        fig = fig.transpose(Image.FLIP_LEFT_RIGHT)
    canvas.paste(fig, (rng.randint(0, CANVAS - fig.size[0]), rng.randint(0, CANVAS - fig.size[1])), fig)
    return canvas


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--cache", type=Path, default=Path("artwork-debs"), help="where the .deb files are kept")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-class", type=int, default=8, help="images kept per class (evenly spread)")
    ap.add_argument("--max-classes", type=int, default=150, help="classes kept per domain (random)")
    args = ap.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        sys.exit(f"{args.out}: exists and is not empty; give a new folder")
    tmp = args.out.with_name(args.out.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    sources = []
    for domain, (package, subdir, scenery, licence) in PACKAGES.items():
        root, version = unpack(package, args.cache)
        found = FINDERS[domain](root / subdir)
        backgrounds = sceneries(root / scenery)
        if not backgrounds:
            sys.exit(f"{package}: no opaque scenery image in {scenery}")
        usable = sorted(k for k, files in found.items() if len(files) >= MIN_IMAGES)
        rng = random.Random(f"{args.seed}/{domain}")
        rng.shuffle(usable)
        usable = usable[:args.max_classes]
        start = 0
        counts = []
        for i, (split, share) in enumerate(SPLITS):
            end = len(usable) if i == len(SPLITS) - 1 else start + round(share * len(usable))
            items = []
            for class_id, key in enumerate(sorted(usable[start:end]), start=start):
                for n, src in enumerate(spread(found[key], args.per_class)):
                    rel = f"{domain}/{split}/{key}/{n:02d}.png"
                    dst = tmp / "images" / rel
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    scene(src, backgrounds, random.Random(f"{args.seed}/{rel}")).save(dst, "PNG")
                    items.append({"path": rel, "class_id": class_id})
            info = tmp / "info_files" / domain / f"{split}.json"
            info.parent.mkdir(parents=True, exist_ok=True)
            info.write_text(json.dumps(items, indent=0) + "\n")
            counts.append(f"{split} {end - start} classes / {len(items)} images")
            start = end
        counts.append(f"{len(backgrounds)} scenery images")
        sources.append(f"{domain}: {package} {version} ({licence}), {subdir}: " + ", ".join(counts))
    (tmp / "SOURCES.txt").write_text("\n".join(sources) + "\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.out.exists():
        args.out.rmdir()
    tmp.rename(args.out)
    print("\n".join(sources))


if __name__ == "__main__":
    main()
