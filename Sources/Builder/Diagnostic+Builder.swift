import Markup

/// In this module a diagnostic is the pipeline's own (`Markup.Diagnostic`); the compiler's
/// messages about blocks (`BlockRecords.Diagnostic`) are converted to it where they are read.
public typealias Diagnostic = Markup.Diagnostic
