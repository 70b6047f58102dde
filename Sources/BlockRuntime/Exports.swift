// A verification block sees the engine and the plots without importing them.
@_exported import Figures
@_exported import LossEngine

#if canImport(Glibc)
  import Glibc
#endif

/// The absolute path of `relative` in the content folder, which blocks may read, never write
/// (its Markdown, data files and the rest; nothing beside it). A changed file there runs every
/// page again. Print what a file holds, not its path: the path is this machine's.
public func contentFile(_ relative: String) -> String {
  guard let folder = getenv("HW_CONTENT") else { return relative }
  return String(cString: folder) + "/" + relative
}
