#!/usr/bin/env python3
"""Writes a large Markdown document (about SIZE_MB megabytes) with prose, inline and display
math, Swift code blocks, lists and quotes: the shape of a homework, repeated."""
import sys

size_mb = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
section = r"""
## Part {n}: the Gibbs distribution

For an input $x$ and answers $y \in \{{1, \dots, n\}}$ the model gives energies $F_W(x, y)$ and
probabilities $P(y \mid x) = e^{{-\beta F_W(x, y)}} / Z$, where $Z = \sum_{{y'}} e^{{-\beta F_W(x, y')}}$.
As $\beta \to \infty$ the mass moves to $\hat y = \operatorname{{argmin}}_y F_W(x, y)$; as
$\beta \to 0$ it spreads evenly. *Emphasis*, **strong** and `code` stand beside the math, and
prices such as $5 and $6 stay prose.

$$
\frac{{\partial \ell}}{{\partial W}} = \frac{{\partial F_W(x, y)}}{{\partial W}}
  - \sum_{{y'}} P(y' \mid x) \, \frac{{\partial F_W(x, y')}}{{\partial W}}
$$

- the hinge loss $[F^+ - F^- + m]^+$ with margin $m = {n}$;
- the log loss $\log(1 + e^{{F^+ - F^-}})$, a soft hinge;
- the square-square loss $([F^+]^+)^2 + ([m - F^-]^+)^2$.

> A quoted remark with $a_{{i}}^{{2}}$ and $b_{{j}}$, and a [link](https://example.org/{n}).

```swift
let energies = (0..<{n}).map {{ Double($0) * 0.5 }}
let logZ = energies.reduce(0) {{ $0 + exp(-$1) }}
print(logZ)
```
"""
out = []
total = 0
n = 0
while total < size_mb * 1_000_000:
    text = section.format(n=n)
    out.append(text)
    total += len(text.encode())
    n += 1
with open(sys.argv[1], "w") as f:
    f.write("# A large document\n" + "".join(out))
