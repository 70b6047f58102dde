/// The heat-map colour ramp: dark violet → blue → teal → green → yellow, perceptually
/// increasing in lightness and readable with the common colour-vision deficiencies (the shape
/// of viridis), interpolated linearly in sRGB between nine control points of our own.
enum ColorRamp {
  /// Control points at t = 0, 1/8, …, 1 as (r, g, b) in 0…255.
  static let controlPoints: [(Double, Double, Double)] = [
    (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
    (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
  ]

  /// The number of palette entries used for values; entry `levels` is "no value" (transparent).
  static let levels = 255

  /// The colour at t in [0, 1] (clamped).
  static func rgb(_ t: Double) -> (UInt8, UInt8, UInt8) {
    let u = t.clamped(to: 0...1) * Double(controlPoints.count - 1)
    let i = min(Int(u), controlPoints.count - 2)
    let f = u - Double(i)
    let a = controlPoints[i]
    let b = controlPoints[i + 1]
    func mix(_ p: Double, _ q: Double) -> UInt8 {
      UInt8((p + (q - p) * f).rounded().clamped(to: 0...255))
    }
    return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
  }

  /// The 256-entry palette: `levels` ramp colours, then transparent black for missing values.
  static let palette: [(UInt8, UInt8, UInt8)] =
    (0..<levels).map {
      rgb(Double($0) / Double(levels - 1))
    } + [(0, 0, 0)]

  /// The palette index of `value` on `range`; non-finite values get the transparent entry.
  @inline(__always)
  static func index(_ value: Double, lo: Double, scale: Double) -> UInt8 {
    guard value.isFinite else { return UInt8(levels) }
    let t = ((value - lo) * scale).rounded()
    guard !t.isNaN else { return 0 }
    return UInt8(t.clamped(to: 0...Double(levels - 1)))
  }
}
