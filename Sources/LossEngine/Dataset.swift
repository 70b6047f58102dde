#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Labelled inputs (x_i, y_i), labels 0-based.
public struct Dataset: Sendable, Equatable {
  /// The inputs x_i.
  public var inputs: [Vector]
  /// The labels y_i.
  public var labels: [Int]

  /// A dataset; `inputs` and `labels` must have the same length.
  public init(inputs: [Vector], labels: [Int]) {
    Validation.require(
      Validation.sameLength(labels.count, inputs.count, argument: "labels", expectedName: "inputs"))
    self.inputs = inputs
    self.labels = labels
  }

  /// The number of samples.
  public var count: Int { inputs.count }

  /// The number of distinct labels, 1 + max y_i.
  public var labelCount: Int { (labels.max() ?? -1) + 1 }

  /// k Gaussian blobs in 2-D: class c is centred at radius·(cos 2πc/k, sin 2πc/k) with
  /// standard deviation `spread`; `perClass` samples each, in class order.
  public static func blobs(
    classes k: Int, perClass: Int, radius: Double = 2, spread: Double = 0.5,
    using generator: inout SeededGenerator
  ) -> Dataset {
    Validation.require(Validation.nonEmpty(k, argument: "classes"))
    var inputs: [Vector] = []
    var labels: [Int] = []
    for c in 0..<k {
      let angle = 2 * Double.pi * Double(c) / Double(k)
      for _ in 0..<perClass {
        inputs.append([
          radius * cos(angle) + generator.gaussian(standardDeviation: spread),
          radius * sin(angle) + generator.gaussian(standardDeviation: spread),
        ])
        labels.append(c)
      }
    }
    return Dataset(inputs: inputs, labels: labels)
  }

  /// Two interleaved half-moons in 2-D (labels 0 and 1) with Gaussian noise `noise`.
  public static func twoMoons(
    perClass: Int, noise: Double = 0.1, using generator: inout SeededGenerator
  ) -> Dataset {
    var inputs: [Vector] = []
    var labels: [Int] = []
    for c in 0..<2 {
      for _ in 0..<perClass {
        let t = Double.pi * generator.uniform()
        let (px, py) = c == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
        inputs.append([
          px + generator.gaussian(standardDeviation: noise),
          py + generator.gaussian(standardDeviation: noise),
        ])
        labels.append(c)
      }
    }
    return Dataset(inputs: inputs, labels: labels)
  }

  /// k interleaved spiral arms in 2-D with Gaussian noise `noise`.
  public static func spiral(
    classes k: Int, perClass: Int, noise: Double = 0.05, using generator: inout SeededGenerator
  ) -> Dataset {
    Validation.require(Validation.nonEmpty(k, argument: "classes"))
    var inputs: [Vector] = []
    var labels: [Int] = []
    for c in 0..<k {
      for i in 0..<perClass {
        let r = Double(i + 1) / Double(perClass)
        let angle = 2 * Double.pi * (Double(c) / Double(k) + 0.75 * r)
        inputs.append([
          r * cos(angle) + generator.gaussian(standardDeviation: noise),
          r * sin(angle) + generator.gaussian(standardDeviation: noise),
        ])
        labels.append(c)
      }
    }
    return Dataset(inputs: inputs, labels: labels)
  }
}
