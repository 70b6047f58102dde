#if canImport(Glibc)
  import Glibc
#endif

/// Whether the targets skip inputs that hit findings already reported and left to be fixed
/// elsewhere (see the README's findings), so that a run goes on looking for new problems. Set
/// `HW_FUZZ_ALL=1` to fuzz those inputs too, for example to check a fix.
public enum KnownFindings {
  public static let skipped: Bool = getenv("HW_FUZZ_ALL") == nil
}
