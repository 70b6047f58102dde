import Diagnostics
import Foundation
import Markup

extension ContentFolder {
  /// A file of the content folder and where its bytes really are (no symbolic link left in the
  /// path), so that reading it later cannot be sent elsewhere by a link.
  struct Entry: Sendable {
    /// The path relative to the content folder, with `/` separators.
    var relativePath: String
    /// The file's path with every symbolic link resolved.
    var realPath: String
  }

  /// Finds every file of a content folder, deciding about each symbolic link on the way.
  ///
  /// A symbolic link is followed only when what it leads to lies inside the content folder: a link
  /// to a file there counts as that file at the link's place, a link to a folder there as a copy
  /// of that folder. Any other link is an error at the link, and the link is left out: one that
  /// leads outside the content folder (it could publish any file the builder can read), leads
  /// nowhere, leads to a folder that holds it (a loop), or leads to a folder from inside a folder
  /// that was itself reached through a link (one such link per path, so that links cannot
  /// multiply the site). Pipes, sockets and devices are errors too: reading one could block or
  /// never end.
  struct Walk {
    /// The folder as the user named it, for messages.
    let path: String
    /// The folder with every symbolic link resolved.
    let realRoot: String
    /// Paths relative to the folder that are not content (an output folder inside it).
    let excluded: Set<String>
    /// The real paths of what is excluded and exists, so that a link cannot bring it back in.
    let excludedReal: [String]

    /// The files found, in no particular order.
    var files: [Entry] = []
    /// Links and special files that were left out, each an error at its path.
    var diagnostics: [Diagnostic] = []

    init(path: String, realRoot: String, excluded: Set<String>) {
      self.path = path
      self.realRoot = realRoot
      self.excluded = excluded
      excludedReal = excluded.sorted().compactMap {
        try? FileSystem.realPath(realRoot + "/" + $0)
      }
    }

    /// `Content/week1/hw.md` for `week1/hw.md`.
    func display(_ relative: String) -> String {
      relative.isEmpty ? path : ContentFolder.join(path, relative)
    }

    /// Whether `real` is the content folder or lies inside it.
    func isInside(_ real: String) -> Bool {
      real == realRoot || real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
    }

    /// Whether `real` is, or lies inside, something excluded.
    func isExcluded(_ real: String) -> Bool {
      excludedReal.contains { real == $0 || real.hasPrefix($0 + "/") }
    }

    mutating func leaveOut(_ relative: String, _ message: String) {
      diagnostics.append(
        .error(message + "; it is left out of the site", path: display(relative), at: nil))
    }

    /// Walks the folder whose real path is `real` and whose place in the content folder is
    /// `relative` (`""` for the content folder itself); `linked` when it was reached through a
    /// link to a folder.
    mutating func walk(_ real: String, relative prefix: String, linked: Bool) throws(ToolError) {
      let listing: (names: [String], undecodable: Int)
      do {
        listing = try FileSystem.list(real)
      } catch {
        throw ToolError("cannot list the folder '\(display(prefix))': \(error.reason)")
      }
      if listing.undecodable > 0 {
        diagnostics.append(
          .error(
            "\(listing.undecodable == 1 ? "a file name" : "\(listing.undecodable) file names") "
              + "in this folder are not valid UTF-8 and are left out of the site",
            path: display(prefix), at: nil))
      }
      for name in listing.names.sorted() {
        let relative = prefix.isEmpty ? name : prefix + "/" + name
        if ContentFolder.isHidden(name) || excluded.contains(relative)
          || (prefix.isEmpty && name == ContentFolder.themeFolder)
        {
          continue
        }
        let entry = real + "/" + name
        let kind: FileSystem.Kind?
        do {
          kind = try FileSystem.kind(at: entry)
        } catch {
          throw ToolError("cannot read '\(display(relative))': \(error.reason)")
        }
        switch kind {
        case nil:
          continue  // removed while the folder was read
        case .file?:
          if !isExcluded(entry) { files.append(Entry(relativePath: relative, realPath: entry)) }
        case .folder?:
          if !isExcluded(entry) { try walk(entry, relative: relative, linked: linked) }
        case .symbolicLink?:
          try follow(entry, relative: relative, from: real, linked: linked)
        case .special?:
          leaveOut(relative, "not a regular file (a pipe, socket or device)")
        }
      }
    }

    /// Follows the link at `link`, found in the folder whose real path is `folder`, when it leads
    /// inside the content folder.
    private mutating func follow(
      _ link: String, relative: String, from folder: String, linked: Bool
    ) throws(ToolError) {
      let target: String
      do {
        target = try FileSystem.realPath(link)
      } catch {
        leaveOut(relative, "symbolic link that leads nowhere (\(error.reason))")
        return
      }
      guard isInside(target) else {
        leaveOut(relative, "symbolic link to something outside the content folder")
        return
      }
      if isExcluded(target) { return }
      switch (try? FileSystem.kind(at: target)) ?? nil {
      case .file?:
        files.append(Entry(relativePath: relative, realPath: target))
      case .folder?:
        if folder == target || folder.hasPrefix(target + "/") {
          leaveOut(relative, "symbolic link to a folder that holds it (a loop)")
        } else if linked {
          leaveOut(
            relative,
            "symbolic link to a folder, inside a folder that is itself reached through a link "
              + "(hw follows one link to a folder per path)")
        } else {
          try walk(target, relative: relative, linked: true)
        }
      case nil:
        leaveOut(relative, "symbolic link that leads nowhere")
      case .symbolicLink?, .special?:
        leaveOut(relative, "symbolic link to something that is not a regular file or folder")
      }
    }

    /// The real path of a theme file (`_theme/page.html`), `nil` when there is none; a theme file
    /// is held to the same rules as any other.
    mutating func themeFile(_ name: String) throws(ToolError) -> String? {
      let relative = ContentFolder.themeFolder + "/" + name
      let file = realRoot + "/" + relative
      let kind: FileSystem.Kind?
      do {
        kind = try FileSystem.kind(at: file)
      } catch {
        if error.code == ENOTDIR { return nil }
        throw ToolError("cannot read '\(display(relative))': \(error.reason)")
      }
      guard let kind else { return nil }
      let target: String
      do {
        target = try FileSystem.realPath(file)
      } catch {
        leaveOut(relative, "symbolic link that leads nowhere (\(error.reason))")
        return nil
      }
      guard isInside(target) else {
        leaveOut(relative, "symbolic link to something outside the content folder")
        return nil
      }
      guard (try? FileSystem.kind(at: target)) == .file else {
        leaveOut(relative, kind == .folder ? "a folder, not a file" : "not a regular file")
        return nil
      }
      return target
    }
  }

  /// Whether a file or folder is hidden from the site: its name starts with one dot (`.git`,
  /// `.hw-cache`, the folders `hw build` keeps beside an output folder). A name that starts with
  /// two dots, such as `..notes`, is an ordinary name.
  public static func isHidden(_ name: String) -> Bool {
    name.hasPrefix(".") && !name.hasPrefix("..")
  }
}
