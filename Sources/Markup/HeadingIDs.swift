/// Gives headings ids that are readable, stable across builds and unique within a page:
/// lower-case letters and digits of the text joined by `-`, then `-1`, `-2`, … for repeats.
struct HeadingIDs {
  private var used: [String: Int] = [:]

  /// The id for the next heading with this text.
  mutating func id(for text: String) -> String {
    var slug = ""
    var pendingDash = false
    for scalar in text.lowercased().unicodeScalars {
      if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        if pendingDash && !slug.isEmpty { slug += "-" }
        pendingDash = false
        slug.unicodeScalars.append(scalar)
      } else if scalar == " " || scalar == "-" || scalar == "_" || scalar == "." {
        pendingDash = true
      }
    }
    if slug.isEmpty { slug = "section" }
    if let count = used[slug] {
      var candidate = "\(slug)-\(count)"
      var next = count
      while used[candidate] != nil {
        next += 1
        candidate = "\(slug)-\(next)"
      }
      used[slug] = next + 1
      used[candidate] = 1
      return candidate
    }
    used[slug] = 1
    return slug
  }
}
