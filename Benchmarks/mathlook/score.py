"""The measure: ink boxes, their ratios, and the ink similarity of a rendering to LaTeX's.

Ink is every pixel darker than THRESHOLD (a fixed gray level, so anti-aliasing is cut the same
way everywhere). The similarity of a rendering B to LaTeX's A, both cropped to their ink: B is
scaled to A's size, by the one factor that best maps B's ink box onto A's (least squares over
width and height), then, at the best placement of B on A (B anywhere from flush left to flush
right of A and from flush top to flush bottom, give or take SLACK pixels),

    similarity = ½ (share of A's ink near B's ink + share of B's ink near A's ink)

where "near" is within NEAR pixels (Euclidean; a dilation by a disc). At 40 px to the em, NEAR =
2 px is 0.05 em: one pixel at a reading size of 20 px to the em. 1 is the same picture up to
that everywhere; a missing bar, a glyph that is not there or is in another place, a script set
higher or lower, or spacing that pushes the rest of the formula aside all lower it.

Two more measures are kept beside it: B scaled to A's height alone (the issue's example, and
this benchmark's measure until the third round), and B at the size it was shot at. Scaling by
the height alone is ill-conditioned for a long formula: its ink is 40 to 110 px high and 400 to
1200 px wide, so one pixel of height (anti-aliasing) scales the width by one or two percent and
moves the right end by 10 to 25 px. `self_check` measures that: LaTeX's own picture moved down
by half a pixel scores as low as 0.76 against itself by the height, and 0.99 by the box."""
from dataclasses import dataclass

import numpy as np
from PIL import Image

THRESHOLD = 128  # gray level (0 black, 255 white) below which a pixel is ink
NEAR = 2  # pixels: ink this close to the other image's ink counts as matched
SLACK = 2  # pixels of extra placement tried beyond flush left / flush right, and up or down


@dataclass
class Crop:
    image: Image.Image  # gray, cut to the ink's box
    clipped: bool  # ink reached the edge of its cell: the cell cut the formula off


def crop(cell):
    """The cell's image cut to its ink, or None where the cell has no ink."""
    mask = np.asarray(cell) < THRESHOLD
    rows = np.flatnonzero(mask.any(axis=1))
    columns = np.flatnonzero(mask.any(axis=0))
    if rows.size == 0:
        return None
    top, bottom, left, right = rows[0], rows[-1] + 1, columns[0], columns[-1] + 1
    clipped = top == 0 or left == 0 or bottom == mask.shape[0] or right == mask.shape[1]
    return Crop(cell.crop((int(left), int(top), int(right), int(bottom))), bool(clipped))


def ink(image):
    """The ink of a gray image, padded by NEAR blank pixels on each side."""
    return np.pad(np.asarray(image) < THRESHOLD, NEAR)


def dilate(mask, radius=NEAR):
    """Every pixel within `radius` pixels (Euclidean) of ink; `mask` has `radius` blank pixels
    on each side."""
    grown = mask.copy()
    height, width = mask.shape
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            if (dy, dx) == (0, 0) or dy * dy + dx * dx > radius * radius:
                continue
            grown[max(0, dy):height + min(0, dy), max(0, dx):width + min(0, dx)] |= \
                mask[max(0, -dy):height + min(0, -dy), max(0, -dx):width + min(0, -dx)]
    return grown


def correlate(x, y):
    """c[k] = Σ_p x[p] · y[p − d] for every offset d = k − (shape(y) − 1), by FFT."""
    shape = (x.shape[0] + y.shape[0] - 1, x.shape[1] + y.shape[1] - 1)
    fx = np.fft.rfft2(x.astype(np.float64), shape)
    fy = np.fft.rfft2(y[::-1, ::-1].astype(np.float64), shape)
    return np.rint(np.fft.irfft2(fx * fy, shape))


def scaled(image, height, width=None):
    """`image` scaled to `height`, and to `width` (default: its width by the same factor)."""
    if width is None:
        width = image.width * height / image.height
    return image.resize((max(1, round(width)), max(1, height)), Image.LANCZOS)


def box_factor(reference, rendering):
    """The scale s that best maps the rendering's ink box onto the reference's: the least
    squares of (s w − W) and (s h − H), for boxes w × h and W × H."""
    w, h, W, H = rendering.width, rendering.height, reference.width, reference.height
    return (w * W + h * H) / (w * w + h * h)


def similarity(reference, rendering, scale="box"):
    """The similarity in [0, 1] of `rendering` to `reference` (gray images cut to their ink).
    `scale`: "box", the rendering scaled by ``box_factor`` (the measure of the goal);
    "height", scaled to the reference's height; None, both at the size they were shot at
    (1 em = 40 px for every renderer)."""
    a = ink(reference)
    if scale == "height":
        b = ink(scaled(rendering, reference.height))
    elif scale == "box":
        factor = box_factor(reference, rendering)
        b = ink(scaled(rendering, max(1, round(rendering.height * factor)),
                       rendering.width * factor))
    else:
        b = ink(rendering)
    a_in_b = correlate(a, dilate(b))  # A's ink near B's, B placed at offset d
    b_in_a = correlate(dilate(a), b)  # B's ink near A's, at the same offset
    score = 0.5 * (a_in_b / a.sum() + b_in_a / b.sum())
    # Offsets d = (dy, dx) allowed: rows from flush top to flush bottom, columns from flush
    # left (0) to flush right (width difference), each give or take SLACK.
    dy0, dx0 = b.shape[0] - 1, b.shape[1] - 1  # index of d = (0, 0)
    span = a.shape[1] - b.shape[1]
    rise = a.shape[0] - b.shape[0]
    rows = slice(max(0, dy0 + min(0, rise) - SLACK), dy0 + max(0, rise) + SLACK + 1)
    columns = slice(max(0, dx0 + min(0, span) - SLACK), dx0 + max(0, span) + SLACK + 1)
    return float(min(1.0, score[rows, columns].max()))


def self_check(reference, shift=0.5):
    """LaTeX's picture against itself moved down by `shift` pixels (bilinear, then cropped to
    its ink again): (similarity by the box, by the height alone). Both would be 1 for a
    measure that no sub-pixel placement moves."""
    padded = Image.new("L", (reference.width + 8, reference.height + 8), 255)
    padded.paste(reference, (4, 4))
    moved = padded.transform(padded.size, Image.AFFINE, (1, 0, 0, 0, 1, -shift),
                             resample=Image.BILINEAR, fillcolor=255)
    again = crop(moved)
    return (similarity(reference, again.image), similarity(reference, again.image, "height"))


@dataclass
class Score:
    similarity: float  # scaled by the box (the goal's measure)
    height_scaled: float  # scaled to LaTeX's height alone
    same_size: float  # the similarity without scaling
    width: float  # rendering's ink width / LaTeX's
    height: float  # rendering's ink height / LaTeX's
    clipped: bool


def measure(reference, rendering):
    """The score of a rendering's Crop against LaTeX's; all zero for a rendering without ink."""
    if rendering is None:
        return Score(0.0, 0.0, 0.0, 0.0, 0.0, False)
    return Score(similarity(reference.image, rendering.image),
                 similarity(reference.image, rendering.image, "height"),
                 similarity(reference.image, rendering.image, None),
                 rendering.image.width / reference.image.width,
                 rendering.image.height / reference.image.height, rendering.clipped)
