"""The measure: ink boxes, their ratios, and the ink similarity of a rendering to LaTeX's.

Ink is every pixel darker than THRESHOLD (a fixed gray level, so anti-aliasing is cut the same
way everywhere). The similarity of a rendering B to LaTeX's A, both cropped to their ink: B is
scaled to A's height (its width by the same factor), then, at the best placement of B on A (B
anywhere from flush left to flush right of A, give or take SLACK pixels, and up to SLACK up or
down),

    similarity = ½ (share of A's ink near B's ink + share of B's ink near A's ink)

where "near" is within NEAR pixels (Euclidean; a dilation by a disc). At 40 px to the em, NEAR =
2 px is 0.05 em: one pixel at a reading size of 20 px to the em. 1 is the same picture up to
that everywhere; a missing bar, a glyph that is not there or is in another place, a script set
higher or lower, or spacing that pushes the rest of the formula aside all lower it."""
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


def scaled(image, height):
    """`image` scaled to `height`, its width by the same factor."""
    width = max(1, round(image.width * height / image.height))
    return image.resize((width, height), Image.LANCZOS)


def similarity(reference, rendering, scale=True):
    """The similarity in [0, 1] of `rendering` to `reference` (gray images cut to their ink).
    `scale`: the rendering is first scaled to the reference's height (the measure of the goal);
    without it both stay at the size they were shot at (1 em = 40 px for every renderer), and
    the rendering may also sit anywhere from flush top to flush bottom. Scaling a long formula
    whose ink is a pixel or two shorter or taller than LaTeX's (a script one pixel higher)
    widens or narrows it by as many percent, which moves its right end by tens of pixels: the
    second measure shows what is left without that."""
    a = ink(reference)
    b = ink(scaled(rendering, reference.height) if scale else rendering)
    a_in_b = correlate(a, dilate(b))  # A's ink near B's, B placed at offset d
    b_in_a = correlate(dilate(a), b)  # B's ink near A's, at the same offset
    score = 0.5 * (a_in_b / a.sum() + b_in_a / b.sum())
    # Offsets d = (dy, dx) allowed: rows within SLACK; columns from flush left (0) to flush
    # right (width difference), give or take SLACK.
    dy0, dx0 = b.shape[0] - 1, b.shape[1] - 1  # index of d = (0, 0)
    span = a.shape[1] - b.shape[1]
    rise = 0 if scale else a.shape[0] - b.shape[0]
    rows = slice(max(0, dy0 + min(0, rise) - SLACK), dy0 + max(0, rise) + SLACK + 1)
    columns = slice(max(0, dx0 + min(0, span) - SLACK), dx0 + max(0, span) + SLACK + 1)
    return float(min(1.0, score[rows, columns].max()))


@dataclass
class Score:
    similarity: float
    same_size: float  # the similarity without scaling
    width: float  # rendering's ink width / LaTeX's
    height: float  # rendering's ink height / LaTeX's
    clipped: bool


def measure(reference, rendering):
    """The score of a rendering's Crop against LaTeX's; all zero for a rendering without ink."""
    if rendering is None:
        return Score(0.0, 0.0, 0.0, 0.0, False)
    return Score(similarity(reference.image, rendering.image),
                 similarity(reference.image, rendering.image, scale=False),
                 rendering.image.width / reference.image.width,
                 rendering.image.height / reference.image.height, rendering.clipped)
