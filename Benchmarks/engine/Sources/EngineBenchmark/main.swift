// Times LinearEnergy.nllLossAndGradient on data written by bench.py.
//
// Usage: EngineBenchmark DIR N D BATCH BETA CALLS REPEATS
// DIR holds x.f64 (BATCH × D), w.f64 (N × D), b.f64 (N) as little-endian float64 and y.i64
// (BATCH) as little-endian int64. Prints one line: `seconds_per_call loss checksum`, where
// seconds_per_call is the best over REPEATS of the mean over CALLS calls.

import Foundation
import LossEngine

func readDoubles(_ url: URL, count: Int) -> [Double] {
  let data = try! Data(contentsOf: url)
  precondition(data.count == count * 8, "\(url.lastPathComponent) has the wrong size")
  return data.withUnsafeBytes { raw in
    (0..<count).map {
      Double(
        bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))
      )
    }
  }
}

let arguments = CommandLine.arguments

// `EngineBenchmark train`: the time of a homework-sized training run.
if arguments.count == 2 && arguments[1] == "train" {
  let clock = ContinuousClock()
  for (name, hidden) in [("linear", 0), ("multilayer h=16", 16)] {
    var g = SeededGenerator(seed: 1)
    let data = Dataset.twoMoons(perClass: 100, using: &g)
    var best = Duration.seconds(1000)
    var accuracy = 0.0
    for _ in 0..<3 {
      var g2 = SeededGenerator(seed: 2)
      let elapsed: Duration
      if hidden == 0 {
        var f = LinearEnergy(labels: 2, inputs: 2, scale: 0.1, using: &g2)
        elapsed = clock.measure {
          f.train(.hinge(margin: 1), on: data, steps: 3000, batchSize: 16, using: &g2)
        }
        accuracy = f.accuracy(on: data)
      } else {
        var f = MultilayerEnergy(labels: 2, inputs: 2, hidden: hidden, using: &g2)
        elapsed = clock.measure {
          f.train(.hinge(margin: 1), on: data, steps: 3000, batchSize: 16, using: &g2)
        }
        accuracy = f.accuracy(on: data)
      }
      best = min(best, elapsed)
    }
    print(
      "train \(name): 3000 steps of SGD+momentum, batch 16, hinge loss: \(best), accuracy \(accuracy)"
    )
  }
  exit(0)
}

guard arguments.count == 8 else {
  FileHandle.standardError.write(
    "usage: EngineBenchmark DIR N D BATCH BETA CALLS REPEATS\n".data(using: .utf8)!)
  exit(2)
}
let dir = URL(fileURLWithPath: arguments[1])
let (n, d, batch) = (Int(arguments[2])!, Int(arguments[3])!, Int(arguments[4])!)
let beta = Double(arguments[5])!
let (calls, repeats) = (Int(arguments[6])!, Int(arguments[7])!)

let x = Matrix(
  rows: batch, columns: d,
  scalars: readDoubles(dir.appendingPathComponent("x.f64"), count: batch * d))
let w = Matrix(
  rows: n, columns: d, scalars: readDoubles(dir.appendingPathComponent("w.f64"), count: n * d))
let b = Vector(readDoubles(dir.appendingPathComponent("b.f64"), count: n))
let labels = readDoubles(dir.appendingPathComponent("y.i64"), count: batch).map {
  Int(Int64(bitPattern: $0.bitPattern))
}
let energy = LinearEnergy(weights: w, bias: b)

var result = energy.nllLossAndGradient(inputs: x, labels: labels, beta: beta)
var best = Double.infinity
let clock = ContinuousClock()
for _ in 0..<repeats {
  let elapsed = clock.measure {
    for _ in 0..<calls { result = energy.nllLossAndGradient(inputs: x, labels: labels, beta: beta) }
  }
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  best = min(best, seconds / Double(calls))
}
let checksum =
  result.weights.scalars.reduce(0, +) + result.bias.scalars.reduce(0, +)
  + result.weights.scalars.enumerated().reduce(0) { $0 + Double($1.offset % 7) * $1.element }
print(best, result.loss, checksum)
