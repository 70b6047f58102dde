/// Placeholder so the target builds before its module lands.
enum MarkupModulePlaceholder {}
